/**
 * @module scheduler
 * Cloud Scheduler's stand-in: each scheduled function of the registry on a timer at its
 * period, called as Cloud Scheduler calls it (an HTTP POST to its route). When the local
 * clock is moved forward (`POST /_local/clock`), `runDue` runs each one whose period has
 * passed on that clock since it last ran, as the real scheduler would have by then (but for
 * those the registry runs on the wall clock alone, `wallClockOnly`).
 */
import { log } from '../log';
import type { Clock } from '../ports';
import { functionRegistry } from '../registry';

export interface Scheduler {
  /** Runs now, once, every scheduled function due by the clock; answers their names. */
  runDue(): Promise<string[]>;
  stop(): void;
}

/** Starts the timers; `stop` stops them. */
export function startScheduler(run: (name: string) => Promise<unknown>, clock: Clock): Scheduler {
  const scheduled = functionRegistry.flatMap((entry) =>
    entry.kind === 'scheduled' ? [{ name: entry.name, periodMs: entry.everyMinutes * 60_000, onClockMove: !entry.wallClockOnly }] : [],
  );
  const lastRun = new Map(scheduled.map((s) => [s.name, clock.now().getTime()]));
  const runOne = async (name: string) => {
    lastRun.set(name, clock.now().getTime());
    await run(name).catch((error: unknown) => log.warn('scheduled run failed', { function: name, error }));
  };
  const timers = scheduled.map((s) => setInterval(() => void runOne(s.name), s.periodMs).unref());
  return {
    runDue: async () => {
      const now = clock.now().getTime();
      const due = scheduled.filter((s) => s.onClockMove && (lastRun.get(s.name) ?? 0) + s.periodMs <= now).map((s) => s.name);
      for (const name of due) await runOne(name);
      return due;
    },
    stop: () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
