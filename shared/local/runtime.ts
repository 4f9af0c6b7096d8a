/**
 * @module runtime
 * The local runtime: every registry function on embedded adapters, with the routes of
 * DESIGN section 7. Given `functionProcessEntry`, the Discord ingress and the bid subscriber
 * run in processes of their own, as in production (see `function-process`); the rest run
 * here, beside the store, bus, task queue and outbox they share. Functions are handed in
 * by the caller (functions/ may import shared/, never the reverse).
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { loadConfig, type Config } from '../config';
import { log, redactSecrets } from '../log';
import { lazy, type HostedFunction, type Platform } from '../platform';
import { systemClock, type Clock, type PubSubHandler } from '../ports';
import { functionRegistry, registryEntry, subscriptionName, topicOf, queues, type FunctionEntry } from '../registry';
import { LocalDocumentStore } from '../adapters/firestore/local-document-store';
import { LocalEventBus } from '../adapters/pubsub/local-event-bus';
import { LocalTaskQueue } from '../adapters/cloud-tasks/local-task-queue';
import { DiscordOutbox } from '../adapters/discord/discord-outbox';
import { LocalPayments } from '../adapters/stripe/local-payments';
import { LocalTwitch } from '../adapters/twitch/local-twitch';
import { shopConnectionsFrom } from '../adapters/shops/shop-connections';
import { shopSecretsDatabase } from '../domain/races/shop-connection';
import { fillDevSecrets, type DevSecrets } from './dev-secrets';
import { makeStripeEventSender, mountStripeSimulator } from './stripe-simulator';
import { mountTwitchSimulator } from './twitch-simulator';
import { mountShopSimulator } from './shop-simulator';
import { mountErrorPages } from './error-pages';
import { mountSitePages } from './site-pages';
import { twitchEventSubCallbackUrl, twitchRedirectUri } from '../app/onboarding/link-twitch-channel';
import { rawBodyReader } from './raw-body';
import { throttledLines } from './throttled-lines';
import { FrontDoor } from './front-door';
import { grantedPublisher, grantedTaskQueue } from './grants';
import { chooseBookEndpoint, openAuctionBook } from './auction-book-connection';
import { startFunctionProcess, type FunctionProcess, type HostFunction } from './function-process';

export type { HostFunction };

/**
 * The functions that run in processes of their own when `functionProcessEntry` is given.
 * A herd of bids is the one load measured to outrun an event loop shared by its ingress
 * and its subscriber (`npm run bench:auction`): Discord waits 3 s for the one while the
 * other works. The other functions use the embedded store, which lives in this process,
 * and their load is a few messages a second, each capped at its function's concurrency.
 */
const ownProcesses = [
  { role: 'ingress', functions: ['discordInteractions'] },
  // Only with a book other processes can reach: an in-memory one lives here.
  { role: 'subscribers', functions: ['auctionBids'], needsSharedBook: true },
] as const;

export interface LocalRuntimeOptions {
  hostFunction: HostFunction;
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides PORT; 0 picks a free port (tests). */
  port?: number;
  clock?: Clock;
  /** Pub/Sub redelivery back-off; tests shorten it. */
  busBackoff?: { minMs: number; maxMs: number };
  print?: (line: string) => void;
  /**
   * The compiled script that serves functions in processes of their own
   * (`dist/scripts/function-process.js`); without it every function runs here.
   */
  functionProcessEntry?: string;
}

