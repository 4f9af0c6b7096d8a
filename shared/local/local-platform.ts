/**
 * @module local-platform
 * The outside world as the local runtime plays it: the embedded store (and the shops'
 * secrets in a database of their own), Pub/Sub, Cloud Tasks, Discord's outbox, Stripe and
 * Twitch's stand-ins, the auction book, and the fault plan that makes them misbehave on
 * purpose (`C500_FAULTS`, off by default). Nothing here runs a function: they are handed
 * this platform (in this process), or reach it from their own (see function-hosting).
 * Functions always reach Stripe's stand-in with the production adapter, stripe-node over
 * HTTP against the local Stripe served here (stripe/api-server), which injects Stripe's
 * faults. Under the production-clients switch, they reach the book with `@upstash/redis`
 * through a local Upstash endpoint, its faults injected at that HTTP edge
 * (production-edges), and Pub/Sub runs on its emulator, delivered as push subscriptions
 * deliver (emulator-event-bus).
 */
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from '../config';
import { log } from '../log';
import { lazy, type Platform } from '../platform';
import { twitchScopes, type Clock, type DiscordMessenger, type DocumentStore, type TwitchChat } from '../ports';
import { pubsubRetryPolicy, queues } from '../registry';
import { openPlatformStores, type PlatformStores } from './platform-stores';
import { LocalEventBus, type BusFaults, type DeadLetter } from './pubsub/event-bus';
import { LocalTaskQueue, type TaskFaults } from './cloud-tasks/task-queue';
import { DiscordOutbox } from './discord/discord-outbox';
import { LocalPayments } from '../local/stripe/payments';
import { LocalTwitch, localTwitchUser } from './twitch/twitch';
import { LocalTwitchChat } from './twitch/twitch-chat';
import { shopConnectionsFrom } from '../adapters/shops/shop-connections';
import { SentStripeEvents } from './stripe/sent-events';
import { StripeRedelivery } from './stripe/redelivery';
import { WebhookHold } from './stripe/webhook-hold';
import { makeStripeEventSender, resendStripeEvents, type StripeEndpointSecrets } from './stripe/event-sender';
import { throttledLines } from './throttled-lines';
import { redisAnswers } from './redis-probe';
import { chooseBookEndpoint, openAuctionBook, type BookEndpoint, type OpenedBook } from './auction-book-connection';
import { FaultInjector, totalFaultCounts } from './faults/fault-injector';
import { describeFaultPlan, readFaultPlan, type FaultKind, type FaultPlan } from './faults/fault-plan';
import { faultyTwitchChat } from './faults/faulty-twitch-chat';
import { discordApiMessenger, discordApiPath } from './discord-api';
import { discordOAuthFor } from '../adapters/discord/discord-oauth-client';
import { productionEdgesOn, type ProductionEdge } from './production-edges';
import { stripeOverHttp } from './stripe/production-adapter';
import { serveStripeApi, type ServedStripeApi } from './stripe/api-server';
import { stripeWritesPerSecond } from './stripe/per-second-limit';
import { startUpstashBridge, type UpstashBridge } from './upstash-bridge';
import { productionClientsOn } from './production-clients';
import type { RuntimeEventBus } from './runtime-event-bus';
import type { EmulatorEventBus } from './emulator-event-bus';
import type { Backoff } from './emulator-puller';
import type { KeptState } from './kept-state';
import type { Journal } from './journal';
import { describeLatencyProfile, readLatencyProfile, type LatencyProfile } from './latency/latency-profile';
import { LatencyDrawer } from './latency/latency-drawer';
import { LocalCarrier } from './carrier/world';
import { serveCarrierApi, type CarrierApiLimits, type ServedCarrierApi } from './carrier/api-server';
import { carrierWebhookSender } from './carrier/webhook-sender';
import { carrierOverHttp } from './carrier/production-adapter';

