/**
 * @module runtime
 * The local runtime (`npm start`): every registry function on embedded stand-ins for the
 * cloud, with the local routes the README lists (docs/architecture.md, *The local runtime*, says why). The platform (store, bus,
 * task queue, Discord, Stripe and Twitch's stand-ins) lives in this process; with
 * `functionProcessEntry` the functions run in processes of their own (function-hosting).
 * Functions are handed in by the caller: functions/ may import shared/, never the reverse.
 */
import express from 'express';
import { localBeaconPath } from '../beacon-chains';
import { keptState } from './kept-state';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { loadConfig, type Config } from '../config';
import { onTracedLine, redactSecrets, setLogIdKey, setTraceProject } from '../log';
import { onSpanEnded } from '../trace-context';
import { TraceJournal, tracedLineOf } from './trace-journal';
import { systemClock, type Clock, type DocumentStore } from '../ports';
import { registryEntry } from '../registry';
import type { LocalDocumentStore } from './firestore/document-store';
import type { RuntimeEventBus } from './runtime-event-bus';
import type { LocalTaskQueue } from './cloud-tasks/task-queue';
import type { DiscordOutbox } from './discord/discord-outbox';
import type { LocalPayments } from '../local/stripe/payments';
import type { LocalTwitch } from './twitch/twitch';
import type { LocalTwitchChat } from './twitch/twitch-chat';
import { fillDevSecrets, type DevSecrets } from './dev-secrets';
import { rawBodyReader } from './raw-body';
import { FrontDoor } from './front-door';
import { buildLocalPlatform, type LocalPlatform } from './local-platform';
import { hostFunctions } from './function-hosting';
import { mountDevRoutes } from './dev-routes';
import { lockDataDir } from './data-dir-lock';
import { explainListenError, openPublicSocket } from './public-socket';
import { startScheduler, type Scheduler } from './scheduler';
import { LocalClock } from './local-clock';
import { discordApiPath } from './discord-api';
import { discordOAuthPaths } from './discord-oauth-simulator';
import { productionClientsOn } from './production-clients';
import type { FunctionProcess } from './function-process';
import type { HostFunction } from './process-contract';

export type { HostFunction };

export interface LocalRuntimeOptions {
  hostFunction: HostFunction;
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides PORT; 0 picks a free port (tests). */
  port?: number;
  clock?: Clock;
  /** Pub/Sub redelivery back-off; tests shorten it. */
  busBackoff?: { minMs: number; maxMs: number };
  print?: (line: string) => void;
  /** The compiled script that serves functions in processes of their own (`dist/scripts/function-process.js`); without it every function runs here. */
  functionProcessEntry?: string;
  /** Where the processes' output goes instead of this process's terminal: a test reads their log lines. */
  processOutput?: (text: string) => void;
}

