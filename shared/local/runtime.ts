/**
 * @module runtime
 * The local runtime: every registry function in one process, on embedded adapters, with
 * the routes of DESIGN section 7. Functions are handed in by the caller (functions/ may
 * import shared/, never the reverse).
 */
import express from 'express';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Request } from '@google-cloud/functions-framework';
import { loadConfig, type Config } from '../config';
import { log } from '../log';
import { lazy, type HostedFunction, type Platform } from '../platform';
import { systemClock, type Clock, type EventPublisher, type PubSubHandler } from '../ports';
import { functionRegistry, subscriptionName, topicOf, queues, type FunctionEntry } from '../registry';
import { LocalDocumentStore } from '../adapters/firestore/local-document-store';
import { LocalEventBus } from '../adapters/pubsub/local-event-bus';
import { LocalTaskQueue } from '../adapters/cloud-tasks/local-task-queue';
import { DiscordOutbox } from '../adapters/discord/discord-outbox';
import { LocalPayments } from '../adapters/stripe/local-payments';
import { LocalTwitch } from '../adapters/twitch/local-twitch';
import { shopConnectionsFrom } from '../adapters/shops/shop-connections';
import { fillDevSecrets, type DevSecrets } from './dev-secrets';
import { makeStripeEventSender, mountStripeSimulator } from './stripe-simulator';
import { mountTwitchSimulator } from './twitch-simulator';
import { mountShopSimulator } from './shop-simulator';
import { chooseBookEndpoint, openAuctionBook } from './auction-book-connection';
import { startSubscriberProcess, type HostFunction, type SubscriberProcess } from './subscriber-process';

export type { HostFunction };

/**
 * Subscribers that run in a process of their own when `subscriberProcessEntry` is given.
 * A herd of bids is the one load measured to outrun an event loop it shares with the
 * Discord ingress (`npm run bench:auction`); the other subscribers use the embedded store,
 * which lives in this process, and their load is a few messages a second, each capped at
 * its function's concurrency.
 */
