import { parseShipFrom } from '../rules/ship-from';
import { changeProfile } from '../rules/profile';

describe('where a builder ships from', () => {
  it('reads street, city, state and ZIP in the home country', () => {
    expect(parseShipFrom(' 417 Montgomery St ,San  Francisco, CA, 94104', 'us')).toEqual({
      ok: true,
      from: { street1: '417 Montgomery St', city: 'San Francisco', state: 'CA', zip: '94104', country: 'US' },
    });
  });

  it('reads three parts where there is no state, and names none', () => {
    expect(parseShipFrom('10 Downing St, London, SW1A 2AA', 'GB')).toStrictEqual({
      ok: true,
      from: { street1: '10 Downing St', city: 'London', zip: 'SW1A 2AA', country: 'GB' },
    });
  });

  it('keeps the dots, apostrophes, number signs, slashes and hyphens addresses are written with', () => {
    expect(parseShipFrom("12-14 O'Connell St. #3/B, Saint-Louis, MO, 63101", 'US')).toEqual({
      ok: true,
      from: { street1: "12-14 O'Connell St. #3/B", city: 'Saint-Louis', state: 'MO', zip: '63101', country: 'US' },
    });
  });

  it('takes up to 200 characters, and refuses one more even when every part is short enough', () => {
    const upTo = (zipLength: number) => [...['a', 'b', 'c'].map((c) => c.repeat(60)), 'd'.repeat(zipLength)].join(',');
    expect(upTo(17)).toHaveLength(200);
    expect(parseShipFrom(upTo(17), 'US').ok).toBe(true);
    expect(parseShipFrom(upTo(18), 'US').ok).toBe(false);
  });

  it('refuses anything else with words that say how to write it', () => {
    for (const bad of [undefined, 7, 'just a street', 'a, b', 'a, b, c, d, e', 'a, , c', '<@123>, b, c', `${'a'.repeat(61)}, b, c`, `${'a, '.repeat(70)}b`]) {
      const read = parseShipFrom(bad, 'US');
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.reason).toContain('from:<street>, <city>, <state>, <ZIP>');
    }
    expect(parseShipFrom(`${'a'.repeat(60)}, b, c`, 'US').ok).toBe(true);
  });

  it('is kept on the profile by `/c500 shipping from:`, and stays when other options change', () => {
    const base = { guildId: 'g1', builderId: 'b1', currency: 'usd', homeCountry: 'US', updatedAt: '2026-11-22T12:00:00.000Z' };
    const first = changeProfile(undefined, { to: 'US', domestic: 8, 'domestic-extra': 2, from: '1 Main St, Portland, OR, 97204' }, base);
    expect(first.ok && first.profile.shipFrom).toEqual({ street1: '1 Main St', city: 'Portland', state: 'OR', zip: '97204', country: 'US' });
    const later = first.ok ? changeProfile(first.profile, { domestic: 9 }, base) : first;
    expect(later.ok && later.profile.shipFrom?.city).toBe('Portland');
    const refused = first.ok ? changeProfile(first.profile, { from: 'nowhere' }, base) : first;
    expect(refused.ok).toBe(false);
  });
});
