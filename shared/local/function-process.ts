/**
 * @module function-process
 * Functions the local runtime runs in a process of their own, as production runs each
 * function as its own service, so a herd works on its own CPU and event loop:
 *
 * - the **ingress** process owns the public port, answers Discord's interactions itself
 *   and hands every other request on to the runtime;
 * - the **subscribers** process takes the bids: the runtime's bus still decides what is
 *   delivered when (each subscription's concurrency), and each delivery crosses over.
 *
 * What the functions call (Discord, the task queue, Pub/Sub) crosses back to the runtime's
 * outbox, queue and bus; the auction book is each process's own connection to the same
 * Redis. If a process dies, what it held is redelivered and a new one starts, as Cloud Run
 * would start a new instance.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Server as NetServer } from 'node:net';
import type { Config } from '../config';
import { log, redactSecrets } from '../log';
import { lazy, type HostedFunction, type Platform } from '../platform';
import { systemClock, type Clock, type DiscordMessenger, type EventPublisher, type PubSubCloudEvent, type PubSubHandler, type TaskQueue } from '../ports';
import { functionRegistry, type FunctionEntry } from '../registry';
import { openAuctionBook, type BookEndpoint, type OpenedBook } from './auction-book-connection';
import { FrontDoor } from './front-door';
import { proxyTo } from './http-proxy';
import { grantedPublisher, grantedTaskQueue } from './grants';
import { pubsubMessage, type LocalEventBus } from '../adapters/pubsub/local-event-bus';
import { ProcessRpc } from './process-rpc';
import { rawBodyReader } from './raw-body';

export type HostFunction = (entry: FunctionEntry, platform: Platform) => HostedFunction;

const discordMethods = ['sendDm', 'postToChannel', 'editChannelMessage', 'editOriginalResponse', 'sendFollowup'] as const satisfies ReadonlyArray<
  keyof DiscordMessenger
>;
const taskMethods = ['schedule', 'cancel'] as const satisfies ReadonlyArray<keyof TaskQueue>;

interface Init {
  functions: string[];
  config: Config;
  book: BookEndpoint;
  /** The runtime runs on a clock of its own (a test's): read it from each delivery. */
  reportsClock: boolean;
  /** Where requests for routes this process does not serve go. */
  backendUrl?: string;
}

export interface FunctionProcessOptions {
  /** The compiled script that calls `serveFunctions` (scripts/function-process). */
  entry: string;
  /** `ingress` or `subscribers`: how logs and CPU figures name it. */
  role: string;
  functions: readonly FunctionEntry[];
  config: Config;
  book: BookEndpoint;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  /** Where the process's publishes land; it checks each function's grants itself. */
  bus: Pick<LocalEventBus, 'accept'>;
  /** For HTTP functions: the public socket, opened by the runtime and handed over, and where every other request goes. */
  front?: { listener: NetServer; backendUrl: string };
}

export interface FunctionProcess {
  role: string;
  handlerFor(name: string): PubSubHandler;
  /**
   * Resolves once everything the process sent before now has arrived here (the channel keeps
   * order): its notifications of published messages included, which nothing else waits for.
   */
  sync(): Promise<void>;
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  pid(): number | undefined;
  close(): Promise<void>;
}

