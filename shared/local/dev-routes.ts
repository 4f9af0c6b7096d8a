/**
 * @module dev-routes
 * What the local runtime answers besides the functions: the stand-ins for the parties we
 * cannot reach (Stripe's checkout and dashboard, Twitch, drand's beacon, Ko-fi and Shopify, Discord's REST
 * API), the `/_local/*` windows into what happened (outbox, dead letters, faults, health),
 * the local clock (`POST /_local/clock`), the playground (`/_local/play`),
 * and the public pages Firebase Hosting serves in production.
 */
import express from 'express';
import { dirname, resolve } from 'node:path';
import type { Config } from '../config';
import type { Clock } from '../ports';
import { twitchEventSubCallbackUrl, twitchRedirectUri } from '../onboarding';
import type { DevSecrets } from './dev-secrets';
import { mountStripeSimulator } from './stripe/simulator';
import { mountDisputeRoutes } from './stripe/dispute-routes';
import { mountTwitchSimulator } from './twitch-simulator';
import { mountShopSimulator } from './shop-simulator';
import { mountErrorPages } from './error-pages';
import { mountSitePages } from './site-pages';
import { mountDiscordApi } from './discord-api';
import { publicKeyHexOf } from './discord-signing';
import { mountDiscordOAuthSimulator, type DiscordOAuthSimulatorDeps } from './discord-oauth-simulator';
import { PlayWorldBook, playGuild } from './playground/play-world';
import { discordRedirectUri } from '../dashboard';
import { describeFaultPlan } from './faults/fault-plan';
import type { FunctionProcess } from './function-process';
import type { LocalPlatform } from './local-platform';
import { mountClockRoute, type ClockControl } from './clock-route';
import { mountDrandStandIn } from './drand-stand-in';
import { mountPlayground } from './playground/play-routes';
import { localHostGuard } from './local-host-guard';
import type { TraceJournal } from './trace-journal';
import { mountTraceRoutes } from './trace-routes';
import { reconcileAll } from '../payments';
import { mountCarrierRoutes } from './carrier/local-routes';

export interface DevRoutesOptions {
  local: LocalPlatform;
  config: Config;
  secrets: DevSecrets;
  clock: Clock;
  /** What `POST /_local/clock` moves and runs. */
  clockControl: ClockControl;
  url: string;
  internalUrl: string;
  webRoot: string;
  processes: readonly FunctionProcess[];
  cpuUsage(): Promise<Record<string, NodeJS.CpuUsage>>;
  /** Every line written inside a trace, by any process. */
  traces: TraceJournal;
}

/**
 * What the local Discord's sign-in knows of the playground: its server's name (so the dashboard
 * shows it) and its people, from the same book the playground acts as them from, offered by name.
 */
function playgroundSignIn(book: PlayWorldBook): Pick<DiscordOAuthSimulatorDeps, 'guildName' | 'people'> {
  return {
    guildName: (id) => (id === playGuild.id ? playGuild.name : undefined),
    people: () =>
      book.world().people.map((p) => {
        const staff = p.role === 'admin' || p.role === 'show host';
        return { id: p.id, name: p.name, role: p.role, adminGuilds: staff ? [playGuild.id] : [], memberGuilds: staff ? [] : [playGuild.id] };
      }),
  };
}

