/**
 * The playground draws Discord's relative timestamps (`<t:…:R>`) as Discord's client does: a
 * final call 20 s away reads "in 20 seconds", a 90 s auction "in 90 seconds" (exact while short),
 * longer times never rounded up to a time not yet reached.
 */
import { relativeText } from '../../../shared/local/playground/client/markdown';

const now = Date.parse('2026-11-27T20:00:00Z');

describe('a relative timestamp in the playground', () => {
  it('counts seconds under two minutes, ahead and behind, so a 90 s auction says how long it is', () => {
    expect(relativeText(now + 90_000, now)).toBe('in 90 seconds');
    expect(relativeText(now + 119_000, now)).toBe('in 119 seconds');
    expect(relativeText(now + 20_000, now)).toBe('in 20 seconds');
    expect(relativeText(now - 5_000, now)).toBe('5 seconds ago');
    expect(relativeText(now, now)).toBe('in 0 seconds');
  });

  it('counts whole minutes, hours and days already reached, never rounding up', () => {
    expect(relativeText(now + 120_000, now)).toBe('in 2 minutes');
    expect(relativeText(now + 179_000, now)).toBe('in 2 minutes');
    expect(relativeText(now + 3_599_000, now)).toBe('in 59 minutes');
    expect(relativeText(now + 2 * 3_600_000 + 59 * 60_000, now)).toBe('in 2 hours');
    expect(relativeText(now - 3 * 86_400_000, now)).toBe('3 days ago');
  });
});
