/**
 * @module function-hosting
 * Where each registry function runs locally, and how it is reached. Production runs each
 * function as a service of its own; locally, with `functionProcessEntry`, the public
 * ingresses each get a process, the bid subscriber one, and every other function shares a
 * `workers` process, none of them beside the platform (store, bus, task queue) in the
 * runtime's own. So a herd on one ingress does not slow the others' answers, and killing a
 * process kills a function as a crashed instance dies: between two writes, with the
 * store, the bus and the queue still standing. Without it, everything runs in the runtime.
 */
import type { Server as NetServer, Socket } from 'node:net';
import type express from 'express';
import type { HostedFunction, Platform } from '../platform';
import { lazy } from '../platform';
import type { PubSubHandler } from '../ports';
import { defaultMaxInstances, functionRegistry, subscriptionName, topicOf, type FunctionEntry, type TopicName } from '../registry';
import type { FrontDoor } from './front-door';
import { forwardTo } from './http-proxy';
import { grantedPublisher, grantedTaskQueue } from './grants';
import { startFunctionProcess, type FunctionProcess } from './function-process';
import { localClockHeader, type HostFunction, type ProcessInit } from './process-contract';
import type { LocalPlatform } from './local-platform';
import { storeService } from './remote-document-store';
import { runsOnSystemTime } from './local-clock';
import { openPublicSocket } from './public-socket';
import type { TraceJournal, WrittenLine } from './trace-journal';
import type { EndedSpan } from '../trace-context';

interface OwnProcess {
  role: string;
  /** The functions it hosts; `rest` is every function no other process took. */
  functions: readonly string[] | 'rest';
  http: ProcessInit['http'];
  /** Only with a book other processes can reach: an in-memory one lives in the runtime. */
  needsSharedBook?: boolean;
  /** The front hands this process's routes straight to it (a herd measured to outrun the runtime's forwarding). */
  direct?: boolean;
}

/**
 * The processes, in the order they take functions. A herd of bids was measured to outrun
 * an event loop shared by its ingress and its subscriber (`npm run bench:auction`), and a
 * burst of sales one shared by the shops' webhooks and the subscribers crediting them
 * (`npm run bench:race-sales`): Discord waits 3 s, Shopify 5 s, Twitch a few seconds.
 */
const ownProcesses: readonly OwnProcess[] = [
  { role: 'ingress', functions: ['discordInteractions'], http: 'front' },
  { role: 'stripe-webhook', functions: ['stripeWebhook'], http: 'own-port' },
  // Twitch's herd of chat: the front hands its deliveries straight to this process, not through the runtime.
  { role: 'twitch-webhook', functions: ['twitchWebhook'], http: 'own-port', direct: true },
  { role: 'kofi-webhook', functions: ['kofiWebhook'], http: 'own-port' },
  { role: 'shopify-webhook', functions: ['shopifyWebhook'], http: 'own-port' },
  { role: 'subscribers', functions: ['auctionBids'], http: 'none', needsSharedBook: true },
  // A herd from Twitch chat beside Discord's: each herd's subscriber on an event loop of its own, as in production.
  { role: 'chat-bids', functions: ['chatBids'], http: 'none', needsSharedBook: true },
  { role: 'workers', functions: 'rest', http: 'own-port', needsSharedBook: true },
];

export interface HostingOptions {
  hostFunction: HostFunction;
  local: LocalPlatform;
  /** The platform as it stands in this process, with the runtime's URLs in its config. */
  platform: Platform;
  frontDoor: FrontDoor;
  app: express.Express;
  /** With it, functions run in processes of their own (see above). */
  functionProcessEntry?: string;
  /** The public socket, for the front process to take over. */
  publicSocket?: NetServer;
  /** Where the front hands on requests that are not its own. */
  internalUrl: string;
  /** The public address: where a process the front hands connections to sends a request that is not its own. */
  publicUrl: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Where the processes' output goes, when not to the terminal. */
  processOutput?: (text: string) => void;
  /** Where each process sends the lines it writes inside a trace. */
  traces: TraceJournal;
}

