#!/usr/bin/env node
// `node scripts/with-emulators.mjs <command> [args...]`: runs the command with Google's
// official Firestore and Pub/Sub emulators up, and FIRESTORE_EMULATOR_HOST and
// PUBSUB_EMULATOR_HOST pointing at them, so the tests that read those hosts run instead of
// skipping. An emulator whose host is already set is used as it is (only checked to answer);
// the others are started on free 127.0.0.1 ports and stopped when the command ends, fails or
// is interrupted. Exits with the command's code.
//
// Needs the Google Cloud CLI with its `beta`, `cloud-firestore-emulator` and `pubsub-emulator`
// components, and Java 11 or later. EMULATOR_START_SECONDS bounds the wait for each (default 90).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

const startSeconds = Number(process.env.EMULATOR_START_SECONDS ?? 90);
const logDir = mkdtempSync(join(tmpdir(), 'c500-emulators-'));
mkdirSync(join(logDir, 'pubsub-data'));

/** Both emulators, by the variable their clients read. */
const emulators = [
  {
    name: 'Firestore',
    hostVariable: 'FIRESTORE_EMULATOR_HOST',
    args: (host) => ['emulators', 'firestore', 'start', `--host-port=${host}`],
  },
  {
    name: 'Pub/Sub',
    hostVariable: 'PUBSUB_EMULATOR_HOST',
    // Its own data dir, so two runs on one machine never share topics.
    args: (host) => ['beta', 'emulators', 'pubsub', 'start', '--project=c500-emulator', `--host-port=${host}`, `--data-dir=${join(logDir, 'pubsub-data')}`],
  },
];

/** Emulators this run started: each is its own process group (gcloud runs Java beneath it). */
const started = [];

function freePort() {
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
async function waitForOk(name, host, gaveUp) {
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
      console.error(`with-emulators: ${error.message}\nwith-emulators: trying the ${emulator.name} emulator once more`);
    }
  }
}

async function launch(emulator, attempt) {
  const host = `127.0.0.1:${await freePort()}`;
  const log = join(logDir, `${emulator.hostVariable.toLowerCase()}-${attempt}.log`);
  const out = openSync(log, 'w');
  // detached: a process group of its own, so stopping it reaches the Java child too, and a
  // Ctrl-C meant for the command does not reach it before the command has finished.
  const child = spawn('gcloud', ['--quiet', ...emulator.args(host)], {
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
  process.env[emulator.hostVariable] = host;
  console.error(`with-emulators: the ${emulator.name} emulator answers at ${host}`);
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

/** Stops every emulator this run started: TERM to each group, KILL to what is left after 5 s. */
async function stopEmulators({ keepLogs = false } = {}) {
  const pids = started.map((run) => run.child.pid).filter((pid) => pid !== undefined);
  started.length = 0;
  for (const pid of pids) signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (pids.some(groupAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of pids.filter(groupAlive)) signalGroup(pid, 'SIGKILL');
  if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
}

async function main(command) {
  if (command.length === 0) {
    console.error('usage: node scripts/with-emulators.mjs <command> [args...]');
    return 2;
  }
  let commandChild;
  let stopping = false;
  const onSignal = (signal) => {
    if (commandChild) {
      // The command sees the signal (a terminal's Ctrl-C reaches it anyway); its exit ends the run.
      commandChild.kill(signal);
      return;
    }
    if (stopping) return;
    stopping = true;
    void stopEmulators().then(() => process.exit(128 + constants.signals[signal]));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Whatever ends this process uncaught, no emulator outlives it.
  process.on('exit', () => started.forEach((run) => run.child.pid !== undefined && signalGroup(run.child.pid, 'SIGKILL')));

  // allSettled: when one fails, the other has still started by the time both are stopped.
  const failures = (
    await Promise.allSettled(
      emulators.map((emulator) => {
        const preset = process.env[emulator.hostVariable];
        return preset ? waitForOk(emulator.name, preset, () => undefined) : startEmulator(emulator);
      }),
    )
  ).filter((outcome) => outcome.status === 'rejected');
  if (failures.length > 0) {
    for (const { reason } of failures) console.error(`with-emulators: ${reason.message}`);
    console.error(`with-emulators: the emulators' logs are kept in ${logDir}`);
    await stopEmulators({ keepLogs: true });
    return 1;
  }

  const code = await new Promise((resolve) => {
    commandChild = spawn(command[0], command.slice(1), { stdio: 'inherit' });
    commandChild.on('error', (error) => {
      console.error(`with-emulators: could not run ${command[0]}: ${error.message}`);
      resolve(127);
    });
    commandChild.on('exit', (exitCode, signal) => resolve(exitCode ?? 128 + constants.signals[signal]));
  });
  await stopEmulators();
  return code;
}

process.exitCode = await main(process.argv.slice(2));
