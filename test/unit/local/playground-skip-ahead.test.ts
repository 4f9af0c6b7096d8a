/**
 * What the playground's Skip ahead says after it moved the runtime's clock: how far, what ran
 * (tasks, and the scheduled jobs by name in words), and when the next waiting task comes due,
 * never rounded up to a time not yet reached.
 */
import { inWords, movedText, nextTaskText, skips, spanText } from '../../../shared/local/playground/client/skip-words';

const moved = (tasksRun: number, scheduledRun: string[] = []) => ({ now: '2026-11-27T21:00:00.000Z', offsetMs: 3_600_000, tasksRun, scheduledRun });

describe('Skip ahead’s words', () => {
  it('offers ten minutes, an hour and a day', () => {
    expect(skips.map((s) => [s.label, s.ms])).toEqual([
      ['+10 min', 600_000],
      ['+1 hour', 3_600_000],
      ['+1 day', 86_400_000],
    ]);
  });

  it('says a span in its two largest whole units, never rounding up', () => {
    expect(spanText(3_600_000)).toBe('1 hour');
    expect(spanText(3_660_000)).toBe('1 hour 1 minute');
    expect(spanText(3_659_999)).toBe('1 hour');
    expect(spanText(59_999)).toBe('59 seconds');
    expect(spanText(2 * 86_400_000 + 5 * 3_600_000 + 7 * 60_000)).toBe('2 days 5 hours');
    expect(spanText(86_400_000 + 30_000)).toBe('1 day');
    expect(spanText(1_000)).toBe('1 second');
    expect(spanText(999)).toBe('less than a second');
  });

  it('says how far the clock moved and how many tasks ran', () => {
    expect(movedText(3_600_000, moved(2))).toBe('Moved 1 hour ahead; 2 tasks ran.');
    expect(movedText(600_000, moved(1))).toBe('Moved 10 minutes ahead; 1 task ran.');
    expect(movedText(600_000, moved(0))).toBe('Moved 10 minutes ahead; no task was due.');
    expect(movedText(40_000, moved(1), true)).toBe('Moved 40 seconds ahead, to the next task; 1 task ran.');
  });

  it('names the scheduled jobs that came due in words', () => {
    expect(movedText(3_600_000, moved(0, ['auctionSweep', 'orderSweep']))).toBe(
      'Moved 1 hour ahead; no task was due; 2 scheduled jobs ran (auction sweep, order sweep).',
    );
    expect(inWords('groupbuy-close')).toBe('groupbuy close');
    expect(inWords('reconcileLedger')).toBe('reconcile ledger');
  });

  it('says when the next waiting task comes due, that it is due now, or that none waits', () => {
    const next = { queue: 'groupbuy-close', name: 'groupbuy-close-ab12cd34-1795000000000', at: '2026-11-27T21:01:00.000Z' };
    expect(nextTaskText({ ...next, inMs: 40_500 })).toBe('Next task: groupbuy close, due in 40 seconds.');
    expect(nextTaskText({ ...next, inMs: 0 })).toBe('Next task: groupbuy close, due now.');
    expect(nextTaskText(null)).toBe('No task is waiting.');
  });
});
