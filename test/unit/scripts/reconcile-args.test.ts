/**
 * `npm run reconcile -- --since <date>`: what it reads of its arguments.
 */
import { sinceOf } from '../../../scripts/reconcile';
import { ConfigError } from '../../../shared/config';

describe('npm run reconcile’s --since', () => {
  const now = new Date('2026-11-27T12:00:00Z');

  it('reads the date given, and two days back without one', () => {
    expect(sinceOf(['--since', '2026-11-01'], now).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(sinceOf([], now).toISOString()).toBe('2026-11-25T12:00:00.000Z');
  });

  it('refuses what is not a date, saying what it takes', () => {
    expect(() => sinceOf(['--since', 'yesterday'], now)).toThrow(ConfigError);
    expect(() => sinceOf(['--since'], now)).not.toThrow();
  });
});
