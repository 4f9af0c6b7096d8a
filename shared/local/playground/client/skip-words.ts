/**
 * @module skip-words
 * What the playground's **Skip ahead** says, in a person's words, from what the runtime
 * answered: how far the clock moved, what ran, and when the next waiting task comes due.
 * No DOM here: the control draws these, and a unit test reads them.
 */

/** What `POST /_local/clock` answers. */
export interface ClockMoved {
  now: string;
  offsetMs: number;
  tasksRun: number;
  /** The scheduled functions that came due, by name (`auctionSweep`). */
  scheduledRun: string[];
}

/** The waiting task that comes due first, as `GET /_local/clock` names it. */
export interface NextTask {
  queue: string;
  name: string;
  at: string;
  inMs: number;
}

/** The skips offered, each a button. */
export const skips: ReadonlyArray<{ label: string; ms: number }> = [
  { label: '+10 min', ms: 10 * 60_000 },
  { label: '+1 hour', ms: 3_600_000 },
  { label: '+1 day', ms: 86_400_000 },
];

const units: ReadonlyArray<[string, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

const counted = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * A span in its two largest whole units, never rounded up (`1 hour 1 minute`, `40 seconds`):
 * a task due in 59.6 seconds is not "in 1 minute".
 */
export function spanText(ms: number): string {
  const first = units.findIndex(([, size]) => ms >= size);
  const unit = units[first];
  if (!unit) return 'less than a second';
  const n = Math.floor(ms / unit[1]);
  const next = units[first + 1];
  const m = next ? Math.floor((ms - n * unit[1]) / next[1]) : 0;
  return next && m > 0 ? `${counted(n, unit[0])} ${counted(m, next[0])}` : counted(n, unit[0]);
}

/** `auctionSweep` -> `auction sweep`; `groupbuy-close` -> `groupbuy close`. */
export const inWords = (name: string): string =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();

/** "Moved 1 hour ahead; 2 tasks ran." with the scheduled jobs that came due, if any. */
export function movedText(movedMs: number, moved: ClockMoved, toNextTask = false): string {
  const tasks = moved.tasksRun === 0 ? 'no task was due' : `${counted(moved.tasksRun, 'task')} ran`;
  const jobs = moved.scheduledRun.length ? `; ${counted(moved.scheduledRun.length, 'scheduled job')} ran (${moved.scheduledRun.map(inWords).join(', ')})` : '';
  return `Moved ${spanText(movedMs)} ahead${toNextTask ? ', to the next task' : ''}; ${tasks}${jobs}.`;
}

/** When the next waiting task comes due, or that none waits. */
export function nextTaskText(next: NextTask | null): string {
  if (!next) return 'No task is waiting.';
  return next.inMs <= 0 ? `Next task: ${inWords(next.queue)}, due now.` : `Next task: ${inWords(next.queue)}, due in ${spanText(next.inMs)}.`;
}