export interface LocalRuntime {
  url: string;
  config: Config;
  secrets: DevSecrets;
  generatedSecrets: string[];
  outbox: DiscordOutbox;
  /** The in-process bus, or under the production clients the facade over the Pub/Sub emulator. */
  bus: RuntimeEventBus;
  /** The document store (the embedded one, or Firestore's emulator under the production clients). */
  store: DocumentStore;
  /** The embedded store, which counts each document's writes; none under the production clients. */
  embeddedStore: LocalDocumentStore | undefined;
  tasks: LocalTaskQueue;
  /** The simulators standing in for Stripe and Twitch. */
  payments: LocalPayments;
  twitch: LocalTwitch;
  /** Twitch chat's side: what the bot said, under Twitch's limits. */
  twitchChat: LocalTwitchChat;
  /** The processes functions run in, when they do (see function-hosting). */
  processes: FunctionProcess[];
  /** CPU each process of the runtime has used so far, as each measures it (`process.cpuUsage()`). */
  cpuUsage(): Promise<Record<string, NodeJS.CpuUsage>>;
  /** Runs a scheduled function now, as its timer (Cloud Scheduler in production) would: its answer's status and JSON. */
  runScheduled(name: string): Promise<{ status: number; body: unknown }>;
  /** Waits until every carrier webhook on its way and every published message, and every task due within a second, has been handled. */
  settle(): Promise<void>;
  /** Every line written inside a trace, by any process (`GET /_local/trace/:traceId`). */
  traces: TraceJournal;
  close(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const base = loadConfig({ ...env, C500_RUNTIME: 'local', ...(options.port !== undefined ? { PORT: String(options.port) } : {}) });
  const dataDir = resolve(base.dataDir);
  const started: Started = { lock: lockDataDir(dataDir, env) };
  try {
    const { secrets, generated } = fillDevSecrets(base.secrets, dataDir);
    redactSecrets(Object.values(secrets));
    // What a runtime killed on this data folder kept (production clients only).
    const kept = keptState(env, dataDir);
    // Moved forward by `POST /_local/clock`, in every process; where an earlier runtime here had moved it.
    const clock = new LocalClock(
      options.clock ?? systemClock,
      kept ? { offsetMs: kept.clock.earlier.at(-1)?.offsetMs ?? 0, moved: (offsetMs) => kept.clock.write({ offsetMs }) } : {},
    );
    const door = await openFrontDoor(base.port, options.functionProcessEntry !== undefined);
    started.server = door.server;
    const config = localConfig(base, env, door.url, secrets);
    const traces = journalOfTraces(config, started);
    const local = await buildLocalPlatform({
      config,
      env,
      dataDir,
      clock,
      print,
      internalUrl: door.internalUrl,
      url: door.url,
      upstashBridgeEntry: join(projectRoot(), 'dist', 'scripts', 'upstash-bridge.js'),
      ...(kept ? { kept } : {}),
      ...(options.busBackoff ? { busBackoff: options.busBackoff } : {}),
    });
    started.local = local;
    const { app, frontDoor, internalUrl, publicSocket } = door;
    const processes = await hostFunctions({
      ...options,
      local,
      platform: local.platform,
      frontDoor,
      app,
      internalUrl,
      publicUrl: door.url,
      env,
      traces,
      ...(publicSocket ? { publicSocket } : {}),
    });
    started.processes = processes;
    // Handed over: only the front process takes connections on it now.
    publicSocket?.close();
    const cpuUsage = async (): Promise<Record<string, NodeJS.CpuUsage>> => ({
      runtime: process.cpuUsage(),
      ...Object.fromEntries(await Promise.all(processes.map(async (p) => [p.role, await p.cpuUsage()] as const))),
    });
    const runScheduled = scheduledRunner(internalUrl);
    const scheduler: Scheduler = startScheduler(runScheduled, clock);
    started.stopScheduler = scheduler.stop;
    const settle = () => settleRuntime(local, processes);
    const clockControl = { clock, processes: () => processes, tasks: local.tasks, scheduler: () => scheduler, settle };
    mountDevRoutes(app, {
      local,
      config,
      secrets,
      clock,
      clockControl,
      url: door.url,
      internalUrl,
      webRoot: join(projectRoot(), 'web'),
      processes,
      cpuUsage,
      traces,
    });
    // Every route is mounted: the port (or the front process, which hands on what is not its own) serves them now.
    frontDoor.open();
    await local.resume();
    const { outbox, bus, store, tasks, payments, twitch, twitchChat } = local;
    return {
      url: door.url,
      config,
      secrets,
      generatedSecrets: generated,
      outbox,
      bus,
      store,
      embeddedStore: local.embedded?.store,
      tasks,
      payments,
      twitch,
      twitchChat,
      processes,
      cpuUsage,
      runScheduled,
      settle,
      traces,
      close: () => closeRuntime(started),
    };
  } catch (error) {
    await closeRuntime(started).catch(() => undefined);
    throw error;
  }
}

/**
 * Every line this process writes inside a trace, kept (the other processes send theirs: function-hosting),
 * named by the project's traces and with people's ids hashed under the runtime's key, as the processes' lines are.
 */
function journalOfTraces(config: Config, started: Started): TraceJournal {
  setTraceProject(config.projectId);
  if (config.secrets.LOG_ID_KEY) setLogIdKey(config.secrets.LOG_ID_KEY);
  const traces = new TraceJournal();
  const stopLines = onTracedLine((line, span) => traces.record(tracedLineOf(line, span)));
  const stopSpans = onSpanEnded((span) => traces.recordSpans([span]));
  started.stopJournal = () => {
    stopLines();
    stopSpans();
  };
  return traces;
}

/** What is started so far, closed in order by `closeRuntime`. */
interface Started {
  lock: { release(): void };
  server?: Server;
  local?: LocalPlatform;
  processes?: FunctionProcess[];
  stopScheduler?: () => void;
  stopJournal?: () => void;
}

/** Nothing new comes in, what is in flight is finished, then the stores, then the data folder is free. */
async function closeRuntime({ server, local, processes, stopScheduler, stopJournal, lock }: Started): Promise<void> {
  stopScheduler?.();
  local?.tasks.close();
  // The emulator's pushes arrive over the server: what is in flight is finished (for a while) before it closes.
  await local?.emulatorBus?.drain(10_000);
  if (server) {
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections(); // keep-alive clients would hold close() open
    await closed;
  }
  await local?.bus.idle();
  for (const p of processes ?? []) await p.close();
  await local?.close();
  stopJournal?.();
  lock.release();
}

/**
 * The HTTP side: one express app behind the front door. With a front process, it owns the
 * public port (opened here, so its address is known now, and handed over), and this process
 * listens privately.
 */
async function openFrontDoor(port: number, withFrontProcess: boolean) {
  const app = express();
  app.disable('x-powered-by');
  // Nobody compares these answers by tag; computing one hashes every JSON answer.
  app.set('etag', false);
  // Keep the bytes as sent: every ingress verifies its signature on the raw body.
  const readBody = rawBodyReader(1024 * 1024);
  app.use(readBody);
  const frontDoor = new FrontDoor(app, readBody);
  // Opened once every route is mounted (startLocalRuntime): until then, 503 with Retry-After.
  frontDoor.holdUntilOpen();
  const publicSocket = withFrontProcess ? await openPublicSocket(port) : undefined;
  const server = await frontDoor.listen(publicSocket ? 0 : port).catch((error: unknown) => {
    throw explainListenError(port, error);
  });
  const url = `http://127.0.0.1:${((publicSocket ?? server).address() as AddressInfo).port}`;
  const internalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { app, frontDoor, server, publicSocket, url, internalUrl };
}

/** The configuration as the local runtime serves it: every link a person opens points at it, which plays the outside party. */
function localConfig(base: Config, env: NodeJS.ProcessEnv, url: string, secrets: Config['secrets']): Config {
  return {
    ...base,
    port: Number(new URL(url).port),
    projectId: productionProjectId(base, env),
    publicBaseUrl: env.C500_PUBLIC_BASE_URL ? base.publicBaseUrl : url,
    tasksBaseUrl: url,
    twitchAuthorizeUrl: env.C500_TWITCH_AUTHORIZE_URL ? base.twitchAuthorizeUrl : `${url}/_local/twitch/authorize`,
    discordAuthorizeUrl: env.C500_DISCORD_AUTHORIZE_URL ? base.discordAuthorizeUrl : `${url}${discordOAuthPaths.authorize}`,
    discordApiUrl: env.C500_DISCORD_API_URL ? base.discordApiUrl : `${url}${discordApiPath}/v10`,
    beacon: { url: `${url}${localBeaconPath}` },
    secrets,
  };
}

/**
 * On the emulators, a project of its own for each run (unless GOOGLE_CLOUD_PROJECT names one),
 * so a run never reads another's documents from an emulator they share.
 */
function productionProjectId(base: Config, env: NodeJS.ProcessEnv): string {
  if (!productionClientsOn(env) || env.GOOGLE_CLOUD_PROJECT) return base.projectId;
  return `${base.projectId}-${randomUUID().slice(0, 8)}`;
}

/** Runs a scheduled function now, as Cloud Scheduler would: a POST to its route. */
function scheduledRunner(internalUrl: string) {
  return async (name: string) => {
    const answer = await fetch(`${internalUrl}${registryEntry(name, 'scheduled').route}`, { method: 'POST' });
    const text = await answer.text();
    return { status: answer.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

/**
 * A handled message may schedule a task and a task may publish: loop until quiet. Tasks due
 * later (a checkout's deadline, a hammer in an hour) are not waited for.
 */
async function settleRuntime(local: LocalPlatform, processes: FunctionProcess[]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    // The carrier's webhooks are on their way to its ingress until each is answered.
    await local.carrierWebhooksSent();
    // Messages the front published are on their way here until it says otherwise.
    await Promise.all(processes.map((p) => p.sync()));
    await local.bus.idle();
    if (local.tasks.dueWithin(1_000) === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
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
