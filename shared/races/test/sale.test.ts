import { currencyOf, instantOf, isFresh, parseShopEventMessage, shopClockSkewMs, shopReplayWindowMs, type SaleEvent } from '../rules/sale';
import type { RefundEvent } from '../../payments';

const now = Date.parse('2026-11-22T15:00:00.000Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const minute = 60 * 1000;

describe('whether a shop’s signed timestamp is fresh enough to act on', () => {
  it('keeps a day of replays and five minutes of clock skew', () => {
    expect(shopReplayWindowMs).toBe(24 * 60 * minute);
    expect(shopClockSkewMs).toBe(5 * minute);
  });

  it('takes a sale paid a moment ago', () => {
    expect(isFresh(at(-1000), now)).toBe(true);
  });

  it('takes a sale paid exactly a day ago, and not a millisecond earlier', () => {
    expect(isFresh(at(-24 * 60 * minute), now)).toBe(true);
    expect(isFresh(at(-24 * 60 * minute - 1), now)).toBe(false);
  });

  it('takes a timestamp up to five minutes ahead of our clock, and not a millisecond more', () => {
    expect(isFresh(at(minute), now)).toBe(true);
    expect(isFresh(at(4 * minute), now)).toBe(true);
    expect(isFresh(at(5 * minute), now)).toBe(true);
    expect(isFresh(at(5 * minute + 1), now)).toBe(false);
  });

  it('reads a Shopify offset before comparing', () => {
    // 09:59 in New York is 14:59 UTC: a minute ago.
    expect(isFresh('2026-11-22T09:59:00-05:00', now)).toBe(true);
    expect(isFresh('2026-11-21T09:59:00-05:00', now)).toBe(false);
  });

  it('refuses a timestamp that is not a date', () => {
    expect(isFresh('yesterday', now)).toBe(false);
    expect(isFresh('', now)).toBe(false);
  });
});

describe('reading a shop’s currency', () => {
  it('lower-cases a three-letter code as Stripe writes it', () => {
    expect(currencyOf('USD')).toBe('usd');
    expect(currencyOf('jpy')).toBe('jpy');
    expect(currencyOf('KwD')).toBe('kwd');
  });

  it.each(['US', 'USDT', 'U$D', ' USD', '', 42, null, undefined, ['usd'], { toString: () => 'usd' }])('reads %p as no currency', (value) => {
    expect(currencyOf(value)).toBeUndefined();
  });
});

describe('reading a shop’s timestamp', () => {
  it('normalises an offset, fractional seconds and a lower-case t and z to an ISO instant in UTC', () => {
    expect(instantOf('2026-11-22T08:04:30-05:00')).toBe('2026-11-22T13:04:30.000Z');
    expect(instantOf('2026-11-22T14:04:30.7296166+01:00')).toBe('2026-11-22T13:04:30.729Z');
    expect(instantOf('2026-11-22t13:04:30z')).toBe('2026-11-22T13:04:30.000Z');
  });

  it.each([
    ['an expanded year, which Date.parse would read', '+002026-11-22T13:04:30Z'],
    ['a date without a time', '2026-11-22'],
    ['a time without an offset', '2026-11-22T13:04:30'],
    ['an offset without a colon', '2026-11-22T13:04:30+0100'],
    ['a date that does not exist', '2026-13-40T25:61:00Z'],
    ['Unix seconds', 1795352670],
    ['the timestamp in a list', ['2026-11-22T13:04:30Z']],
    ['nothing', undefined],
  ])('reads %s as no time', (_, value) => {
    expect(instantOf(value)).toBeUndefined();
  });
});

describe('the shop event the sales subscriber takes', () => {
  const guildId = '910000000000000001';
  const sale: SaleEvent = {
    kind: 'sale',
    shop: 'shopify',
    guildId,
    saleId: '5000000001',
    eventId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    amountCents: 4200,
    currency: 'usd',
    paidAt: '2026-11-22T13:04:30.000Z',
    description: 'Shopify order #1001',
  };
  const refund: RefundEvent = {
    kind: 'refund',
    shop: 'shopify',
    guildId,
    saleId: '5000000001',
    refundId: '900000001',
    eventId: 'c0ffee00-bdd9-4b37-8a5f-bf7d70bcd043',
    currency: 'usd',
    refundedAt: '2026-11-22T14:00:00.000Z',
    amountCents: 500,
  };
  const parse = (event: unknown) => parseShopEventMessage({ event });

  it('is the published sale, as it was published', () => {
    expect(parse(sale)).toEqual(sale);
  });

  it.each(['stripe', 'kofi', 'shopify'])('takes a sale from %s', (shop) => {
    expect(parse({ ...sale, shop })).toEqual({ ...sale, shop });
  });

  it('takes a sale of one cent, and a yen sale in whole units', () => {
    expect(parse({ ...sale, amountCents: 1 })).toMatchObject({ amountCents: 1 });
    expect(parse({ ...sale, amountCents: 2400, currency: 'jpy' })).toMatchObject({ amountCents: 2400, currency: 'jpy' });
  });

  it.each([
    ['no message', undefined],
    ['JSON null', null],
    ['a message without an event', {}],
    ['a null event', { event: null }],
  ])('is nothing for %s', (_, payload) => {
    expect(parseShopEventMessage(payload)).toBeUndefined();
  });

  it.each([
    ['a shop we do not read', { shop: 'etsy' }],
    ['no shop', { shop: undefined }],
    ['a numeric guild id', { guildId: Number(guildId) }],
    ['no guild id', { guildId: undefined }],
    ['a numeric sale id', { saleId: 5000000001 }],
    ['no event id', { eventId: undefined }],
    ['a numeric event id', { eventId: 42 }],
    ['an upper-case currency', { currency: 'USD' }],
    ['a four-letter currency', { currency: 'usdt' }],
    ['a currency with a prefix', { currency: 'xusd' }],
    ['a one-letter currency', { currency: 'u' }],
    ['a currency in a list', { currency: ['usd'] }],
    ['no currency', { currency: undefined }],
    ['no kind', { kind: undefined }],
    ['another kind', { kind: 'dispute' }],
  ])('is nothing for a sale with %s', (_, change) => {
    expect(parse({ ...sale, ...change })).toBeUndefined();
  });

  it.each([
    ['nothing paid', { amountCents: 0 }],
    ['a negative amount', { amountCents: -4200 }],
    ['a fraction of a cent', { amountCents: 42.5 }],
    ['an amount as text', { amountCents: '4200' }],
    ['an amount past what is exact', { amountCents: 2 ** 53 }],
    ['no amount', { amountCents: undefined }],
    ['no paid time', { paidAt: undefined }],
    ['a paid time in Unix seconds', { paidAt: 1795352670 }],
  ])('is nothing for a sale with %s', (_, change) => {
    expect(parse({ ...sale, ...change })).toBeUndefined();
  });

  it('is the published refund of an amount, as it was published', () => {
    expect(parse(refund)).toEqual(refund);
  });

  it('takes a refund that says what was refunded so far instead of its own amount', () => {
    const total: RefundEvent = { ...refund, shop: 'stripe', amountCents: undefined, totalRefundedCents: 1500 };
    expect(parse(total)).toEqual(total);
  });

  it('takes a refund of nothing, as Stripe’s running total can be', () => {
    expect(parse({ ...refund, amountCents: 0 })).toMatchObject({ kind: 'refund', amountCents: 0 });
    expect(parse({ ...refund, amountCents: undefined, totalRefundedCents: 0 })).toMatchObject({ kind: 'refund', totalRefundedCents: 0 });
  });

  it('takes a refund whose sale has not been seen: the message names the sale, not a record of it', () => {
    expect(parse({ ...refund, saleId: '5999999999' })).toMatchObject({ kind: 'refund', saleId: '5999999999' });
  });

  it.each([
    ['no refund id', { refundId: undefined }],
    ['a numeric refund id', { refundId: 900000001 }],
    ['no amount at all', { amountCents: undefined }],
    ['a negative amount', { amountCents: -500 }],
    ['a negative running total', { amountCents: undefined, totalRefundedCents: -500 }],
    ['a fraction of a cent', { amountCents: 0.5 }],
    ['an amount as text', { amountCents: '500' }],
    ['no refund time', { refundedAt: undefined }],
    ['a refund time in milliseconds', { refundedAt: 1795356000000 }],
    ['an upper-case currency', { currency: 'USD' }],
    ['no kind', { kind: undefined }],
    ['another kind', { kind: 'dispute' }],
  ])('is nothing for a refund with %s', (_, change) => {
    expect(parse({ ...refund, ...change })).toBeUndefined();
  });
});
