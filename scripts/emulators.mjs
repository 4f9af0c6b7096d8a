// Google's official Firestore and Pub/Sub emulators, started or found: used by
// scripts/with-emulators.mjs (a command run with both up) and by `npm start` / `npm run soak`
// under `--production-clients` (scripts/start.ts, scripts/soak.ts). Plain JavaScript, so
// with-emulators runs on any Node without a build.
//
// An emulator whose host variable is set is used as it is (only checked to answer "Ok" on /);
// the others are started on free 127.0.0.1 ports, each in a process group of its own (gcloud
// runs Java beneath it), and stopped by `stop()`, or killed when this process exits.
//
// Needs the Google Cloud CLI with its `beta`, `cloud-firestore-emulator` and `pubsub-emulator`
// components, and Java 11 or later. EMULATOR_START_SECONDS bounds the wait for each (default 90).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Both emulators, by the variable their clients read. */
export const emulators = [
  {
    id: 'firestore',
    name: 'Firestore',
    hostVariable: 'FIRESTORE_EMULATOR_HOST',
    args: (host) => ['emulators', 'firestore', 'start', `--host-port=${host}`],
  },
  {
    id: 'pubsub',
    name: 'Pub/Sub',
    hostVariable: 'PUBSUB_EMULATOR_HOST',
    // Its own data dir, so two runs on one machine never share topics.
    args: (host, logDir) => [
      'beta',
      'emulators',
      'pubsub',
      'start',
      '--project=c500-emulator',
      `--host-port=${host}`,
      `--data-dir=${join(logDir, 'pubsub-data')}`,
    ],
  },
];

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function logTail(path) {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-20).join('\n') || '(nothing yet)';
  } catch {
    return '(no log)';
  }
}

/** Resolves once `http://<host>/` answers "Ok"; rejects when `gaveUp()` says so or time runs out. */
export async function waitForOk(name, host, gaveUp = () => undefined, startSeconds = Number(process.env.EMULATOR_START_SECONDS ?? 90)) {
  const deadline = Date.now() + startSeconds * 1000;
  for (;;) {
    try {
      const answer = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(2000) });
      if ((await answer.text()).trim() === 'Ok') return;
    } catch {
      // Not serving yet.
    }
    const reason = gaveUp();
    if (reason) throw new Error(`the ${name} emulator at ${host} ${reason}`);
    if (Date.now() > deadline) throw new Error(`the ${name} emulator at ${host} did not answer "Ok" on / within ${startSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The emulators named in `only` (ids: firestore, pubsub), up: answers `{ env, stop, logDir }`,
 * `env` holding each one's host variable. `env` is where preset hosts are read (the caller's
 * environment); nothing here writes process.env. When one cannot be had, what was started is
 * stopped and the error says why, its log's tail included.
 */
export async function emulatorsUp({ only = ['firestore', 'pubsub'], env = process.env, say = (line) => console.error(line) } = {}) {
  const logDir = mkdtempSync(join(tmpdir(), 'c500-emulators-'));
  mkdirSync(join(logDir, 'pubsub-data'));
  const started = [];
  const killAll = () => started.forEach((run) => run.child.pid !== undefined && signalGroup(run.child.pid, 'SIGKILL'));
  // Whatever ends this process uncaught, no emulator outlives it.
  process.on('exit', killAll);

  async function launch(emulator, attempt) {
    const host = `127.0.0.1:${await freePort()}`;
    const log = join(logDir, `${emulator.hostVariable.toLowerCase()}-${attempt}.log`);
    const out = openSync(log, 'w');
    // detached: a process group of its own, so stopping it reaches the Java child too, and a
    // Ctrl-C meant for the command does not reach it before the command has finished.
    const child = spawn('gcloud', ['--quiet', ...emulator.args(host, logDir)], {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' },
    });
    const run = { name: emulator.name, child, exited: false, spawnError: undefined };
    child.on('exit', () => (run.exited = true));
    child.on('error', (error) => {
      run.exited = true;
      run.spawnError = error;
    });
    started.push(run);
    try {
      await waitForOk(emulator.name, host, () =>
        run.spawnError ? `could not start (${run.spawnError.message}; is the Google Cloud CLI installed?)` : run.exited ? 'exited' : undefined,
      );
    } catch (error) {
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      throw Object.assign(new Error(`${error.message}. Its log (${log}) ends:\n${logTail(log)}`, { cause: error }), {
        cannotStart: run.spawnError !== undefined,
      });
    }
    say(`emulators: the ${emulator.name} emulator answers at ${host}`);
    return host;
  }

  /**
   * Starts the emulator, once more on another port if the first one never answers: under heavy
   * load the Pub/Sub emulator was once seen stuck after a Netty decoding error, never serving.
   */
  async function startEmulator(emulator) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(emulator, attempt);
      } catch (error) {
        if (attempt >= 2 || error.cannotStart) throw error;
        say(`emulators: ${error.message}\nemulators: trying the ${emulator.name} emulator once more`);
      }
    }
  }

  /** Stops every emulator started here: TERM to each group, KILL to what is left after 5 s. */
  async function stop({ keepLogs = false } = {}) {
    const pids = started.map((run) => run.child.pid).filter((pid) => pid !== undefined);
    started.length = 0;
    for (const pid of pids) signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (pids.some(groupAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of pids.filter(groupAlive)) signalGroup(pid, 'SIGKILL');
    process.off('exit', killAll);
    if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
  }

  const wanted = emulators.filter((emulator) => only.includes(emulator.id));
  // allSettled: when one fails, the other has still started by the time both are stopped.
  const outcomes = await Promise.allSettled(
    wanted.map(async (emulator) => {
      const preset = env[emulator.hostVariable];
      if (preset) {
        await waitForOk(emulator.name, preset);
        return preset;
      }
      return startEmulator(emulator);
    }),
  );
  const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
  if (failures.length > 0) {
    await stop({ keepLogs: true });
    throw new Error(`${failures.map(({ reason }) => reason.message).join('\n')}\nThe emulators' logs are kept in ${logDir}`);
  }
  const hosts = {};
  wanted.forEach((emulator, i) => (hosts[emulator.hostVariable] = outcomes[i].value));
  return { env: hosts, stop, logDir };
}
