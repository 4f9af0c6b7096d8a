/**
 * A pledge's shipping as values: the rates of the builder's profile for the member's quantity
 * (combined, free from the threshold), the one an address's country picks, the consent's words,
 * and the order a pledge with shipping becomes (no fee on its shipping).
 */
import { aProfile } from '../../shipping/test/profile-fixtures';
import { countriesWords, pledgeShippingOf, shippingToCountry, shippingWords } from '../rules/pledge-shipping';
import { consentText } from '../rules/group-buy-messages';
import { pledgeChargeCents, type GroupBuy, type Pledge } from '../rules/group-buy';
import { pledgeOrder } from '../rules/close-rules';
import { chargeWords } from '../rules/group-buy-answers';

const profile = aProfile;

const groupBuy: GroupBuy = {
  groupBuyId: 'gb1',
  guildId: 'g1',
  channelId: 'c1',
  builderId: 'b1',
  builderName: 'Maker',
  title: 'Tofu65',
  priceCents: 25_000,
  currency: 'usd',
  moq: 3,
  opensAt: '2026-12-01T12:00:00.000Z',
  closesAt: '2026-12-08T12:00:00.000Z',
  shipsMonth: '2027-03',
  tranches: [],
  shippingProfileId: 'g1:b1',
  status: 'open',
  pledgedUnits: 0,
  pledgers: 0,
  byInteraction: 'i1',
  createdAt: '2026-12-01T12:00:00.000Z',
};

describe('a pledge’s shipping', () => {
  it('quotes the profile’s combined rates for the member’s quantity: the first unit at its rate, each further one at the further rate', () => {
    expect(pledgeShippingOf(profile(), groupBuy, 3)).toEqual({ homeCountry: 'US', to: ['CA', 'GB', 'US'], domesticCents: 1_400, internationalCents: 4_500 });
    expect(pledgeShippingOf(profile({ to: ['US'] }), groupBuy, 1)).toEqual({ homeCountry: 'US', to: ['US'], domesticCents: 800 });
  });

  it('quotes free shipping from the profile’s threshold, and nothing for a profile in another currency', () => {
    expect(pledgeShippingOf(profile({ freeOverCents: 50_000 }), groupBuy, 2)).toMatchObject({ domesticCents: 0, internationalCents: 0 });
    expect(pledgeShippingOf(profile({ freeOverCents: 50_000 }), groupBuy, 1)).toMatchObject({ domesticCents: 800, internationalCents: 2_500 });
    expect(pledgeShippingOf(profile({ currency: 'eur' }), groupBuy, 1)).toBeUndefined();
  });

  it('picks the rate the address’s country calls for, and none for a country the builder does not ship to', () => {
    const terms = { homeCountry: 'US', to: ['CA', 'GB', 'US'], domesticCents: 800, internationalCents: 2_500 };
    expect(shippingToCountry(terms, 'US')).toBe(800);
    expect(shippingToCountry(terms, 'GB')).toBe(2_500);
    expect(shippingToCountry(terms, 'FR')).toBeUndefined();
    expect(shippingToCountry({ ...terms, to: 'worldwide' }, 'FR')).toBe(2_500);
    expect(shippingToCountry({ homeCountry: 'US', to: ['CA'], internationalCents: 2_500 }, 'US')).toBeUndefined();
  });

  it('says the shipping in words beside Stripe’s button: each scope’s amount, where abroad, and free as free', () => {
    const terms = pledgeShippingOf(profile(), groupBuy, 2);
    expect(consentText(groupBuy, 2, terms)).toContain(
      'You will be charged $500.00 plus shipping to the address you give ($11.00 within US, or $35.00 to CA or GB) only if Tofu65 reaches its minimum of 3 by its close on 8 December 2026',
    );
    expect(shippingWords({ homeCountry: 'US', to: 'worldwide', domesticCents: 0, internationalCents: 2_500 }, 'usd')).toBe(
      'plus shipping to the address you give (free within US, or $25.00 to any other country)',
    );
    expect(shippingWords({ homeCountry: 'GB', to: ['DE', 'FR'], internationalCents: 1_200 }, 'usd')).toBe(
      'plus shipping to the address you give ($12.00 to DE or FR)',
    );
    expect(consentText(groupBuy, 2)).not.toContain('shipping');
  });

  it('names the countries a refused member may give an address in', () => {
    expect(countriesWords(['CA', 'US'])).toBe('CA, US');
    expect(countriesWords('worldwide')).toBe('any country Stripe’s page offers');
  });

  it('charges the price and the shipping fixed from the address, and says both', () => {
    expect(pledgeChargeCents(groupBuy, { quantity: 2, shippingCents: 1_100 })).toBe(51_100);
    expect(pledgeChargeCents(groupBuy, { quantity: 2 })).toBe(50_000);
    expect(chargeWords(groupBuy, 2, 1_100)).toBe('$511.00, with $11.00 shipping');
    expect(chargeWords(groupBuy, 2, 0)).toBe('$500.00, shipping free');
    expect(chargeWords(groupBuy, 2, undefined)).toBe('$500.00');
  });

  it('makes an order that carries the pledge’s shipping as a drop’s order carries its checkout’s: the fee on the price alone', () => {
    const pledge: Pledge = {
      groupBuyId: 'gb1',
      buyerId: 'm1',
      buyerName: 'Ann',
      quantity: 2,
      status: 'pledged',
      joinedAt: '2026-12-02T12:00:00.000Z',
      shippingAddress: { name: 'Ann', line1: '1 Lane', city: 'Toronto', postalCode: 'M5V', country: 'CA' },
      shippingCents: 3_500,
    };
    const order = pledgeOrder(groupBuy, pledge, { now: new Date('2026-12-08T12:01:00Z'), platformFeeBps: 1000 });
    expect(order).toMatchObject({ amountCents: 50_000, shippingCents: 3_500, platformFeeCents: 5_000, builderShareCents: 45_000 });
    expect(order.shippingAddress).toMatchObject({ country: 'CA' });
    const { shippingCents: _none, ...unshipped } = pledge;
    expect(pledgeOrder(groupBuy, unshipped, { now: new Date('2026-12-08T12:01:00Z'), platformFeeBps: 1000 })).not.toHaveProperty('shippingCents');
  });
});