/** Starts the processes (if any), subscribes every Pub/Sub function and mounts every HTTP one. */
export async function hostFunctions(options: HostingOptions): Promise<FunctionProcess[]> {
  const { local, platform } = options;
  const reportsClock = !runsOnSystemTime(platform.clock);
  const placed = placeFunctions(options.functionProcessEntry ? ownProcesses.filter((p) => !(p.needsSharedBook && local.bookEndpoint.kind === 'memory')) : []);
  // Filled once the processes are up: the front asks where a direct route's process answers now.
  let started: FunctionProcess[] = [];
  const services = {
    processes: {
      urlOf: async (role: string) => {
        const found = started.find((p) => p.role === role);
        if (!found) throw new Error(`no process ${role}`);
        return found.httpUrl();
      },
    },
    // Under the production clients each process opens the SDK itself (init.firestoreHost).
    ...(local.embedded
      ? { store: storeService(local.embedded.store, local.embedded.faults), shopSecrets: storeService(local.embedded.shopSecrets, local.embedded.faults) }
      : {}),
    tasks: local.tasks,
    bus: local.bus,
    discord: local.outbox,
    twitch: local.twitch,
    twitchChat: local.twitchChat,
    faults: { note: local.noteFault },
    traces: {
      recordWritten: (lines: WrittenLine[]) => options.traces.recordWritten(lines),
      recordSpans: (spans: EndedSpan[]) => options.traces.recordSpans(spans),
    },
  };
  const processes = await Promise.all(
    placed.map(({ own, entries }) =>
      startFunctionProcess({
        entry: options.functionProcessEntry as string,
        init: {
          role: own.role,
          functions: entries.map((e) => e.name),
          config: platform.config,
          book: local.bookEndpoint,
          http: own.http,
          ...(own.http === 'front' ? { backendUrl: options.internalUrl, directRoutes: reportsClock ? [] : directRoutes(placed) } : {}),
          ...(own.direct ? { frontUrl: options.publicUrl } : {}),
          ...(own.http === 'front' || own.direct ? { publishesWithoutWaiting: true } : {}),
          ...(local.discordApiUrl ? { discordApiUrl: local.discordApiUrl } : {}),
          stripeApi: local.stripeApi,
          carrierApiUrl: local.carrierApi.baseUrl,
          ...(local.faultPlan ? { faults: local.faultPlan } : {}),
          ...(local.latencyProfile ? { latency: local.latencyProfile } : {}),
          ...(local.firestoreHost ? { firestoreHost: local.firestoreHost } : {}),
          ...(local.emulatorBus && options.env.PUBSUB_EMULATOR_HOST ? { pubsubEmulatorHost: options.env.PUBSUB_EMULATOR_HOST } : {}),
        },
        env: options.env,
        clock: platform.clock,
        ...(options.processOutput ? { output: options.processOutput } : {}),
        services,
        ...(own.http === 'front' && options.publicSocket ? { publicSocket: options.publicSocket, reopenPublicSocket: reopen(options.publicSocket) } : {}),
        ...(own.http === 'front' ? { onHandOver: (role: string, socket: Socket, head: Buffer) => handOver(role, socket, head) } : {}),
      }),
    ),
  );
  started = processes;
  function handOver(role: string, socket: Socket, head: Buffer): void {
    const to = started.find((p) => p.role === role);
    if (to) to.adopt(socket, head);
    else socket.destroy();
  }
  const processOf = new Map(placed.flatMap(({ entries }, i) => entries.map((e) => [e.name, processes[i] as FunctionProcess] as const)));
  const clockHeader = (): Record<string, string> => (reportsClock ? { [localClockHeader]: String(platform.clock.now().getTime()) } : {});

  for (const entry of functionRegistry) {
    const elsewhere = processOf.get(entry.name);
    if (entry.kind === 'pubsub') {
      const topic = topicOf(entry.topic);
      const handler = elsewhere ? elsewhere.handlerFor(entry.name) : pubsubHandler(options.hostFunction(entry, granted(platform, entry)));
      // No more at once than one instance of the function takes: the figure terraform deploys. Under the
      // production latency profile, as many as all its instances take: Cloud Run starts more when one's
      // slots are full, and the waits (not this machine's CPU) are what would fill them.
      const instances = local.latencyProfile ? (entry.maxInstances ?? defaultMaxInstances) : 1;
      local.bus.subscribe(entry.topic, subscriptionName(entry), handler, {
        maxDeliveryAttempts: topic.maxDeliveryAttempts,
        deadLetterTopic: topic.deadLetterTopic,
        concurrency: entry.concurrency * instances,
      });
      continue;
    }
    // The front answers its own routes on the public socket; they never reach this process.
    if (elsewhere?.role === 'ingress') continue;
    if (elsewhere) {
      const host = elsewhere;
      options.frontDoor.mount(
        entry.route,
        forwardTo(() => host.httpUrl(), clockHeader),
        { subpaths: entry.kind === 'http' && entry.subpaths === true },
      );
      continue;
    }
    const hosted = options.hostFunction(entry, granted(platform, entry));
    if (hosted.kind !== 'pubsub') options.frontDoor.mount(entry.route, hosted.handler, { subpaths: entry.kind === 'http' && entry.subpaths === true });
  }
  return processes;
}

/** The public HTTP routes of the processes the front reaches directly. */
/** The public port listening again on the same number, for the front process started after one died. */
function reopen(first: NetServer): (onConnection: (socket: Socket) => void) => Promise<NetServer> {
  // Read now: once the runtime lets go of the first socket, it has no address.
  const { port } = first.address() as { port: number };
  return (onConnection) => openPublicSocket(port, onConnection);
}

function directRoutes(placed: ReadonlyArray<{ own: OwnProcess; entries: FunctionEntry[] }>): Array<{ route: string; role: string }> {
  return placed.flatMap(({ own, entries }) => (own.direct ? entries.flatMap((e) => (e.kind === 'http' ? [{ route: e.route, role: own.role }] : [])) : []));
}

/** Each own process with the registry entries it hosts, in the table's order; `rest` takes what is left. */
function placeFunctions(own: readonly OwnProcess[]): Array<{ own: OwnProcess; entries: FunctionEntry[] }> {
  const taken = new Set(own.flatMap((p) => (p.functions === 'rest' ? [] : p.functions)));
  return own.map((p) => ({
    own: p,
    entries: functionRegistry.filter((e) => (p.functions === 'rest' ? !taken.has(e.name) : p.functions.includes(e.name))),
  }));
}

/** Each function may publish and schedule only where terraform lets it, so a missing grant shows up here first. */
function granted(platform: Platform, entry: FunctionEntry): Platform {
  return {
    ...platform,
    publisher: lazy(() => grantedPublisher(entry, (topic, data, o) => platform.publisher().publish(topic as TopicName, data, o))),
    tasks: lazy(() => grantedTaskQueue(entry, platform.tasks())),
  };
}

function pubsubHandler(hosted: HostedFunction): PubSubHandler {
  if (hosted.kind !== 'pubsub') throw new Error('a Pub/Sub function must host as a subscriber');
  return hosted.handler;
}