export interface LocalPlatformOptions {
  config: Config;
  env: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  clock: Clock;
  print: (line: string) => void;
  /** Pub/Sub redelivery back-off: the deployed subscriptions' unless given (tests shorten it). */
  busBackoff?: { minMs: number; maxMs: number };
  /** What a runtime killed on the same data folder kept, to go on from (production clients only). */
  kept?: KeptState;
  /** Where the runtime's own server answers: tasks are delivered there, Discord's REST stand-in too. */
  internalUrl: string;
  /** The public URL: Stripe's stand-in sends its webhooks there. */
  url: string;
  /** The compiled local Upstash endpoint (`dist/scripts/upstash-bridge.js`), started under the production-clients switch. */
  upstashBridgeEntry?: string;
}

export interface LocalPlatform {
  platform: Platform;
  /** The runtime's own handle on the store (never faulty): the embedded one, or the emulator under the production clients. */
  store: DocumentStore;
  shopSecrets: DocumentStore;
  /** The embedded stores, as other processes reach them over RPC; none under the production clients. */
  embedded: PlatformStores['embedded'];
  /** Under the production clients: where function processes point their own Firestore SDK. */
  firestoreHost: string | undefined;
  bus: RuntimeEventBus;
  /** Under the production clients: the bus as a facade over the Pub/Sub emulator, whose messages the runtime delivers. */
  emulatorBus: EmulatorEventBus | undefined;
  tasks: LocalTaskQueue;
  outbox: DiscordOutbox;
  /** Stripe's stand-in as the simulator and the served API drive it (paying, refunding): never faulty, never a function's. */
  payments: LocalPayments;
  twitch: LocalTwitch;
  /** Twitch chat's side: the bot's messages under Twitch's limits (never faulty; functions get it through the faults). */
  twitchChat: LocalTwitchChat;
  bookEndpoint: BookEndpoint;
  book: OpenedBook;
  faultPlan: FaultPlan | undefined;
  /** How long outside services take to answer the functions (`C500_LATENCY`), each process drawing its own waits. */
  latencyProfile: LatencyProfile | undefined;
  /** The runtime's own faults; other processes report theirs with `noteFault`. */
  faults: FaultInjector | undefined;
  noteFault(kind: FaultKind): void;
  faultCounts(): Record<FaultKind, number>;
  /** Functions talk to Discord through its REST stand-in, with the production client, when Discord is to misbehave. */
  discordApiUrl: string | undefined;
  /** The carrier's stand-in (EasyPost's side): what `/_local/carrier/*` shows and moves. */
  carrier: LocalCarrier;
  /** Where `@easypost/api` reaches the carrier's stand-in (its `baseUrl`), and the key and webhook secret of this run. */
  carrierApi: { baseUrl: string; apiKey: string; webhookSecret: string };
  /** Resolves once every webhook the carrier's stand-in is sending has been taken or given up on (its retries included). */
  carrierWebhooksSent(): Promise<void>;
  /** Where stripe-node reaches the local Stripe, for every process's functions (Stripe's faults are injected there). */
  stripeApi: ServedStripeApi['endpoint'];
  /** Every write the local Stripe was sent, as it saw them arrive (`GET /_local/stripe/writes`): what a second's writes are counted from. */
  stripeWrites: ServedStripeApi['writes'];
  /** The production clients' edges in use (production-edges); none by default. */
  productionEdges: ReadonlySet<ProductionEdge>;
  /**
   * Goes on from what a runtime before this one on the same state left: its tasks still waiting
   * are armed again, and (kept state only) the Stripe events it was sending are sent again.
   */
  resume(): Promise<void>;
  /** Stripe events its endpoint has not yet taken, still being sent again in the background (see stripe/redelivery). */
  stripeEventsUndelivered(): number;
  /** Saves the stores and closes the book; the task queue and bus are stopped first by the runtime. */
  close(): Promise<void>;
}

