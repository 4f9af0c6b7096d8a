/**
 * @module latent-ports
 * A function's adapters as production's network has them: each call waits its edge's drawn
 * latency, then runs. A transaction's reads each wait a read and its commit waits a commit
 * while the transaction is still open, so contention lasts as long as it does in Firestore.
 * Wrapped in the function's own process, at the transport, so the function's code is the
 * code that runs in production.
 */
import type { DocumentStore, EventPublisher, TaskQueue, Transaction, WriteBatch, WriteSet } from '../../ports';
import { lazy, type Platform } from '../../platform';
import type { RoundTrip } from '../upstash/resp-connection';
import type { LatencyDrawer as Drawer } from './latency-drawer';
import type { LatencyEdge } from './latency-profile';

/** What the wrappers draw from: a process's drawer, or in a test one that records each edge. */
export type LatencyDrawer = Pick<Drawer, 'wait'>;

/** Every method of `port` waits `edge` before it runs (a client of one remote API: Discord's, Stripe's, Twitch's). */
export function latentPort<T extends object>(port: T, edge: LatencyEdge, latency: LatencyDrawer): T {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await latency.wait(edge);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The writes of a transaction or a batch, each called on it (its guards keep their own state). */
const writesOf = (writes: WriteSet): WriteSet => ({
  set: writes.set.bind(writes) as WriteSet['set'],
  create: writes.create.bind(writes) as WriteSet['create'],
  update: writes.update.bind(writes) as WriteSet['update'],
  delete: writes.delete.bind(writes) as WriteSet['delete'],
});

/** A transaction whose reads each wait a read. */
const latentTransaction = (tx: Transaction, latency: LatencyDrawer): Transaction => ({
  ...writesOf(tx),
  get: readAfter(latency, tx.get.bind(tx)) as Transaction['get'],
  query: readAfter(latency, tx.query.bind(tx)) as Transaction['query'],
});

/** A read that waits its round trip first. */
function readAfter<A extends unknown[], R>(latency: LatencyDrawer, read: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    await latency.wait('firestore.read');
    return read(...args);
  };
}

export function latentStore(store: DocumentStore, latency: LatencyDrawer): DocumentStore {
  const commitAfter =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await latency.wait('firestore.commit');
      return call(...args);
    };
  return {
    get: readAfter(latency, store.get.bind(store)) as DocumentStore['get'],
    query: readAfter(latency, store.query.bind(store)) as DocumentStore['query'],
    queryGroup: readAfter(latency, store.queryGroup.bind(store)) as DocumentStore['queryGroup'],
    set: commitAfter(store.set.bind(store)) as DocumentStore['set'],
    createIfAbsent: commitAfter(store.createIfAbsent.bind(store)) as DocumentStore['createIfAbsent'],
    update: commitAfter(store.update.bind(store)) as DocumentStore['update'],
    delete: commitAfter(store.delete.bind(store)) as DocumentStore['delete'],
    runTransaction: (work) =>
      store.runTransaction(async (tx) => {
        const result = await work(latentTransaction(tx, latency));
        await latency.wait('firestore.commit');
        return result;
      }),
    batch: (): WriteBatch => {
      const batch = store.batch();
      return { ...writesOf(batch), commit: commitAfter(batch.commit.bind(batch)) };
    },
    close: () => store.close(),
  };
}

export function latentPublisher(publisher: EventPublisher, latency: LatencyDrawer | undefined): EventPublisher {
  return latency ? latentPort(publisher, 'pubsub.publish', latency) : publisher;
}

export function latentTasks(tasks: TaskQueue, latency: LatencyDrawer | undefined): TaskQueue {
  return latency ? latentPort(tasks, 'tasks.create', latency) : tasks;
}

type RemoteServices = Pick<Platform, 'store' | 'shopSecrets' | 'twitch' | 'twitchChat' | 'discord'>;

/**
 * A process's services from the runtime, each behind its edge's wait (the store's own for
 * reads and commits). Not Stripe: its wait is at stripe-node's transport, once a request
 * (stripe/production-adapter).
 */
export function latentServices<S extends RemoteServices>(services: S, latency: LatencyDrawer | undefined): S {
  if (!latency) return services;
  return {
    ...services,
    store: lazy(() => latentStore(services.store(), latency)),
    shopSecrets: lazy(() => latentStore(services.shopSecrets(), latency)),
    twitch: lazy(() => latentPort(services.twitch(), 'twitch.helix', latency)),
    twitchChat: lazy(() => latentPort(services.twitchChat(), 'twitch.helix', latency)),
    discord: lazy(() => latentPort(services.discord(), 'discord.rest', latency)),
  };
}

/** An HTTP function behind Google's front end: each request waits its crossing before the function sees it. */
export function latentHandler<H extends (req: never, res: never) => unknown>(handler: H, latency: LatencyDrawer | undefined): H {
  if (!latency) return handler;
  return (async (req: never, res: never) => {
    await latency.wait('front-door');
    return handler(req, res);
  }) as H;
}

/** Each Upstash call (a command or a pipeline: one HTTPS request each) waits its round trip. */
export function latentRoundTrip(latency: LatencyDrawer): (inner: RoundTrip) => RoundTrip {
  return (inner) => async (req) => {
    await latency.wait('upstash.command');
    return inner(req);
  };
}