export interface LocalRuntime {
  url: string;
  config: Config;
  secrets: DevSecrets;
  generatedSecrets: string[];
  outbox: DiscordOutbox;
  bus: LocalEventBus;
  store: LocalDocumentStore;
  tasks: LocalTaskQueue;
  /** The simulators standing in for Stripe and Twitch. */
  payments: LocalPayments;
  twitch: LocalTwitch;
  /** The processes of their own the ingress and the bid subscriber run in, when they do. */
  processes: FunctionProcess[];
  /** CPU each process of the runtime has used so far, as each measures it (`process.cpuUsage()`). */
  cpuUsage(): Promise<Record<string, NodeJS.CpuUsage>>;
  /** Runs a scheduled function now, as its timer (Cloud Scheduler in production) would: its answer's status and JSON. */
  runScheduled(name: string): Promise<{ status: number; body: unknown }>;
  /** Waits until every published message, and every task due within a second, has been handled. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const base = loadConfig({ ...env, C500_RUNTIME: 'local', ...(options.port !== undefined ? { PORT: String(options.port) } : {}) });
  const dataDir = resolve(base.dataDir);
  const { secrets, generated } = fillDevSecrets(base.secrets, dataDir);
  redactSecrets(Object.values(secrets));
  const clock = options.clock ?? systemClock;

  const store = new LocalDocumentStore({ snapshotFile: join(dataDir, 'store.json') });
  // Production keeps the shops' secrets in a database of their own; so does the local runtime, so code that reads them from the wrong one fails here.
  const shopSecrets = new LocalDocumentStore({ snapshotFile: join(dataDir, 'shop-secrets.json'), database: shopSecretsDatabase });
  const bus = new LocalEventBus({ projectId: base.projectId, ...(options.busBackoff ? { backoff: options.busBackoff } : {}) });
  const outbox = new DiscordOutbox(throttledLines(print, { most: 20, windowMs: 1_000, moreAt: 'GET /_local/outbox' }), { clock });
  const bookEndpoint = await chooseBookEndpoint(base, env);
  const book = openAuctionBook(bookEndpoint, base.redisKeyPrefix);

  const app = express();
  app.disable('x-powered-by');
  // Nobody compares these answers by tag; computing one hashes every JSON answer.
  app.set('etag', false);
  // Keep the bytes as sent: every ingress verifies its signature on the raw body.
  const readBody = rawBodyReader(1024 * 1024);
  app.use(readBody);
  const frontDoor = new FrontDoor(app, readBody);

  // With an ingress process, it owns the public port (opened here, so its address is known
  // now, and handed over) and this process listens privately behind it.
  const publicSocket = options.functionProcessEntry ? await openSocket(base.port) : undefined;
  const server = await frontDoor.listen(publicSocket ? 0 : base.port);
  const port = ((publicSocket ?? server).address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const internalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config: Config = {
    ...base,
    port,
    publicBaseUrl: env.C500_PUBLIC_BASE_URL ? base.publicBaseUrl : url,
    tasksBaseUrl: url,
    // Every link a person opens points at the local runtime, which plays the outside party.
    twitchAuthorizeUrl: env.C500_TWITCH_AUTHORIZE_URL ? base.twitchAuthorizeUrl : `${url}/_local/twitch/authorize`,
    secrets,
  };

  const tasks = new LocalTaskQueue({
    store,
    clock,
    maxAttempts: (queue) => queues.find((q) => q.name === queue)?.maxAttempts ?? 5,
    deliver: async (target, body, headers) => (await fetch(`${internalUrl}${target}`, { method: 'POST', body, headers })).status,
  });

  const payments = new LocalPayments({
    store,
    baseUrl: url,
    clock,
    platformCountry: config.platformCountry,
    sendEvent: makeStripeEventSender(
      `${url}/webhooks/stripe`,
      { platform: secrets.STRIPE_WEBHOOK_SECRET as string, connect: secrets.STRIPE_CONNECT_WEBHOOK_SECRET as string },
      clock,
    ),
  });
  const twitch = new LocalTwitch({ store, clock });

  const platform: Platform = {
    config,
    clock,
    store: () => store,
    publisher: () => bus,
    tasks: () => tasks,
    discord: () => outbox,
    auctionBook: () => book.book,
    payments: () => payments,
    twitch: () => twitch,
    // Read through every time: a secret `/race connect` saves is in force at once.
    shopConnections: lazy(() => shopConnectionsFrom((path) => shopSecrets.get(path), { clock, ttlMs: 0 })),
    shopSecrets: () => shopSecrets,
  };

  // Each function may publish and schedule only where terraform lets it, so a missing grant shows up here first.
  const granted = (entry: FunctionEntry): Platform => ({
    ...platform,
    publisher: lazy(() => grantedPublisher(entry, (topic, data, o) => bus.publish(topic, data, o))),
    tasks: lazy(() => grantedTaskQueue(entry, tasks)),
  });
  const wanted = options.functionProcessEntry ? ownProcesses.filter((own) => !('needsSharedBook' in own && bookEndpoint.kind === 'memory')) : [];
  const processes = await Promise.all(
    wanted.map((own) => {
      const functions = functionRegistry.filter((e) => (own.functions as readonly string[]).includes(e.name));
      const front = functions.some((e) => e.kind === 'http') && publicSocket ? { listener: publicSocket, backendUrl: internalUrl } : undefined;
      return startFunctionProcess({
        entry: options.functionProcessEntry as string,
        role: own.role,
        functions,
        config,
        book: bookEndpoint,
        env,
        clock,
        discord: outbox,
        tasks,
        bus,
        ...(front ? { front } : {}),
      });
    }),
  );
  const processOf = new Map(wanted.flatMap((own, i) => own.functions.map((name) => [name as string, processes[i] as FunctionProcess] as const)));
  // Handed over: only the ingress process takes connections on it now.
  publicSocket?.close();

  for (const entry of functionRegistry) {
    const elsewhere = processOf.get(entry.name);
    if (entry.kind === 'pubsub') {
      const topic = topicOf(entry.topic);
      const handler = elsewhere ? elsewhere.handlerFor(entry.name) : pubsubHandler(options.hostFunction(entry, granted(entry)));
      // No more at once than one instance of the function takes: the figure terraform deploys.
      bus.subscribe(entry.topic, subscriptionName(entry), handler, {
        maxDeliveryAttempts: topic.maxDeliveryAttempts,
        deadLetterTopic: topic.deadLetterTopic,
        concurrency: entry.concurrency,
      });
    } else if (!elsewhere) {
      const hosted = options.hostFunction(entry, granted(entry));
      if (hosted.kind !== 'pubsub') frontDoor.mount(entry.route, hosted.handler);
    }
  }

  // Cloud Scheduler's stand-in: each scheduled function on a timer at its registry period.
  const runScheduled = async (name: string) => {
    const entry = registryEntry(name, 'scheduled');
    const answer = await fetch(`${internalUrl}${entry.route}`, { method: 'POST' });
    const text = await answer.text();
    return { status: answer.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const timers = functionRegistry.flatMap((entry) =>
    entry.kind === 'scheduled'
      ? [
          setInterval(
            () => void runScheduled(entry.name).catch((error: unknown) => log.warn('scheduled run failed', { function: entry.name, error })),
            entry.everyMinutes * 60_000,
          ).unref(),
        ]
      : [],
  );

  mountStripeSimulator(app, { payments });
  mountShopSimulator(app, {
    store: shopSecrets,
    clock,
    baseUrl: url,
    deploymentSecrets: { kofi: secrets.KOFI_VERIFICATION_TOKEN, shopify: secrets.SHOPIFY_WEBHOOK_SECRET },
  });
  mountTwitchSimulator(app, {
    twitch,
    oauthCallbackUrl: twitchRedirectUri(url),
    eventSubUrl: twitchEventSubCallbackUrl(url),
    eventSubSecret: secrets.TWITCH_EVENTSUB_SECRET as string,
    clock,
  });
  // `?after=<seq>`: only what was sent since, so a watcher can follow a busy outbox cheaply.
  app.get('/_local/outbox', (req, res) => {
    const after = Number(req.query.after ?? 0);
    res.json({ entries: Number.isSafeInteger(after) && after > 0 ? outbox.entries.slice(after) : outbox.entries, refused: outbox.refused });
  });
  // A user closes (or opens) their DMs from the server: Discord then refuses DMs to them with 50007.
  app.post('/_local/discord/users/:userId/dms/:state', (req, res) => {
    const { userId, state } = req.params;
    if (state !== 'close' && state !== 'open') return void res.status(404).json({ error: 'use …/dms/close or …/dms/open' });
    if (state === 'close') outbox.closeDms(userId);
    else outbox.openDms(userId);
    res.json({ userId, dms: state === 'close' ? 'closed' : 'open' });
  });
  app.get('/_local/dead-letters', (_req, res) => res.json({ entries: bus.deadLetters }));
  app.get('/_local/health', (_req, res) =>
    res.json({
      ok: true,
      auctionBook: bookEndpoint.kind === 'memory' ? 'in-memory' : bookEndpoint.kind,
      // Where this process listens behind the ingress: a watcher reads the outbox here without costing the ingress.
      runtimeUrl: internalUrl,
      processes: [{ role: 'runtime', pid: process.pid }, ...processes.map((p) => ({ role: p.role, pid: p.pid() }))],
      subscriptions: bus.stats(),
    }),
  );
  app.get('/_local/cpu', async (_req, res) => res.json(await cpuUsage()));
  mountSitePages(app, join(projectRoot(), 'web'), { baseUrl: config.publicBaseUrl, applicationId: secrets.DISCORD_APPLICATION_ID });
  app.use(express.static(join(projectRoot(), 'web'), { extensions: ['html'] }));
  mountErrorPages(app, join(projectRoot(), 'web'));

  const rearmed = await tasks.rearm();
  if (rearmed > 0) log.info('re-armed waiting tasks', { count: rearmed });

  const cpuUsage = async (): Promise<Record<string, NodeJS.CpuUsage>> => ({
    runtime: process.cpuUsage(),
    ...Object.fromEntries(await Promise.all(processes.map(async (p) => [p.role, await p.cpuUsage()] as const))),
  });

  return {
    url,
    config,
    secrets,
    generatedSecrets: generated,
    outbox,
    bus,
    store,
    tasks,
    payments,
    twitch,
    processes,
    cpuUsage,
    runScheduled,
    settle: async () => {
      // A handled message may schedule a task and a task may publish: loop until quiet.
      // Tasks due later (a checkout's deadline, a hammer in an hour) are not waited for.
      for (let i = 0; i < 100; i++) {
        // Messages the ingress process published are on their way here until it says otherwise.
        await Promise.all(processes.map((p) => p.sync()));
        await bus.idle();
        if (tasks.dueWithin(1_000) === 0) return;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      tasks.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections(); // keep-alive clients would hold close() open
      await closed;
      await bus.idle();
      for (const p of processes) await p.close();
      await store.close();
      await shopSecrets.close();
      await book.close();
    },
  };
}

/**
 * Connections waiting to be accepted. Node's 511 overflowed under a herd (a crowd opens
 * connections in bursts whenever answers slow for a moment), and a dropped SYN costs its
 * sender a whole second before it tries again.
 */
const listenBacklog = 4096;

/** A socket listening on 127.0.0.1, for the ingress process to take over. */
function openSocket(port: number): Promise<NetServer> {
  // Until it is handed over, a connection that slips in is closed: nobody here would answer it.
  const socket = createNetServer((connection) => connection.destroy());
  return new Promise((resolveSocket, reject) => {
    socket.once('error', reject);
    socket.listen(port, '127.0.0.1', listenBacklog, () => resolveSocket(socket));
  });
}

function pubsubHandler(hosted: HostedFunction): PubSubHandler {
  if (hosted.kind !== 'pubsub') throw new Error('a Pub/Sub function must host as a subscriber');
  return hosted.handler;
}

/** The folder with package.json: the same from `shared/local` (tests) and `dist/shared/local`. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
