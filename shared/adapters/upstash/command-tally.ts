/**
 * @module command-tally
 * The commands an instance sent one Upstash database (script-commands counts them), written once
 * a minute as one `redis.commands` line with `commands`, `windowSeconds` and `database` (the
 * database's place in the book's list, bookDatabases: never its URL or token): summed over
 * instances by database, what Upstash bills each, for the alert on the plan's command limit,
 * which each database has on its own (the capacity model's first wall, docs/capacity.md). Nothing is written for a minute with no commands. The count is a number
 * in the process; the timer never keeps a process alive, and a process that exits writes what
 * its last minute counted.
 */
import type { Redis } from '@upstash/redis';
import type { Clock } from '../../ports';
import { log } from '../../log';
import { countCommands } from './script-commands';

/** How often an instance writes its count. */
export const commandTallyEveryMs = 60_000;

export interface CommandTally {
  add(commands: number): void;
  /** Writes the window's line (when anything was counted) and starts the next window. */
  flush(): void;
}

/** `database`: the database's index in the book's list (0 is `UPSTASH_REDIS_REST_URL`'s). */
export function commandTally(clock: Clock, database = 0): CommandTally {
  let commands = 0;
  let since = clock.now().getTime();
  return {
    add(n) {
      commands += n;
    },
    flush() {
      const now = clock.now().getTime();
      // The window as it was: a minute from the timer, less from the exit (never 0: a rate divides by it).
      if (commands > 0)
        log.info('commands sent to Upstash', { event: 'redis.commands', database, commands, windowSeconds: Math.max(1, Math.round((now - since) / 1000)) });
      commands = 0;
      since = now;
    },
  };
}

export interface TallySchedule {
  /** Calls `flush` every `ms`; the default's timer is unref'd. */
  every(flush: () => void, ms: number): void;
  /** Calls `flush` as the process exits (Cloud Run's SIGTERM ends in the functions framework's `process.exit`). */
  atExit(flush: () => void): void;
}

const processSchedule: TallySchedule = {
  every: (flush, ms) => void setInterval(flush, ms).unref(),
  // A log line is a synchronous write to stdout's pipe, so it is out before the process is.
  atExit: (flush) => void process.once('exit', flush),
};

/** Counts what this connection to the book's `database` (its index) sends, and writes the count once a minute and at exit. */
export function tallyCommandsEveryMinute(redis: Redis, clock: Clock, database: number, schedule: TallySchedule = processSchedule): CommandTally {
  const tally = commandTally(clock, database);
  countCommands(redis, tally.add);
  schedule.every(tally.flush, commandTallyEveryMs);
  schedule.atExit(tally.flush);
  return tally;
}
