/**
 * The local runtime's test clock (`POST /_local/clock`): it only moves forward, by a body
 * read strictly, and a moved clock stays the system's time plus an offset, which is what a
 * process on the system's time is told; the scheduler runs what the move made due.
 */
import { systemClock } from '../../../shared/ports';
import { LocalClock, mostAdvanceMs, offsetOf, readAdvance, runsOnSystemTime } from '../../../shared/local/local-clock';
import { startScheduler } from '../../../shared/local/scheduler';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('the local clock', () => {
  it('moves forward by what it is told and keeps the base clock’s pace', () => {
    const base = { ms: 1_000_000, now: () => new Date(base.ms) };
    const clock = new LocalClock(base);
    clock.advance(30 * 86_400_000);
    expect(clock.now().getTime()).toBe(1_000_000 + 30 * 86_400_000);
    base.ms += 5;
    expect(clock.now().getTime()).toBe(1_000_005 + 30 * 86_400_000);
    expect(offsetOf(clock)).toBe(30 * 86_400_000);
  });

  it('is on the system’s time when its base is (processes then add the offset), and not on a test’s clock', () => {
    expect(runsOnSystemTime(new LocalClock())).toBe(true);
    expect(runsOnSystemTime(systemClock)).toBe(true);
    expect(runsOnSystemTime(new LocalClock({ now: () => new Date(0) }))).toBe(false);
  });

  it('takes exactly {"advanceMs": <n>} with a whole number from 1 ms to ten years', () => {
    expect(readAdvance(body({ advanceMs: 2_592_000_000 }))).toEqual({ ok: true, advanceMs: 2_592_000_000 });
    expect(readAdvance(body({ advanceMs: mostAdvanceMs }))).toEqual({ ok: true, advanceMs: mostAdvanceMs });
    for (const bad of [
      { advanceMs: 0 },
      { advanceMs: -1 },
      { advanceMs: 1.5 },
      { advanceMs: '100' },
      { advanceMs: mostAdvanceMs + 1 },
      {},
      { advanceMs: 1, by: 2 },
      [1],
      null,
      'not json',
      '',
    ])
      expect(readAdvance(body(bad)).ok).toBe(false);
    expect(readAdvance(undefined).ok).toBe(false);
  });
});

describe('the scheduler on a moved clock', () => {
  it('runs each scheduled function whose period passed on the clock since it last ran, once per move', async () => {
    const clock = new LocalClock();
    const ran: string[] = [];
    const scheduler = startScheduler(async (name) => void ran.push(name), clock);
    try {
      expect(await scheduler.runDue()).toEqual([]);
      clock.advance(5 * 60_000);
      // Other modules' sweeps may run too: these two are the ones whose periods are known here.
      const fiveMinutes = await scheduler.runDue();
      expect(fiveMinutes).toContain('auctionSweep');
      expect(fiveMinutes).not.toContain('orderSweep');
      clock.advance(30 * 60_000);
      expect(await scheduler.runDue()).toEqual(expect.arrayContaining(['auctionSweep', 'orderSweep']));
      expect(await scheduler.runDue()).toEqual([]);
      expect(ran.filter((n) => n === 'orderSweep')).toHaveLength(1);
    } finally {
      scheduler.stop();
    }
  });
  it('leaves the synthetic probe to the wall clock’s timer, however far the clock moves', async () => {
    const clock = new LocalClock();
    const scheduler = startScheduler(async () => undefined, clock);
    try {
      clock.advance(60 * 60_000);
      const due = await scheduler.runDue();
      expect(due).toContain('auctionSweep');
      expect(due).not.toContain('syntheticProbe');
    } finally {
      scheduler.stop();
    }
  });
});