export async function buildLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const { config, clock, dataDir } = options;
  const faultPlan = readFaultPlan(options.env.C500_FAULTS);
  const reported: Partial<Record<FaultKind, number>> = {};
  const faults = faultPlan ? new FaultInjector(faultPlan, 'runtime') : undefined;
  if (faultPlan) log.warn('injecting faults into the local runtime’s outside services', { faults: describeFaultPlan(faultPlan) });
  const { latencyProfile, latency } = readLatency(options.env);

  // Functions see Firestore fail now and then; the stand-ins keeping their own state in it (Cloud Tasks, Stripe, Twitch) do not.
  const stores = await openPlatformStores({ env: options.env, dataDir, projectId: config.projectId, faults });
  const { store, shopSecrets, functionStore, functionShopSecrets } = stores;
  const backoff = options.busBackoff ?? { minMs: pubsubRetryPolicy.minimumBackoffSeconds * 1_000, maxMs: pubsubRetryPolicy.maximumBackoffSeconds * 1_000 };
  const pubsubFaults = { ...(faults && faultPlan ? { faults: busFaults(faults, faultPlan) } : {}), ...pushLatency(latency) };
  const deadLetters = options.kept ? { deadLetters: options.kept.deadLetters } : {};
  const emulatorBus = productionClientsOn(options.env) ? await emulatorEventBus(config, options, { backoff, ...deadLetters, ...pubsubFaults }) : undefined;
  const bus: RuntimeEventBus = emulatorBus ?? new LocalEventBus({ projectId: config.projectId, backoff, ...pubsubFaults });
  const outbox = localDiscord(options);
  const edges = productionEdgesOn(options.env);
  const reportFault = (kind: FaultKind) => void (reported[kind] = (reported[kind] ?? 0) + 1);
  const bridge = edges.has('upstash') ? await bridgeToRedis(config, options, faultPlan, reportFault) : undefined;
  const bookEndpoint: BookEndpoint = bridge ? { kind: 'upstash', url: bridge.url, token: bridge.token } : await chooseBookEndpoint(config, options.env);
  const book = openAuctionBook(bookEndpoint, config, { faults, clockOffsetMs: () => clock.now().getTime() - Date.now() }); // Redis's clock, moved as the runtime's is
  const tasks = localTaskQueue(store, clock, options.internalUrl, faults, latency);
  const secrets = config.secrets as Record<string, string>;
  const stripeRedelivery = new StripeRedelivery(clock);
  const payments = stripeStandIn(config, store, clock, options.url, options.kept !== undefined, stripeRedelivery);
  const bot = config.twitchBot;
  const twitch = await twitchStandIn(config, store, clock);
  const twitchChat = new LocalTwitchChat({ twitch, clock, botUserId: bot.userId, ...(options.kept ? { journal: options.kept.chat } : {}) });
  const functionTwitchChat: TwitchChat = faults?.covers('twitch.429', 'twitch.5xx') ? faultyTwitchChat(twitchChat, faults) : twitchChat;
  const stripeSecretKey = secrets.STRIPE_SECRET_KEY as string;
  const stripeApi = await serveStripeApi({ payments, store, clock, secretKey: stripeSecretKey, ...stripeLimits, ...(faults ? { faults } : {}) });
  const carrier = await carrierStandIn(config, options.url, clock, carrierLimits(options.env.C500_LOCAL_CARRIER_RPS, clock, faults));
  const discordApiUrl = faults?.covers('discord.429', 'discord.429-global', 'discord.5xx') ? `${options.internalUrl}${discordApiPath}` : undefined;

  const platform: Platform = {
    config,
    clock,
    store: () => functionStore,
    publisher: () => bus,
    tasks: () => tasks,
    discord: lazy((): DiscordMessenger => (discordApiUrl ? discordApiMessenger(config, discordApiUrl) : outbox)),
    auctionBook: () => book.book,
    chatOutbox: () => book.chatOutbox,
    // As every function process does: the production adapter over HTTP (no latency here, as for the runtime's other ports).
    payments: lazy(() => stripeOverHttp(stripeSecretKey, { ...stripeApi.endpoint, writeBudget: book.stripeWriteBudget(stripeSecretKey) })),
    twitch: () => twitch,
    // As every function process does: the production client over HTTP to the stand-in.
    carrier: lazy(() => carrierOverHttp(config, carrier.endpoint.baseUrl)),
    twitchChat: () => functionTwitchChat,
    discordOAuth: lazy(() => discordOAuthFor(config)),
    // Read through every time: a secret `/race connect` saves is in force at once.
    shopConnections: lazy(() => shopConnectionsFrom((path) => shopSecrets.get(path), { clock, ttlMs: 0 })),
    shopSecrets: () => functionShopSecrets,
  };
  return {
    platform,
    store,
    shopSecrets,
    embedded: stores.embedded,
    firestoreHost: stores.firestoreHost,
    bus,
    emulatorBus,
    tasks,
    outbox,
    payments,
    twitch,
    twitchChat,
    bookEndpoint,
    book,
    faultPlan,
    latencyProfile,
    faults,
    noteFault: reportFault,
    faultCounts: () => totalFaultCounts([faults?.counts() ?? {}, reported]),
    discordApiUrl,
    carrier: carrier.world,
    carrierApi: carrier.endpoint,
    carrierWebhooksSent: carrier.sent,
    stripeApi: stripeApi.endpoint,
    stripeWrites: () => stripeApi.writes(),
    productionEdges: edges,
    resume: async () => {
      await tasks.rearm();
      if (options.kept) await resendStripeEvents(`${options.url}/webhooks/stripe`, stripeEndpointSecrets(config), clock, store, stripeRedelivery);
    },
    stripeEventsUndelivered: () => stripeRedelivery.pending,
    close: async () => {
      stripeRedelivery.stop();
      await stores.close();
      await book.close();
      await stripeApi.close();
      carrier.stopSending();
      await carrier.served.close();
      await bridge?.close();
      await emulatorBus?.close();
    },
  };
}