export function mountDevRoutes(app: express.Express, options: DevRoutesOptions): void {
  const { local, secrets, url } = options;
  app.use('/_local', localHostGuard());
  const playWorld = new PlayWorldBook(resolve(options.config.dataDir));
  // Before Discord's REST stand-in: both answer under /_local/discord/api, which ends in a catch-all.
  mountDiscordOAuthSimulator(app, {
    clientId: secrets.DISCORD_APPLICATION_ID as string,
    clientSecret: secrets.DISCORD_CLIENT_SECRET as string,
    redirectUris: [...new Set([discordRedirectUri(options.config.publicBaseUrl), discordRedirectUri(url)])],
    now: () => options.clock.now().getTime(),
    ...playgroundSignIn(playWorld),
  });
  mountDiscordApi(app, local.outbox, local.faults, {
    id: secrets.DISCORD_APPLICATION_ID as string,
    verifyKey: secrets.DISCORD_PRIVATE_KEY ? publicKeyHexOf(secrets.DISCORD_PRIVATE_KEY) : undefined,
  });
  mountStripeSimulator(app, { payments: local.payments });
  // The local Stripe's own log of the writes it was sent (when each arrived, which its limiter refused): the bench counts a second's writes here.
  app.get('/_local/stripe/writes', (_req, res) => void res.json({ writes: local.stripeWrites() }));
  mountDisputeRoutes(app, local.payments);
  mountCarrierRoutes(app, local.carrier);
  mountShopSimulator(app, {
    store: local.shopSecrets,
    clock: options.clock,
    baseUrl: url,
    deploymentSecrets: { kofi: secrets.KOFI_VERIFICATION_TOKEN, shopify: secrets.SHOPIFY_WEBHOOK_SECRET },
  });
  mountTwitchSimulator(app, {
    twitch: local.twitch,
    oauthCallbackUrl: twitchRedirectUri(url),
    eventSubUrl: twitchEventSubCallbackUrl(url),
    eventSubSecret: secrets.TWITCH_EVENTSUB_SECRET as string,
    clock: options.clock,
    chat: {
      chat: local.twitchChat,
      botUserId: options.config.twitchBot.userId,
      ...(secrets.TWITCH_CLIENT_ID ? { clientId: secrets.TWITCH_CLIENT_ID } : {}),
      ...(secrets.TWITCH_CLIENT_SECRET ? { clientSecret: secrets.TWITCH_CLIENT_SECRET } : {}),
    },
  });
  mountOutboxRoutes(app, local);
  app.get('/_local/dead-letters', (_req, res) => res.json({ entries: local.bus.deadLetters }));
  app.get('/_local/faults', (_req, res) => res.json({ plan: local.faultPlan ? describeFaultPlan(local.faultPlan) : 'off', injected: local.faultCounts() }));
  app.get('/_local/health', async (_req, res) =>
    res.json({
      ok: true,
      auctionBook: local.bookEndpoint.kind === 'memory' ? 'in-memory' : local.bookEndpoint.kind,
      // The production clients' edges in use (C500_PRODUCTION_CLIENTS): none by default.
      productionEdges: [...local.productionEdges],
      // Where this process listens behind the ingress: a watcher reads the outbox here without costing the ingress.
      runtimeUrl: options.internalUrl,
      // A process with a port of its own says where: a load generator can reach a webhook as its sender reaches the deployed function.
      processes: [
        { role: 'runtime', pid: process.pid },
        ...(await Promise.all(
          options.processes.map(async (p) => {
            const url = await p.httpUrl().catch(() => undefined);
            return { role: p.role, pid: p.pid(), restarts: p.restarts(), ...(url ? { url } : {}) };
          }),
        )),
      ],
      subscriptions: local.bus.stats(),
      // What a watcher waits on before it calls the runtime quiet: messages not yet settled, tasks due soon or running,
      // and Stripe events their endpoint has not yet taken (sent again in the background, as Stripe does).
      unsettledMessages: local.bus.unsettled,
      tasksDueSoon: local.tasks.dueWithin(45_000),
      stripeEventsUndelivered: local.stripeEventsUndelivered(),
    }),
  );
  mountDrandStandIn(app, { clock: options.clock });
  mountReconcileRoute(app, local, options.clock);
  mountTraceRoutes(app, options.traces);
  app.get('/_local/cpu', async (_req, res) => res.json(await options.cpuUsage()));
  mountStoreRoutes(app, local);
  const playFeed = mountPlayground(app, {
    url,
    projectRoot: dirname(options.webRoot),
    world: playWorld,
    privateKey: secrets.DISCORD_PRIVATE_KEY,
    applicationId: secrets.DISCORD_APPLICATION_ID as string,
    clock: options.clock,
    outbox: local.outbox,
    twitchChat: local.twitchChat,
    streamer: {
      store: local.store,
      isModerator: (broadcasterId, userId) => local.twitch.isModerator(broadcasterId, userId),
      botUserId: options.config.twitchBot.userId,
    },
  });
  mountClockRoute(app, options.clockControl, () => void playFeed.add({ kind: 'clock' }));
  mountSitePages(app, options.webRoot, {
    baseUrl: options.config.publicBaseUrl,
    applicationId: secrets.DISCORD_APPLICATION_ID,
    dataController: options.config.dataController,
  });
  app.use(express.static(options.webRoot, { extensions: ['html'] }));
  mountErrorPages(app, options.webRoot);
}

/** What the bot sent to Discord, in order, and a user's DMs closed or opened as Discord would refuse them. */
function mountOutboxRoutes(app: express.Express, local: LocalPlatform): void {
  // `?after=<seq>`: only what was sent since, so a watcher can follow a busy outbox cheaply.
  app.get('/_local/outbox', (req, res) => {
    const after = Number(req.query.after ?? 0);
    const { entries, refused } = local.outbox;
    // `lastSeq`: where a reader that wants only what comes next starts (`?after=` past the end answers no entries).
    res.json({ entries: Number.isSafeInteger(after) && after > 0 ? entries.slice(after) : entries, refused, lastSeq: entries.length });
  });
  // A user closes (or opens) their DMs from the server: Discord then refuses DMs to them with 50007.
  app.post('/_local/discord/users/:userId/dms/:state', (req, res) => {
    const { userId, state } = req.params;
    if (state !== 'close' && state !== 'open') return void res.status(404).json({ error: 'use …/dms/close or …/dms/open' });
    if (state === 'close') local.outbox.closeDms(userId);
    else local.outbox.openDms(userId);
    res.json({ userId, dms: state === 'close' ? 'closed' : 'open' });
  });
}

/** `npm run reconcile` against this runtime: the journal held to the local Stripe's ledger, as the daily job does (`?since=` an ISO date). */
function mountReconcileRoute(app: express.Express, local: LocalPlatform, clock: Clock): void {
  app.get('/_local/reconcile', async (req, res) => {
    const since = new Date(String(req.query.since ?? '1970-01-01'));
    if (Number.isNaN(since.getTime())) return void res.status(400).json({ error: 'since is an ISO date, e.g. 2026-11-01' });
    res.json(await reconcileAll({ store: local.store, payments: local.payments, clock }, since));
  });
}

/** Firestore sustains about one write a second per document: the busiest ones since the start, or since the last reset. */
function mountStoreRoutes(app: express.Express, local: LocalPlatform): void {
  app.get('/_local/store/hottest', (req, res) => {
    // `?limit=` up to 10,000: a benchmark sums every document's writes from it.
    const limit = Math.min(10_000, Math.max(1, Number.parseInt(String(req.query.limit ?? '5'), 10) || 5));
    res.json({ documents: local.embedded?.store.hottestDocuments(limit) ?? [] });
  });
  app.post('/_local/store/hottest/reset', (_req, res) => {
    local.embedded?.store.resetWriteCounts();
    res.json({ reset: true });
  });
}
