/**
 * @module shell
 * Runs the deploy's commands, or in a dry run only prints them. Every command is printed
 * before it runs, so the operator's terminal is the deploy's record.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { shown, type Command } from './commands';

/** A gate said no: the deploy stopped and said what it saw (exit 1). */
export class GateFailed extends Error {}

export interface Shell {
  /** Runs and returns stdout; a non-zero exit throws with what the command printed. */
  read(c: Command): string;
  /** As read, but undefined when the command fails saying what `absent` matches (a service that does not exist yet). */
  readIfPresent(c: Command, absent: RegExp): string | undefined;
  /** Runs with the terminal attached (builds, terraform, the probe); returns the exit status. */
  attached(c: Command): number;
  wait(seconds: number): Promise<void>;
  say(line: string): void;
}

const failure = (c: Command, run: SpawnSyncReturns<string>) =>
  new Error(`${shown(c)} failed (${run.error?.message ?? `exit ${run.status}`}): ${(run.stderr ?? '').trim()}`);

export function realShell(): Shell {
  const capture = (c: Command) => {
    console.log(`$ ${shown(c)}`);
    return spawnSync(c.program, c.args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  return {
    read(c) {
      const run = capture(c);
      if (run.status !== 0) throw failure(c, run);
      return run.stdout;
    },
    readIfPresent(c, absent) {
      const run = capture(c);
      if (run.status === 0) return run.stdout;
      if (absent.test(run.stderr ?? '')) return undefined;
      throw failure(c, run);
    },
    attached(c) {
      console.log(`$ ${shown(c)}`);
      const run = spawnSync(c.program, c.args, { stdio: 'inherit' });
      if (run.error) console.error(`${c.program}: ${run.error.message}`);
      return run.status ?? 1;
    },
    wait: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
    say: (line) => console.log(line),
  };
}
