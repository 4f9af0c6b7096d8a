import fc from 'fast-check';
import { parseDestinations, allowedCountries, stripeShippingCountries } from '../rules/countries';
import { aProfile, profileBase } from './profile-fixtures';
import { changeProfile, shippingAmount } from '../rules/profile';
import { deliveryEstimate, mismatchText, quoteShipping, shippingCents, shippingCheck, shippingTo } from '../rules/rates';

const base = profileBase;
const profile = aProfile;

describe('where a builder ships', () => {
  it('reads a country, a list in any case and order, or worldwide, sorted and without repeats', () => {
    expect(parseDestinations('US')).toEqual({ ok: true, to: ['US'] });
    expect(parseDestinations(' gb, us,CA ,us')).toEqual({ ok: true, to: ['CA', 'GB', 'US'] });
    expect(parseDestinations('Worldwide')).toEqual({ ok: true, to: 'worldwide' });
  });

  it('refuses codes Stripe cannot ship to, UK for GB, and an empty list, saying what to type', () => {
    for (const bad of ['XX', 'US,ZZ', 'USA', 'UK', ' , ', 'CU']) {
      const parsed = parseDestinations(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(/to:US/);
    }
  });

  it('allows every Stripe shipping country worldwide, and only the list otherwise', () => {
    expect(allowedCountries('worldwide')).toEqual([...stripeShippingCountries]);
    expect(stripeShippingCountries).toContain('GB');
    expect(stripeShippingCountries).not.toContain('ZZ');
    expect(allowedCountries(['CA', 'US'])).toEqual(['CA', 'US']);
  });
});

describe('a shipping profile set with /c500 shipping', () => {
  const full = { to: 'US,CA,GB', domestic: 8, 'domestic-extra': 3, international: 25, 'international-extra': 10 };

  it('keeps every rate in whole cents, handling days defaulting to 3', () => {
    const change = changeProfile(undefined, full, base);
    expect(change).toEqual({ ok: true, profile: profile() });
  });

  it('reads rates in a zero-decimal currency as whole yen, refusing decimals', () => {
    const yen = { ...base, currency: 'jpy', homeCountry: 'JP' };
    const change = changeProfile(undefined, { to: 'JP', domestic: 800, 'domestic-extra': 300 }, yen);
    expect(change.ok && change.profile.domesticCents).toBe(800);
    const refused = changeProfile(undefined, { to: 'JP', domestic: 8.5, 'domestic-extra': 300 }, yen);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/`domestic`.*JPY has none/);
  });

  it('takes zero as free shipping, and refuses negative amounts and three decimals', () => {
    expect(shippingAmount(0, 'usd')).toEqual({ ok: true, cents: 0 });
    expect(shippingAmount(-1, 'usd').ok).toBe(false);
    expect(shippingAmount(8.505, 'usd').ok).toBe(false);
    expect(shippingAmount('lots', 'usd').ok).toBe(false);
  });

  it('asks for the rates its destinations need, and only those', () => {
    const missing = changeProfile(undefined, { to: 'US,GB', domestic: 8, 'domestic-extra': 3 }, base);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toContain('`international:<amount>`, `international-extra:<amount>`');
    const home = changeProfile(undefined, { to: 'US', domestic: 8, 'domestic-extra': 3 }, base);
    expect(home.ok && home.profile).toEqual({ ...base, to: ['US'], domesticCents: 800, domesticExtraCents: 300, handlingDays: 3 });
    expect(changeProfile(undefined, { domestic: 8 }, base).ok).toBe(false);
  });

  it('changes only what is given, removes the free threshold with 0, and checks handling days', () => {
    const current = profile({ freeOverCents: 20_000 });
    const change = changeProfile(current, { 'domestic-extra': 0, 'handling-days': 5 }, base);
    expect(change.ok && change.profile).toEqual({ ...current, domesticExtraCents: 0, handlingDays: 5 });
    const cleared = changeProfile(current, { 'free-over': 0 }, base);
    expect(cleared.ok && cleared.profile.freeOverCents).toBeUndefined();
    expect(changeProfile(current, { 'handling-days': 31 }, base).ok).toBe(false);
    expect(changeProfile(current, { 'handling-days': 1.5 }, base).ok).toBe(false);
  });

  it('starts afresh when the server’s currency changed since the rates were set', () => {
    const change = changeProfile(profile({ currency: 'eur' }), { 'handling-days': 2 }, base);
    expect(change.ok).toBe(false);
  });
});

