/**
 * @module local-clock
 * The local runtime's clock, which `POST /_local/clock` moves forward like Stripe's test
 * clocks: the time of the clock it runs on (the system's, or a test's) plus an offset that
 * only grows. Every process reads the same: the runtime tells each its offset (at start,
 * after a restart and at each move), and a process on a test's clock is told the time with
 * each delivery and request already.
 *
 * @example const clock = new LocalClock(); clock.advance(30 * 86_400_000); // 30 days on
 */
import { systemClock, type Clock } from '../ports';

export interface LocalClockOptions {
  /** Where an earlier runtime on the same data had moved it (under the production clients). */
  offsetMs?: number;
  /** Told of each move, to write it down. */
  moved?: (offsetMs: number) => void;
}

export class LocalClock implements Clock {
  private offsetMs: number;

  constructor(
    readonly base: Clock = systemClock,
    private readonly options: LocalClockOptions = {},
  ) {
    this.offsetMs = options.offsetMs ?? 0;
  }

  now = (): Date => new Date(this.base.now().getTime() + this.offsetMs);

  /** How far ahead of its base clock it runs. */
  get offset(): number {
    return this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
    this.options.moved?.(this.offsetMs);
  }
}

/** Whether a clock is the system's, moved or not: such a runtime's processes keep their own time and add the offset. */
export function runsOnSystemTime(clock: Clock): boolean {
  return clock === systemClock || (clock instanceof LocalClock && runsOnSystemTime(clock.base));
}

/** The offset a process adds to its own system time, when its runtime's clock is a moved system clock. */
export const offsetOf = (clock: Clock): number => (clock instanceof LocalClock ? clock.offset + offsetOf(clock.base) : 0);

/** Ten years: far past any window the product keeps (C500_ADDRESS_DAYS is at most 3,650 days), short of Date's limits. */
export const mostAdvanceMs = 3_660 * 86_400_000;

/** `{"advanceMs": <n>}`: a whole number of milliseconds, more than zero, at most ten years. */
export function readAdvance(body: Buffer | undefined): { ok: true; advanceMs: number } | { ok: false; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse((body ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    return { ok: false, problem: 'the body is not JSON: send {"advanceMs": <milliseconds>}' };
  }
  const advanceMs = (parsed as { advanceMs?: unknown } | null)?.advanceMs;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).some((k) => k !== 'advanceMs'))
    return { ok: false, problem: 'send exactly {"advanceMs": <milliseconds>}' };
  if (typeof advanceMs !== 'number' || !Number.isSafeInteger(advanceMs) || advanceMs <= 0 || advanceMs > mostAdvanceMs)
    return { ok: false, problem: `advanceMs must be a whole number of milliseconds from 1 to ${mostAdvanceMs} (ten years): the clock only moves forward` };
  return { ok: true, advanceMs };
}
