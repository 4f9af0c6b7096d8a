/**
 * The probe reads its bid's decision within its own run (a few seconds) and runs every 5
 * minutes: the decision is kept 10 minutes, long enough for a slow subscriber and a retried
 * read, and gone before the second run after it (docs/operations/probe.md).
 */
import type { Redis } from '@upstash/redis';
import { probeDecisions } from '../../adapters/upstash/probe-decisions';

describe('a probe bid’s decision beside the book', () => {
  it('is written to expire 10 minutes after it is noted, and read back as it was written', async () => {
    const kept = new Map<string, { value: string; px: number | undefined }>();
    const redis = {
      set: async (key: string, value: string, options?: { px?: number }) => void kept.set(key, { value, px: options?.px }),
      get: async (key: string) => kept.get(key)?.value ?? null,
    } as unknown as Redis;
    const decisions = probeDecisions(redis, (id) => `c500:probe:${id}`);

    await decisions.noteProbeDecision('p1', 'not-found');

    expect(kept.get('c500:probe:p1')).toEqual({ value: 'not-found', px: 600_000 });
    expect(await decisions.probeDecision('p1')).toBe('not-found');
    expect(await decisions.probeDecision('p2')).toBeUndefined();
  });
});