export async function startFunctionProcess(options: FunctionProcessOptions): Promise<FunctionProcess> {
  const reportsClock = options.clock !== systemClock;
  let closing = false;
  let child: ChildProcess | undefined;

  const launch = async (): Promise<ProcessRpc> => {
    // A process group of its own: Ctrl-C (or a signal to the whole group) reaches the runtime
    // alone, which closes its processes in order, instead of killing them under it and
    // reading that as a crash to recover from. Should the runtime itself die, the IPC channel
    // closes and the process exits (see serveFunctions).
    const started = fork(options.entry, [options.role], {
      env: { ...options.env },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    });
    child = started;
    const rpc = new ProcessRpc(started);
    rpc.serve('discord', options.discord);
    rpc.serve('tasks', options.tasks);
    rpc.serve('bus', options.bus);
    started.once('exit', (code, signal) => {
      rpc.close(new Error(`the ${options.role} process exited (${signal ?? code})`));
      if (closing) return;
      log.error(`the ${options.role} process died; starting another, and what it held will be redelivered`, { code, signal });
      current = launch();
      current.catch((error: unknown) => log.error(`the ${options.role} process did not start again`, { error }));
    });
    // The socket crosses outside the RPC envelope: Node passes handles beside a message.
    if (options.front) started.send({ frontListener: true }, options.front.listener);
    const init: Init = {
      functions: options.functions.map((e) => e.name),
      config: options.config,
      book: options.book,
      reportsClock,
      ...(options.front ? { backendUrl: options.front.backendUrl } : {}),
    };
    await rpc.call('host', 'init', [init]);
    return rpc;
  };

  let current = launch();
  await current;
  return {
    role: options.role,
    handlerFor: (name) => async (event) => {
      const rpc = await current;
      await rpc.call('host', 'deliver', [name, event, reportsClock ? options.clock.now().getTime() : undefined]);
    },
    cpuUsage: async () => (await (await current).call('host', 'cpuUsage', [])) as NodeJS.CpuUsage,
    sync: async () => {
      await (await current).call('host', 'sync', []);
    },
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

/**
 * Publishes to the runtime's bus with a notification: the message is checked (grant, JSON)
 * and made here, and taken as published once sent, so the ingress answers Discord in the
 * same turn as its check instead of waiting for the runtime's reply to wake it again.
 */
function notifyingPublisher(rpc: ProcessRpc, entry: FunctionEntry): EventPublisher {
  return grantedPublisher(entry, async (topic, data, options) => {
    const message = pubsubMessage(data, options);
    rpc.notify('bus', 'accept', [topic, message]);
    return message.messageId;
  });
}

/** The ingress process's server: its own functions, and everything else handed on to the runtime. */
function ingressFrontDoor(backendUrl: string): FrontDoor {
  // Loaded here, not at the top: the subscribers process serves no HTTP and starts faster without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design
  const express = require('express') as typeof import('express');
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const limitBytes = 1024 * 1024;
  return new FrontDoor(app, rawBodyReader(limitBytes), proxyTo(backendUrl, limitBytes));
}

/** The process's side: what `scripts/function-process` runs. */
export function serveFunctions(hostFunction: HostFunction): void {
  const rpc = new ProcessRpc(process);
  const handlers = new Map<string, PubSubHandler>();
  const reported = { ms: Date.now() };
  const closers: Array<() => Promise<void>> = [];
  let frontListener: (listener: NetServer) => void = () => undefined;
  const handedOver = new Promise<NetServer>((resolve) => (frontListener = resolve));
  process.on('message', (message: unknown, handle: unknown) => {
    if ((message as { frontListener?: boolean } | null)?.frontListener) frontListener(handle as NetServer);
  });

  rpc.serve('host', {
    init: async (init: Init) => {
      redactSecrets(Object.values(init.config.secrets));
      let book: OpenedBook | undefined;
      const opened = () => (book ??= openAuctionBook(init.book, init.config.redisKeyPrefix));
      closers.push(async () => book?.close());
      const unavailable = (what: string) => () => {
        throw new Error(`${what} lives in the runtime process; a function that needs it cannot run in this one`);
      };
      const frontDoor = init.backendUrl ? ingressFrontDoor(init.backendUrl) : undefined;
      for (const name of init.functions) {
        const entry = functionRegistry.find((e) => e.name === name);
        if (!entry) throw new Error(`the registry has no ${name}`);
        const platform: Platform = {
          config: init.config,
          clock: init.reportsClock ? { now: () => new Date(reported.ms) } : systemClock,
          store: unavailable('the embedded document store'),
          publisher: lazy(() => notifyingPublisher(rpc, entry)),
          tasks: lazy(() => grantedTaskQueue(entry, rpc.proxy<TaskQueue>('tasks', taskMethods))),
          discord: lazy(() => rpc.proxy<DiscordMessenger>('discord', discordMethods)),
          auctionBook: lazy(() => opened().book),
          payments: unavailable('the Stripe simulator'),
          twitch: unavailable('the Twitch simulator'),
          shopConnections: unavailable('the shop connections'),
          shopSecrets: unavailable('the shop secrets'),
        };
        const hosted = hostFunction(entry, platform);
        if (hosted.kind === 'pubsub') handlers.set(name, hosted.handler);
        else if (entry.kind !== 'pubsub' && frontDoor) frontDoor.mount(entry.route, hosted.handler);
        else throw new Error(`${name} is an HTTP function: this process needs the public socket to serve it`);
      }
      if (frontDoor) {
        const server = await frontDoor.listen(await handedOver);
        closers.push(() => new Promise((resolve) => server.close(() => resolve())));
        closers.push(async () => server.closeAllConnections());
      }
    },
    deliver: async (name: string, event: PubSubCloudEvent, clockMs: number | undefined) => {
      if (clockMs !== undefined) reported.ms = clockMs;
      const handler = handlers.get(name);
      if (!handler) throw new Error(`this process does not host ${name}`);
      await handler(event);
    },
    cpuUsage: () => process.cpuUsage(),
    // Answered after whatever this process queued before it: the channel keeps order.
    sync: () => undefined,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
      setImmediate(() => process.exit(0));
    },
  });
  // The runtime went away without closing us: nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
}