/** Twitch's stand-in, the bot account already granted what it asks for. */
async function twitchStandIn(config: Config, store: DocumentStore, clock: Clock): Promise<LocalTwitch> {
  const secrets = config.secrets as Record<string, string>;
  const bot = config.twitchBot;
  const twitch = new LocalTwitch({
    store,
    clock,
    clientId: secrets.TWITCH_CLIENT_ID ?? 'local-twitch-client',
    moderatorsEverywhere: bot.moderator && bot.userId ? [bot.userId] : [],
    // Proof clips are made with the bot's user token.
    clipperId: bot.userId,
  });
  // The operator's one-time step, done for them: the bot account has authorized C500 for chat and clips.
  if (bot.userId) await twitch.grant((await twitch.userById(bot.userId)) ?? localTwitchUser('c500bot', bot.userId), twitchScopes.bot);
  return twitch;
}

/**
 * The carrier's stand-in, served for `@easypost/api` as api.easypost.com is, sending its signed
 * webhooks to the public URL. No EasyPost account is needed locally: the key and webhook secret
 * are the config's (made at start by dev-secrets unless given), which the stand-in and this
 * run's functions share, as EasyPost and a deployment share theirs.
 */
async function carrierStandIn(
  config: Config,
  url: string,
  clock: Clock,
  limits: CarrierApiLimits,
): Promise<{ world: LocalCarrier; served: ServedCarrierApi; endpoint: LocalPlatform['carrierApi']; sent: () => Promise<void>; stopSending: () => void }> {
  const apiKey = config.secrets.EASYPOST_API_KEY ?? `EZTK_local_${randomBytes(12).toString('hex')}`;
  const webhookSecret = config.secrets.EASYPOST_WEBHOOK_SECRET ?? randomBytes(16).toString('hex');
  const sender = carrierWebhookSender({ url: `${url}/webhooks/carrier`, secret: webhookSecret });
  const world = new LocalCarrier({ clock, labelBaseUrl: () => `${url}/_local/carrier/labels`, sendEvent: sender.send });
  const served = await serveCarrierApi(world, apiKey, limits);
  return { world, served, endpoint: { baseUrl: served.baseUrl, apiKey, webhookSecret }, sent: sender.settled, stopSending: sender.stop };
}