const ownProcess: ReadonlySet<string> = new Set(['auctionBids']);

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
   * The compiled script that serves subscribers in their own process
   * (`dist/scripts/subscriber-process.js`); without it every subscriber runs here.
   */
  subscriberProcessEntry?: string;
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
  /** The subscriber process, when one runs. */
  subscribers: SubscriberProcess | undefined;
  /** CPU each process of the runtime has used so far, as each measures it (`process.cpuUsage()`). */
  cpuUsage(): Promise<Record<string, NodeJS.CpuUsage>>;
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
  const clock = options.clock ?? systemClock;

  const store = new LocalDocumentStore({ snapshotFile: join(dataDir, 'store.json') });
  const bus = new LocalEventBus({ projectId: base.projectId, ...(options.busBackoff ? { backoff: options.busBackoff } : {}) });
  const outbox = new DiscordOutbox(print);
  const bookEndpoint = await chooseBookEndpoint(base, env);
  const book = openAuctionBook(bookEndpoint, base.redisKeyPrefix);

  const app = express();
  app.disable('x-powered-by');
  // Keep the bytes as sent: every ingress verifies its signature on the raw body.
  app.use(express.raw({ type: () => true, limit: '1mb' }));
  app.use((req, _res, next) => {
    (req as Request).rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    next();
  });

  const server = await listen(app, base.port);
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
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
    deliver: async (target, body, headers) => (await fetch(`${url}${target}`, { method: 'POST', body, headers })).status,
  });

  const payments = new LocalPayments({
    store,
    baseUrl: url,
    clock,
    sendEvent: makeStripeEventSender(`${url}/webhooks/stripe`, secrets.STRIPE_WEBHOOK_SECRET as string, clock),
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
    shopConnections: lazy(() => shopConnectionsFrom((path) => store.get(path), { clock, ttlMs: 0 })),
  };

  // Each function may publish only where terraform lets it, so a missing grant shows up here first.
  const publishers = new Map(functionRegistry.map((entry) => [entry.name, onlyTopics(entry, bus)]));
  const publisherFor = (name: string) => publishers.get(name) as EventPublisher;
  // An in-memory book lives in this process only, so bidding stays here without a Redis.
  const isolated = options.subscriberProcessEntry && bookEndpoint.kind !== 'memory' ? functionRegistry.filter((e) => e.kind === 'pubsub' && ownProcess.has(e.name)) : [];
  const subscribers = options.subscriberProcessEntry && isolated.length > 0
    ? await startSubscriberProcess({ entry: options.subscriberProcessEntry, functions: isolated.map((e) => e.name), config, book: bookEndpoint, env, clock, discord: outbox, tasks, publisherFor })
    : undefined;

  for (const entry of functionRegistry) {
    if (entry.kind === 'pubsub') {
      const topic = topicOf(entry.topic);
      const handler = subscribers && isolated.includes(entry) ? subscribers.handlerFor(entry.name) : pubsubHandler(options.hostFunction(entry, { ...platform, publisher: () => publisherFor(entry.name) }));
      // No more at once than one instance of the function takes: the figure terraform deploys.
      bus.subscribe(entry.topic, subscriptionName(entry), handler, { maxDeliveryAttempts: topic.maxDeliveryAttempts, deadLetterTopic: topic.deadLetterTopic, concurrency: entry.concurrency });
    } else {
      const hosted = options.hostFunction(entry, { ...platform, publisher: () => publisherFor(entry.name) });
      if (hosted.kind !== 'pubsub') app.all(entry.route, hosted.handler);
    }
  }

  mountStripeSimulator(app, { payments });
  mountShopSimulator(app, { store, clock, baseUrl: url, deploymentSecrets: { kofi: secrets.KOFI_VERIFICATION_TOKEN, shopify: secrets.SHOPIFY_WEBHOOK_SECRET } });
  mountTwitchSimulator(app, {
    twitch,
    oauthCallbackUrl: `${url}/oauth/twitch/callback`,
    eventSubUrl: `${url}/webhooks/twitch`,
    eventSubSecret: secrets.TWITCH_EVENTSUB_SECRET as string,
    clock,
  });
  // `?after=<seq>`: only what was sent since, so a watcher can follow a busy outbox cheaply.
  app.get('/_local/outbox', (req, res) => {
    const after = Number(req.query.after ?? 0);
    res.json({ entries: Number.isSafeInteger(after) && after > 0 ? outbox.entries.slice(after) : outbox.entries });
  });
  app.get('/_local/dead-letters', (_req, res) => res.json({ entries: bus.deadLetters }));
  app.get('/_local/health', (_req, res) =>
    res.json({ ok: true, auctionBook: bookEndpoint.kind === 'memory' ? 'in-memory' : bookEndpoint.kind, subscriberProcess: subscribers ? { pid: subscribers.pid(), functions: isolated.map((e) => e.name) } : null, subscriptions: bus.stats() }),
  );
  app.get('/_local/cpu', async (_req, res) => res.json(await cpuUsage()));
  app.use(express.static(join(projectRoot(), 'web'), { extensions: ['html'] }));

  const rearmed = await tasks.rearm();
  if (rearmed > 0) log.info('re-armed waiting tasks', { count: rearmed });

  const cpuUsage = async (): Promise<Record<string, NodeJS.CpuUsage>> => ({ runtime: process.cpuUsage(), ...(subscribers ? { subscribers: await subscribers.cpuUsage() } : {}) });

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
    subscribers,
    cpuUsage,
    settle: async () => {
      // A handled message may schedule a task and a task may publish: loop until quiet.
      // Tasks due later (a checkout's deadline, a hammer in an hour) are not waited for.
      for (let i = 0; i < 100; i++) {
        await bus.idle();
        if (tasks.dueWithin(1_000) === 0) return;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {
      tasks.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections(); // keep-alive clients would hold close() open
      await closed;
      await bus.idle();
      await subscribers?.close();
      await store.close();
      await book.close();
    },
  };
}

function pubsubHandler(hosted: HostedFunction): PubSubHandler {
  if (hosted.kind !== 'pubsub') throw new Error('a Pub/Sub function must host as a subscriber');
  return hosted.handler;
}

function onlyTopics(entry: FunctionEntry, bus: EventPublisher): EventPublisher {
  return {
    publish: (topic, data, publishOptions) => {
      if (!(entry.publishes as readonly string[]).includes(topic)) {
        return Promise.reject(new Error(`${entry.name} may not publish to ${topic}: add it to its publishes in shared/registry.ts (terraform grants from there)`));
      }
      return bus.publish(topic, data, publishOptions);
    },
  };
}

function listen(app: express.Express, port: number): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    const server = app.listen(port, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolveListen(server)));
    server.once('error', reject);
  });
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
