/**
 * The probe reads its bid's decision within its own run (15 reads a second apart): the decision
 * is kept 2 minutes, long enough for a slow subscriber, and each minute's count of probe bids
 * (the probe's rate limit) as long, both set with their expiry (docs/operations/probe.md).
 */
import type { Redis } from '@upstash/redis';
import { probeDecisions } from '../../adapters/upstash/probe-decisions';

describe('a probe bid’s decision beside the book', () => {
  it('is written to expire 2 minutes after it is noted, and read back as it was written', async () => {
    const kept = new Map<string, { value: string; px: number | undefined }>();
    const redis = {
      set: async (key: string, value: string, options?: { px?: number }) => void kept.set(key, { value, px: options?.px }),
      get: async (key: string) => kept.get(key)?.value ?? null,
    } as unknown as Redis;
    const decisions = probeDecisions(
      redis,
      (id) => `c500:probe:${id}`,
      (minute) => `c500:probe-count:${minute}`,
    );

    await decisions.noteProbeDecision('p1', 'not-found');

    expect(kept.get('c500:probe:p1')).toEqual({ value: 'not-found', px: 120_000 });
    expect(await decisions.probeDecision('p1')).toBe('not-found');
    expect(await decisions.probeDecision('p2')).toBeUndefined();
  });

  it('counts a minute’s probe bids in one counter, set to expire 2 minutes on with each count', async () => {
    const counts = new Map<string, number>();
    const expiries = new Map<string, number>();
    const pipeline = () => {
      const steps: Array<() => number> = [];
      const chain = {
        incr: (key: string) => (steps.push(() => counts.set(key, (counts.get(key) ?? 0) + 1).get(key) as number), chain),
        pexpire: (key: string, ms: number) => (steps.push(() => (expiries.set(key, ms), 1)), chain),
        exec: async () => steps.map((step) => step()),
      };
      return chain;
    };
    const decisions = probeDecisions(
      { pipeline } as unknown as Redis,
      (id) => `c500:probe:${id}`,
      (minute) => `c500:probe-count:${minute}`,
    );

    expect(await decisions.countProbeBid(60_000)).toBe(1);
    expect(await decisions.countProbeBid(60_000)).toBe(2);
    expect(await decisions.countProbeBid(120_000)).toBe(1);

    expect(expiries).toEqual(
      new Map([
        ['c500:probe-count:60000', 120_000],
        ['c500:probe-count:120000', 120_000],
      ]),
    );
  });
});
