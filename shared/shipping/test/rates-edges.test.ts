import { mismatchText, quoteShipping, shippingCents, shippingCheck } from '../rules/rates';
import { aProfile } from './profile-fixtures';

const profile = aProfile;

describe('shipping costs at the edges', () => {
  it('has no price for a scope missing its first-item or further-item rate, or for no items', () => {
    expect(shippingCents(profile({ domesticCents: undefined }), 'domestic', [1_000])).toBeUndefined();
    expect(shippingCents(profile({ internationalExtraCents: undefined }), 'international', [1_000, 2_000])).toBeUndefined();
    expect(shippingCents(profile(), 'domestic', [])).toBeUndefined();
  });

  it('offers no shipping at all when no scope the builder ships to has its rates', () => {
    expect(quoteShipping(profile({ to: ['US'], domesticCents: undefined }), [1_000])).toBeUndefined();
  });

  it('names each option by where the address is, and a free one as free', () => {
    const quote = quoteShipping(profile({ freeOverCents: 5_000, internationalCents: 2_500 }), [6_000]);
    expect(quote?.options.map((o) => o.displayName)).toEqual(['Free shipping to an address in US', 'Free shipping to an address outside US']);
    const paid = quoteShipping(profile({ to: ['GB'] }), [1_000]);
    expect(paid?.options.map((o) => o.displayName)).toEqual(['Shipping to an address outside US']);
  });

  it('flags an address in a country the quote has no option for, keeping what was paid', () => {
    const quote = quoteShipping(profile({ to: ['US'] }), [1_000]);
    if (!quote) throw new Error('a home-only builder is quoted');
    expect(shippingCheck(quote, 'GB', 800)).toEqual({ ok: false, paidCents: 800, dueCents: 800, country: 'GB' });
  });
});

describe('the shipping mismatch in words', () => {
  it('says when the buyer paid more than their country’s shipping', () => {
    expect(mismatchText({ ok: false, paidCents: 2_500, dueCents: 800, country: 'US' }, 'usd')).toBe(
      'The shipping chosen ($25.00) is more than shipping to US costs ($8.00).',
    );
  });

  it('says when the buyer paid less than their country’s shipping', () => {
    expect(mismatchText({ ok: false, paidCents: 800, dueCents: 2_500, country: 'GB' }, 'usd')).toBe(
      'The shipping chosen ($8.00) is less than shipping to GB costs ($25.00).',
    );
  });

  it('says the builder has no rate for the country when the amounts agree', () => {
    expect(mismatchText({ ok: false, paidCents: 800, dueCents: 800, country: 'GB' }, 'usd')).toBe('The builder has no shipping rate for GB.');
  });
});
