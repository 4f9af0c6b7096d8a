/**
 * The playground draws Discord's relative timestamps (`<t:…:R>`) as Discord's client does: a
 * final call 20 s away reads "in 20 seconds", a 90 s auction "in 90 seconds" (exact while short),
 * longer times to the nearest minute, hour or day, so a 72-hour window reads "in 3 days".
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

  it('counts the nearest whole minutes, hours and days, ahead and behind', () => {
    expect(relativeText(now + 120_000, now)).toBe('in 2 minutes');
    expect(relativeText(now + 149_000, now)).toBe('in 2 minutes');
    expect(relativeText(now + 151_000, now)).toBe('in 3 minutes');
    expect(relativeText(now + 59 * 60_000, now)).toBe('in 59 minutes');
    expect(relativeText(now + 3_599_000, now)).toBe('in 1 hour');
    expect(relativeText(now + 2 * 3_600_000 + 29 * 60_000, now)).toBe('in 2 hours');
    expect(relativeText(now + 2 * 3_600_000 + 31 * 60_000, now)).toBe('in 3 hours');
    expect(relativeText(now + 23 * 3_600_000, now)).toBe('in 23 hours');
    expect(relativeText(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(relativeText(now - 125_000, now)).toBe('2 minutes ago');
  });

  it('reads a 72-hour pay window as Discord does, a few seconds after it was written', () => {
    expect(relativeText(now + 72 * 3_600_000 - 5_000, now)).toBe('in 3 days');
    expect(relativeText(now + 14 * 86_400_000 - 2 * 86_400_000 - 5_000, now)).toBe('in 12 days');
  });
});
