/**
 * The local runtime as `npm start` runs it, in a process of its own, for a load generator
 * to drive from outside: started on a free port with a fresh data dir, its address and
 * development key read from what it prints, each of its processes' CPU read from
 * `GET /_local/cpu` (every process measures itself with `process.cpuUsage()`).
 * The EventSub secret is read from its printed development secrets too, so a load
 * generator can sign Twitch's deliveries itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchRuntime } from './runtime-fetch';

export interface RuntimeProcess {
  url: string;
  /** Where its store's snapshot and dev secrets are kept. */
  dataDir: string;
  /** The runtime process's own address, behind the ingress process that owns `url`. */
  runtimeUrl: string;
  privateKey: string;
  /** TWITCH_EVENTSUB_SECRET, as the runtime printed it (or as the environment gave it). */
  eventSubSecret: string;
  /** Milliseconds of CPU (user + system) each process of the runtime has used so far. */
  cpuMs(): Promise<Record<string, number>>;
  /** Stops it as Ctrl-C would (its store saved); its data dir is removed unless kept. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Kills it with `kill -9`, as a machine dies: its data dir is kept, for one started again on it. */
  kill(): Promise<void>;
}

export const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

export async function startRuntimeProcess(
  env: Record<string, string | undefined>,
  options: {
    /** Writes what the runtime should find in its fresh data dir (a store snapshot) before it starts. */
    seed?: (dataDir: string) => void;
    /** Starts on this data dir (one a killed runtime left) instead of a fresh one. */
    dataDir?: string;
    /**
     * Its log lines go to `runtime.log` in its data dir (appended), instead of this process's
     * stderr, and what it prints once ready (its info lines and the outbox) to `runtime.out.log`:
     * the log the SLO report reads (scripts/slo).
     */
    logToDataDir?: boolean;
  } = {},
): Promise<RuntimeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'c500-bench-'));
  options.seed?.(dataDir);
  // BENCH_NODE_ARGS (say `--cpu-prof --cpu-prof-dir=/tmp/prof`) reaches the runtime and, through fork, its subscriber process.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'start.js')], {
    env: { ...process.env, PORT: '0', C500_DATA_DIR: dataDir, C500_LOG_LEVEL: 'warn', DISCORD_PUBLIC_KEY: undefined, ...env },
    stdio: ['ignore', 'pipe', options.logToDataDir ? openSync(join(dataDir, 'runtime.log'), 'a') : 'inherit'],
  });
  let printed = '';
  const { url, privateKey, eventSubSecret } = await new Promise<{ url: string; privateKey: string; eventSubSecret: string }>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      const url = /runtime on (http:\/\/[\d.:]+)/.exec(printed)?.[1];
      const privateKey = /DISCORD_PRIVATE_KEY=([0-9a-f]+)\n/.exec(printed)?.[1];
      // Printed among the development secrets, before the private key, unless the environment set it.
      const given = 'TWITCH_EVENTSUB_SECRET' in env ? env.TWITCH_EVENTSUB_SECRET : process.env.TWITCH_EVENTSUB_SECRET;
      const eventSubSecret = given ?? /TWITCH_EVENTSUB_SECRET=(\S+)\n/.exec(printed)?.[1];
      if (url && privateKey && eventSubSecret) {
        // From here on its outbox lines are read and dropped, as a terminal would show them (or kept, with its info lines).
        child.stdout?.off('data', read);
        if (options.logToDataDir) child.stdout?.pipe(createWriteStream(join(dataDir, 'runtime.out.log'), { flags: 'a' }));
        else child.stdout?.resume();
        resolve({ url, privateKey, eventSubSecret });
      }
    };
    child.stdout?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the runtime exited with ${code} before it was ready:\n${printed}`)));
  });
  // A runtime that dies under a bench or a soak fails it loudly: otherwise the harness waits on
  // nothing, its event loop empties, and it exits 0 with no report.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`the runtime exited on its own (${code ?? signal}): nothing it measured can be trusted`);
    process.exit(1);
  });
  // Local routes (the outbox, CPU) are read from the runtime process itself, behind the ingress: watching costs the ingress nothing.
  const { runtimeUrl } = (await (await fetchRuntime(`${url}/_local/health`)).json()) as { runtimeUrl: string };
  return {
    url,
    dataDir,
    runtimeUrl,
    privateKey,
    eventSubSecret,
    cpuMs: async () => {
      const usage = (await (await fetchRuntime(`${runtimeUrl}/_local/cpu`)).json()) as Record<string, NodeJS.CpuUsage>;
      return Object.fromEntries(Object.entries(usage).map(([name, u]) => [name, cpuMsOf(u)]));
    },
    stop: async (options = {}) => {
      stopping = true;
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
