/**
 * @module subscriber-process
 * Pub/Sub subscribers the local runtime runs in a process of their own, as production runs
 * each function as its own service: a herd of bids then works on its own CPU and event
 * loop, and the ingresses keep answering Discord while it does. The runtime's bus still
 * decides what is delivered when (each subscription's concurrency); a delivery crosses to
 * the process, and the process's calls to Discord, the task queue and Pub/Sub cross back
 * to the runtime's outbox, queue and bus. The auction book is the process's own
 * connection to the same Redis. If the process dies, what it held is redelivered and a
 * new one starts, as Cloud Run would start a new instance.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Config } from '../config';
import { log } from '../log';
import { lazy, type HostedFunction, type Platform } from '../platform';
import { systemClock, type Clock, type DiscordMessenger, type EventPublisher, type PubSubCloudEvent, type PubSubHandler, type TaskQueue } from '../ports';
import { functionRegistry, type FunctionEntry } from '../registry';
import { openAuctionBook, type BookEndpoint } from './auction-book-connection';
import { ProcessRpc } from './process-rpc';

export type HostFunction = (entry: FunctionEntry, platform: Platform) => HostedFunction;

const discordMethods = ['sendDm', 'postToChannel', 'editChannelMessage', 'editOriginalResponse', 'sendFollowup'] as const satisfies ReadonlyArray<keyof DiscordMessenger>;
const taskMethods = ['schedule', 'cancel'] as const satisfies ReadonlyArray<keyof TaskQueue>;

interface Init {
  functions: string[];
  config: Config;
  book: BookEndpoint;
  /** The runtime runs on a clock of its own (a test's): read it from each delivery. */
  reportsClock: boolean;
}

export interface SubscriberProcessOptions {
  /** The compiled script that calls `serveSubscribers` (scripts/subscriber-process). */
  entry: string;
  functions: readonly string[];
  config: Config;
  book: BookEndpoint;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  /** Each function publishes only where the registry lets it. */
  publisherFor(name: string): EventPublisher;
}

export interface SubscriberProcess {
  handlerFor(name: string): PubSubHandler;
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  pid(): number | undefined;
  close(): Promise<void>;
}

export async function startSubscriberProcess(options: SubscriberProcessOptions): Promise<SubscriberProcess> {
  const reportsClock = options.clock !== systemClock;
  let closing = false;
  let child: ChildProcess | undefined;

  const launch = async (): Promise<ProcessRpc> => {
    const started = fork(options.entry, [], { env: { ...options.env }, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = started;
    const rpc = new ProcessRpc(started);
    rpc.serve('discord', options.discord);
    rpc.serve('tasks', options.tasks);
    for (const name of options.functions) rpc.serve(`publisher:${name}`, options.publisherFor(name));
    started.once('exit', (code, signal) => {
      rpc.close(new Error(`the subscriber process exited (${signal ?? code})`));
      if (closing) return;
      log.error('the subscriber process died; starting another, and what it held will be redelivered', { code, signal });
      current = launch();
      current.catch((error: unknown) => log.error('the subscriber process did not start again', { error }));
    });
    const init: Init = { functions: [...options.functions], config: options.config, book: options.book, reportsClock };
    await rpc.call('host', 'init', [init]);
    return rpc;
  };

  let current = launch();
  await current;
  return {
    handlerFor: (name) => async (event) => {
      const rpc = await current;
      await rpc.call('host', 'deliver', [name, event, reportsClock ? options.clock.now().getTime() : undefined]);
    },
    cpuUsage: async () => (await (await current).call('host', 'cpuUsage', [])) as NodeJS.CpuUsage,
    pid: () => child?.pid,
    close: async () => {
      closing = true;
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      await (await current).call('host', 'close', []).catch(() => running.kill());
      await exited;
    },
  };
}

/** The process's side: what `scripts/subscriber-process` runs. */
export function serveSubscribers(hostFunction: HostFunction): void {
  const rpc = new ProcessRpc(process);
  const handlers = new Map<string, PubSubHandler>();
  const reported = { ms: Date.now() };
  let closeBook: () => Promise<void> = async () => undefined;

  rpc.serve('host', {
    init: async (init: Init) => {
      const opened = lazy(() => openAuctionBook(init.book, init.config.redisKeyPrefix));
      closeBook = async () => {
        if (init.book.kind !== 'memory') await opened().close();
      };
      const unavailable = (what: string) => () => {
        throw new Error(`${what} lives in the runtime process; a function that needs it cannot run in the subscriber process`);
      };
      for (const name of init.functions) {
        const entry = functionRegistry.find((e) => e.name === name);
        if (entry?.kind !== 'pubsub') throw new Error(`${name} is not a Pub/Sub function`);
        const platform: Platform = {
          config: init.config,
          clock: init.reportsClock ? { now: () => new Date(reported.ms) } : systemClock,
          store: unavailable('the embedded document store'),
          publisher: lazy(() => rpc.proxy<EventPublisher>(`publisher:${name}`, ['publish'])),
          tasks: lazy(() => rpc.proxy<TaskQueue>('tasks', taskMethods)),
          discord: lazy(() => rpc.proxy<DiscordMessenger>('discord', discordMethods)),
          auctionBook: lazy(() => opened().book),
          payments: unavailable('the Stripe simulator'),
          twitch: unavailable('the Twitch simulator'),
          shopConnections: unavailable('the shop connections'),
        };
        const hosted = hostFunction(entry, platform);
        if (hosted.kind !== 'pubsub') throw new Error(`${name} did not host as a subscriber`);
        handlers.set(name, hosted.handler);
      }
    },
    deliver: async (name: string, event: PubSubCloudEvent, clockMs: number | undefined) => {
      if (clockMs !== undefined) reported.ms = clockMs;
      const handler = handlers.get(name);
      if (!handler) throw new Error(`this process does not host ${name}`);
      await handler(event);
    },
    cpuUsage: () => process.cpuUsage(),
    close: async () => {
      await closeBook();
      setImmediate(() => process.exit(0));
    },
  });
  // The runtime went away without closing us: nothing is left to deliver.
  process.on('disconnect', () => process.exit(0));
}

/** Registry functions that run in the subscriber process (see the local runtime). */
export function hostedIn(names: ReadonlySet<string>): FunctionEntry[] {
  return functionRegistry.filter((entry) => entry.kind === 'pubsub' && names.has(entry.name));
}
