#!/usr/bin/env node
// `node scripts/with-emulators.mjs <command> [args...]`: runs the command with Google's
// official Firestore and Pub/Sub emulators up, and FIRESTORE_EMULATOR_HOST and
// PUBSUB_EMULATOR_HOST pointing at them, so the tests that read those hosts run instead of
// skipping. An emulator whose host is already set is used as it is (only checked to answer);
// the others are started on free 127.0.0.1 ports and stopped when the command ends, fails or
// is interrupted (scripts/emulators.mjs, which `--production-clients` uses too). Exits with
// the command's code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { emulators, emulatorsUp } from './emulators.mjs';

async function main(command) {
  if (command.length === 0) {
    console.error('usage: node scripts/with-emulators.mjs <command> [args...]');
    return 2;
  }
  let commandChild;
  let up;
  let stopping = false;
  const onSignal = (signal) => {
    if (commandChild) {
      // The command sees the signal (a terminal's Ctrl-C reaches it anyway); its exit ends the run.
      commandChild.kill(signal);
      return;
    }
    if (stopping) return;
    stopping = true;
    void (up?.stop() ?? Promise.resolve()).then(() => process.exit(128 + constants.signals[signal]));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    up = await emulatorsUp({ say: (line) => console.error(`with-emulators: ${line.replace(/^emulators: /, '')}`) });
  } catch (error) {
    console.error(`with-emulators: ${error.message}`);
    return 1;
  }
  for (const emulator of emulators) {
    const host = up.env[emulator.hostVariable];
    process.env[emulator.hostVariable] = host;
  }

  const code = await new Promise((resolve) => {
    commandChild = spawn(command[0], command.slice(1), { stdio: 'inherit' });
    commandChild.on('error', (error) => {
      console.error(`with-emulators: could not run ${command[0]}: ${error.message}`);
      resolve(127);
    });
    commandChild.on('exit', (exitCode, signal) => resolve(exitCode ?? 128 + constants.signals[signal]));
  });
  await up.stop();
  return code;
}

process.exitCode = await main(process.argv.slice(2));
