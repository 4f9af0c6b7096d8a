/**
 * @module task-due
 * The time a task was scheduled for, carried in its payload so the task can tell a run
 * before its time (Cloud Tasks early, or an instance's clock behind) from one on time.
 */

/** A due time as a task payload carries it: whole milliseconds since 1970, after it. */
export function isDueAtMs(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