/**
 * EasyPost's limiter on the stand-in, off unless asked: `C500_LOCAL_CARRIER_RPS` (a whole
 * number of requests a second) or the fault `carrier.429`. EasyPost publishes no one figure for
 * rating and buying (its limiter there follows its load), so none is assumed by default.
 */
function carrierLimits(rps: string | undefined, clock: Clock, faults: FaultInjector | undefined): CarrierApiLimits {
  const perSecond = rps === undefined || rps === '' ? undefined : Number(rps);
  if (perSecond !== undefined && (!Number.isSafeInteger(perSecond) || perSecond < 1))
    throw new ConfigError(`C500_LOCAL_CARRIER_RPS must be a whole number of requests a second, 1 or more (got "${rps}")`);
  return { clock, ...(perSecond ? { requestsPerSecond: perSecond } : {}), ...(faults?.covers('carrier.429') ? { faults } : {}) };
}

/** Pub/Sub on its emulator, delivered as terraform's push subscriptions deliver; the SDK is loaded only then. */
async function emulatorEventBus(
  config: Config,
  options: LocalPlatformOptions,
  delivery: { backoff: Backoff; deadLetters?: Journal<DeadLetter>; faults?: BusFaults },
): Promise<EmulatorEventBus> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the gRPC client loads only under the switch
  const { openEmulatorEventBus } = require('./emulator-event-bus') as typeof import('./emulator-event-bus');
  const emulatorHost = options.env.PUBSUB_EMULATOR_HOST;
  return openEmulatorEventBus({ projectId: config.projectId, emulatorHost, ...delivery });
}

/** Discord's stand-in: what it is sent, printed a few lines a second; kept in the data folder when the runtime keeps its state. */
function localDiscord(options: LocalPlatformOptions): DiscordOutbox {
  const print = throttledLines(options.print, { most: 20, windowMs: 1_000, moreAt: 'GET /_local/outbox' });
  return new DiscordOutbox(print, { clock: options.clock, ...(options.kept ? { journal: options.kept.outbox } : {}) });
}

/**
 * Stripe's limit on writes, kept by the stand-in's served API: 25 a second, a write past it
 * answered 429, which the production adapter waits out. The stand-in itself keeps none, or a
 * write would count twice.
 */
const stripeLimits = { writesPerSecond: stripeWritesPerSecond } as const;

/** Stripe's stand-in, sending its webhooks to the public URL as Stripe would. */
function stripeStandIn(config: Config, store: DocumentStore, clock: Clock, url: string, keepEvents: boolean, later: StripeRedelivery): LocalPayments {
  const sentEvents = new SentStripeEvents();
  const webhookHold = new WebhookHold(clock);
  return new LocalPayments({
    store,
    baseUrl: url,
    clock,
    platformCountry: config.platformCountry,
    sentEvents,
    webhookHold,
    sendEvent: makeStripeEventSender(
      `${url}/webhooks/stripe`,
      stripeEndpointSecrets(config),
      clock,
      keepEvents ? store : undefined,
      sentEvents,
      later,
      webhookHold,
    ),
  });
}

function stripeEndpointSecrets(config: Config): StripeEndpointSecrets {
  const secrets = config.secrets as Record<string, string>;
  return { platform: secrets.STRIPE_WEBHOOK_SECRET as string, connect: secrets.STRIPE_CONNECT_WEBHOOK_SECRET as string };
}

