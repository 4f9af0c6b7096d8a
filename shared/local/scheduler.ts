/**
 * @module scheduler
 * Cloud Scheduler's stand-in: each scheduled function of the registry on a timer at its
 * period, called as Cloud Scheduler calls it (an HTTP POST to its route).
 */
import { log } from '../log';
import { functionRegistry } from '../registry';

/** Starts the timers; the answer stops them. */
export function startScheduler(run: (name: string) => Promise<unknown>): () => void {
  const timers = functionRegistry.flatMap((entry) =>
    entry.kind === 'scheduled'
      ? [
          setInterval(
            () => void run(entry.name).catch((error: unknown) => log.warn('scheduled run failed', { function: entry.name, error })),
            entry.everyMinutes * 60_000,
          ).unref(),
        ]
      : [],
  );
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