describe('what shipping costs', () => {
  it('charges the first-item rate once and the further-item rate for every other item of one checkout', () => {
    expect(shippingCents(profile(), 'domestic', [5_000])).toBe(800);
    expect(shippingCents(profile(), 'domestic', [5_000, 3_000, 2_000])).toBe(800 + 2 * 300);
    expect(shippingCents(profile(), 'international', [5_000, 3_000])).toBe(2_500 + 1_000);
  });

  it('is free from the threshold on, counted on the items of the checkout', () => {
    const free = profile({ freeOverCents: 10_000 });
    expect(shippingCents(free, 'domestic', [9_999])).toBe(800);
    expect(shippingCents(free, 'international', [5_000, 5_000])).toBe(0);
  });

  it('knows domestic by the builder’s country and refuses countries they do not ship to', () => {
    expect(shippingTo(profile(), 'US', [1_000])).toBe(800);
    expect(shippingTo(profile(), 'GB', [1_000])).toBe(2_500);
    expect(shippingTo(profile(), 'DE', [1_000])).toBeUndefined();
    expect(shippingTo(profile({ to: 'worldwide' }), 'DE', [1_000])).toBe(2_500);
  });

  it('is the first-item rate plus the further-item rate for each other item, for any number of items (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 20 }), (items) => {
        const cents = shippingCents(profile(), 'domestic', items) as number;
        expect(cents).toBe(800 + 300 * (items.length - 1));
      }),
    );
  });

  it('estimates delivery as handling days plus the carrier’s usual transit', () => {
    expect(deliveryEstimate(3, 'domestic')).toEqual({ minimum: 5, maximum: 8 });
    expect(deliveryEstimate(0, 'international')).toEqual({ minimum: 5, maximum: 15 });
  });
});

describe('the quote a checkout sends and the check at completion', () => {
  it('offers only the options that apply: one for a builder who ships only at home', () => {
    const quote = quoteShipping(profile({ to: ['US'], internationalCents: undefined, internationalExtraCents: undefined }), [5_000]);
    expect(quote).toEqual({
      allowedCountries: ['US'],
      homeCountry: 'US',
      options: [{ scope: 'domestic', displayName: 'Shipping to an address in US', amountCents: 800, deliveryDays: { minimum: 5, maximum: 8 } }],
    });
  });

  it('offers domestic and international for a builder who ships both, with the combined amounts', () => {
    const quote = quoteShipping(profile(), [5_000, 3_000, 2_000]);
    expect(quote?.allowedCountries).toEqual(['CA', 'GB', 'US']);
    expect(quote?.options.map((o) => [o.scope, o.amountCents])).toEqual([
      ['domestic', 1_400],
      ['international', 4_500],
    ]);
  });

  it('accepts the option for the address’s country, and flags a cheaper or dearer one with both amounts', () => {
    const quote = quoteShipping(profile(), [5_000]);
    if (!quote) throw new Error('no quote');
    expect(shippingCheck(quote, 'US', 800)).toEqual({ ok: true });
    expect(shippingCheck(quote, 'GB', 2_500)).toEqual({ ok: true });
    const under = shippingCheck(quote, 'GB', 800);
    expect(under).toEqual({ ok: false, paidCents: 800, dueCents: 2_500, country: 'GB' });
    if (!under.ok) expect(mismatchText(under, 'usd')).toMatch(/less than shipping to GB costs/);
    expect(shippingCheck(quote, 'US', 2_500)).toEqual({ ok: false, paidCents: 2_500, dueCents: 800, country: 'US' });
  });
});