/** The local Upstash REST endpoint in front of the runtime's Redis; without a Redis, the book stays in memory as it would. */
async function bridgeToRedis(
  config: Config,
  options: LocalPlatformOptions,
  faultPlan: FaultPlan | undefined,
  onFault: (kind: FaultKind) => void,
): Promise<UpstashBridge | undefined> {
  if (!(await redisAnswers(config.redisUrl))) {
    log.warn('C500_PRODUCTION_CLIENTS: no Redis answers, so no local Upstash endpoint; the book stays in memory', { redisUrl: config.redisUrl });
    return undefined;
  }
  if (!options.upstashBridgeEntry) throw new Error('the production clients need the local Upstash endpoint’s entry (upstashBridgeEntry)');
  return startUpstashBridge({ entry: options.upstashBridgeEntry, redisUrl: config.redisUrl, ...(faultPlan ? { faultPlan } : {}), onFault });
}

/** Cloud Tasks as the runtime runs it: each task dispatched to the runtime's own address, late by a draw under the latency profile. */
function localTaskQueue(store: DocumentStore, clock: Clock, internalUrl: string, faults: FaultInjector | undefined, latency: LatencyDrawer | undefined) {
  return new LocalTaskQueue({
    store,
    clock,
    maxAttempts: (queue) => queues.find((q) => q.name === queue)?.maxAttempts ?? 5,
    deliver: async (target, body, headers) => {
      await latency?.wait('tasks.dispatch');
      return (await fetch(`${internalUrl}${target}`, { method: 'POST', body, headers })).status;
    },
    ...(faults ? { faults: taskFaults(faults) } : {}),
  });
}

/** The production latency profile (`C500_LATENCY`), if asked for, and the runtime's own draws from it. */
function readLatency(env: Readonly<Record<string, string | undefined>>): { latencyProfile?: LatencyProfile; latency?: LatencyDrawer } {
  const latencyProfile = readLatencyProfile(env.C500_LATENCY);
  if (!latencyProfile) return {};
  log.warn('outside services answer as slowly as production’s', { latency: describeLatencyProfile(latencyProfile) });
  return { latencyProfile, latency: new LatencyDrawer(latencyProfile, 'runtime') };
}

/** Pub/Sub's wait from a publish to its push, under the latency profile. */
function pushLatency(latency: LatencyDrawer | undefined): { pushLatencyMs?: () => number } {
  return latency ? { pushLatencyMs: () => latency.drawMs('pubsub.push') } : {};
}

/** Pub/Sub's at-least-once and any-order delivery, at the plan's rates. */
function busFaults(faults: FaultInjector, plan: FaultPlan): BusFaults {
  return {
    duplicate: () => (faults.roll('pubsub.duplicate') ? (faults.between('pubsub.duplicate', 0, 1) === 0 ? 'at-once' : 'after-ack') : undefined),
    holdBackMs: () => {
      // Held back a little: the messages published after it go first.
      if (faults.roll('pubsub.reorder')) return faults.between('pubsub.reorder', 50, 1_500);
      if (faults.roll('pubsub.delay')) return faults.between('pubsub.delay', 0, plan.pubsubDelayMaxMs);
      return 0;
    },
  };
}

/** Cloud Tasks' extra runs: a task also run early, or run again after it ran. */
function taskFaults(faults: FaultInjector): TaskFaults {
  return {
    earlyRunAtMs: (task, nowMs) => {
      const waitMs = task.runAt.getTime() - nowMs;
      if (waitMs <= 0 || !faults.roll('tasks.early')) return undefined;
      return nowMs + Math.floor(waitMs * (faults.between('tasks.early', 0, 90) / 100));
    },
    runAgainAfterMs: () => (faults.roll('tasks.duplicate') ? faults.between('tasks.duplicate', 0, 2_000) : undefined),
  };
}
