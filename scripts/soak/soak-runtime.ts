/**
 * What the soak runs against, started and stopped as one: a Redis of its own (restarted once
 * mid-run, never the machine's shared one), Google's emulators under `--production-clients`
 * (those the environment names, else started here), and the runtime in a process of its
 * own. At the end, every document is read back from where the runtime kept it: its store's
 * snapshot, or the emulator.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { setLogIdKey } from '../../shared/log';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentData } from '../../shared/ports';
import { startRuntimeProcess, type RuntimeProcess } from '../bench/runtime-process';
import { productionEmulators } from '../production-emulators';
import { readEmulatorDocuments } from './emulator-documents';
import { startSoakRedis, type SoakRedis } from './redis';

export interface SoakRuntime {
  /** The runtime now: after `killRuntime`, the one started again. */
  readonly rt: RuntimeProcess;
  redis: SoakRedis;
  /** Stops the runtime, keeping its data; the emulators still hold the documents. */
  stopRuntime(): Promise<void>;
  /**
   * `kill -9` of the runtime's own process (its function processes end with it), then another
   * started on the same port, data folder, project and Redis: only under the production
   * clients, where the emulators hold the state. Answers the new one.
   */
  killRuntime?: () => Promise<RuntimeProcess>;
  /** Every document the runtime kept, once it has stopped. */
  readDocuments(): Promise<Map<string, DocumentData>>;
  /** Stops whatever is still running: the runtime, Redis, the emulators started here. */
  stopAll(): Promise<void>;
}

export async function startSoakRuntime(options: { faults: string | undefined; productionClients: boolean }): Promise<SoakRuntime> {
  const runId = randomUUID().slice(0, 8);
  const emulators = options.productionClients ? await productionEmulators(process.env, (line) => console.log(line)) : undefined;
  const projectId = `c500-soak-${runId}`;
  const redis = await startSoakRedis();
  // The runtime's key of pseudonyms, shared with this process: Stripe's metadata names people by pseudonym, and the invariants find them by it.
  const logIdKey = randomBytes(32).toString('hex');
  setLogIdKey(logIdKey);
  const env = {
    LOG_ID_KEY: logIdKey,
    C500_FAULTS: options.faults ?? 'off',
    // Its lines go to runtime.log and runtime.out.log beside the store's snapshot, to look into
    // whatever broke; info too, as in production: the SLOs' lines (scripts/slo) are info lines.
    C500_LOG_LEVEL: 'info',
    REDIS_URL: redis.url,
    // Each soak's own keys: a soak before this one (the same channel ids, the same seed) left its auctions in the book.
    C500_REDIS_KEY_PREFIX: `soak:${runId}:`,
    // The shortest pay window Stripe allows: unpaid offers lapse by their task when the clock moves half an hour.
    C500_AUCTION_PAY_MINUTES: '30',
    // A project of its own on the emulator, named here so its documents can be read back.
    ...(emulators ? { ...emulators.added, GOOGLE_CLOUD_PROJECT: projectId } : {}),
  };
  let rt = await startRuntimeProcess(env, { logToDataDir: true }).catch(async (error: unknown) => {
    await Promise.all([redis.stop(), emulators?.stop()]);
    throw error;
  });
  let runtimeStopped: Promise<void> | undefined;
  const stopRuntime = () => (runtimeStopped ??= rt.stop({ keepData: true }));
  const killRuntime = async () => {
    const pids = (await runtimeProcesses(rt.runtimeUrl)).flatMap((p) => (p.pid ? [p.pid] : []));
    await rt.kill();
    // Its processes end when it does (their IPC channel closes): the public port is free once they have.
    await gone(pids);
    rt = await startRuntimeProcess({ ...env, PORT: new URL(rt.url).port }, { dataDir: rt.dataDir, logToDataDir: true });
    return rt;
  };
  return {
    get rt() {
      return rt;
    },
    redis,
    stopRuntime,
    ...(emulators ? { killRuntime } : {}),
    readDocuments: async () => {
      if (!emulators)
        return new Map(Object.entries((JSON.parse(readFileSync(join(rt.dataDir, 'store.json'), 'utf8')) as { docs: Record<string, DocumentData> }).docs));
      const docs = await readEmulatorDocuments(emulators.added.FIRESTORE_EMULATOR_HOST as string, projectId);
      // Kept as the embedded store keeps its snapshot, to look into whatever broke.
      writeFileSync(join(rt.dataDir, 'store.json'), JSON.stringify({ docs: Object.fromEntries(docs) }));
      return docs;
    },
    stopAll: async () => {
      await stopRuntime().catch(() => undefined);
      await Promise.all([redis.stop(), emulators?.stop()]);
    },
  };
}

/** The runtime's processes as its health route lists them (none when it does not answer). */
export async function runtimeProcesses(runtimeUrl: string): Promise<Array<{ role: string; pid?: number }>> {
  const health = (await (await fetch(`${runtimeUrl}/_local/health`)).json().catch(() => ({ processes: [] }))) as {
    processes: Array<{ role: string; pid?: number }>;
  };
  return health.processes;
}

/** Waits (10 s at most) for the processes to be gone; any left then is killed. */
async function gone(pids: number[]): Promise<void> {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 10_000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
}
