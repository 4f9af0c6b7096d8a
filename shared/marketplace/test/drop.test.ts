/**
 * A drop's Buy Now button id (read strictly), its stock dealt over shards, and when a drop
 * counts as sold out.
 */
import { SESSION_GRACE_MS, buyNowCustomId, dropIdFromBuyNow, hasUnits, holdsUnit, isSoldOut, reservationLapsed, stockShardsOf, type Drop } from '../rules/drop';
import { dropModal } from '../rules/drop-form';

const drop = (over: Partial<Drop>): Drop => ({
  dropId: 'drop-0001',
  guildId: '900000000000000001',
  builderId: '810000000000000001',
  builderName: 'Dee',
  title: 'Lavender 65%',
  description: 'Oil Kings',
  priceCents: 24_000,
  currency: 'usd',
  kind: 'ready-to-ship',
  channelId: '920000000000000002',
  createdAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

describe('the Buy Now button id', () => {
  it('names the drop as buy:<drop id>, and reads it back', () => {
    expect(buyNowCustomId('drop-0001')).toBe('buy:drop-0001');
    expect(dropIdFromBuyNow(buyNowCustomId('drop-0001'))).toBe('drop-0001');
  });

  it.each(['xbuy:drop-0001', 'buy:drop-0001X', 'buy:drop-0001 ', 'buy:abc'])('refuses %p, which is not exactly one of ours', (customId) => {
    expect(dropIdFromBuyNow(customId)).toBeUndefined();
  });

  it('submits the drop modal as drop:create', () => {
    expect(dropModal().custom_id).toBe('drop:create');
  });
});

describe('a new drop’s stock over its shards', () => {
  it('uses one shard per unit when there are fewer units than shards', () => {
    expect(stockShardsOf(3)).toEqual([1, 1, 1]);
  });

  it('deals the remainder to the first shards', () => {
    expect(stockShardsOf(10)).toEqual([2, 2, 1, 1, 1, 1, 1, 1]);
  });
});

describe('a sold-out drop', () => {
  it('is a ready-to-ship drop with no unit left', () => {
    expect(isSoldOut(drop({ stock: 3, stockAvailable: 0 }))).toBe(true);
    expect(isSoldOut(drop({ stock: 3 }))).toBe(true);
  });

  it('is not a ready-to-ship drop with a unit left', () => {
    expect(isSoldOut(drop({ stock: 3, stockAvailable: 1 }))).toBe(false);
  });

  it('is never a commission, which has no stock', () => {
    expect(isSoldOut(drop({ kind: 'commission' }))).toBe(false);
    expect(isSoldOut(drop({ kind: 'commission', stockAvailable: 0 }))).toBe(false);
  });
});

describe('what holds a unit', () => {
  const terms = { slots: 2, leadWeeks: 4, oneAtATime: false, tranches: [] };

  it('counts a ready-to-ship drop and a commission queue as having units, and a plain commission as not', () => {
    expect(hasUnits(drop({ kind: 'ready-to-ship' }))).toBe(true);
    expect(hasUnits(drop({ kind: 'commission', commission: terms }))).toBe(true);
    expect(hasUnits(drop({ kind: 'commission' }))).toBe(false);
  });

  it('sells out a queue whose slots are taken, never a plain commission', () => {
    expect(isSoldOut(drop({ kind: 'commission', commission: terms, stockAvailable: 0 }))).toBe(true);
    expect(isSoldOut(drop({ kind: 'commission', commission: terms, stockAvailable: 1 }))).toBe(false);
    expect(isSoldOut(drop({ kind: 'commission', stockAvailable: 0 }))).toBe(false);
  });

  it('gives back a unit for a ready-to-ship order and a queue’s order, never for a plain commission or an auction', () => {
    expect(holdsUnit({ source: 'drop', dropKind: 'ready-to-ship' })).toBe(true);
    expect(holdsUnit({ source: 'drop', dropKind: 'commission', commission: { terms } })).toBe(true);
    expect(holdsUnit({ source: 'drop', dropKind: 'commission' })).toBe(false);
    expect(holdsUnit({ source: 'auction', dropKind: 'auction', commission: { terms } })).toBe(false);
  });

  it('gives back no unit for an order that came from no drop: a group buy’s (typed a commission) or a prize’s', () => {
    expect(holdsUnit({ source: 'groupbuy', dropKind: 'commission', commission: { terms } })).toBe(false);
    expect(holdsUnit({ source: 'giveaway', dropKind: 'ready-to-ship' })).toBe(false);
  });
});

describe('a reservation past saving (the order sweep gives its unit back)', () => {
  const due = '2026-11-22T12:32:00.000Z';
  const dueMs = Date.parse(due);
  const unpaid = { source: 'drop', status: 'awaiting-payment', checkoutExpiresAt: due } as const;

  it('GIVEN no session was ever recorded THEN it lapses at its deadline, not a millisecond before', () => {
    expect(reservationLapsed(unpaid, dueMs - 1)).toBe(false);
    expect(reservationLapsed(unpaid, dueMs)).toBe(true);
  });

  it('GIVEN a session was recorded THEN it waits the grace after the deadline for Stripe’s own expiry', () => {
    const opened = { ...unpaid, checkoutSessionId: 'cs_1' };
    expect(SESSION_GRACE_MS).toBe(60 * 60_000);
    expect(reservationLapsed(opened, dueMs)).toBe(false);
    expect(reservationLapsed(opened, dueMs + SESSION_GRACE_MS - 1)).toBe(false);
    expect(reservationLapsed(opened, dueMs + SESSION_GRACE_MS)).toBe(true);
  });

  it('GIVEN an order paid, expired, not from a drop, or without a deadline THEN it is never released', () => {
    const late = dueMs + 2 * SESSION_GRACE_MS;
    expect(reservationLapsed({ ...unpaid, status: 'paid' }, late)).toBe(false);
    expect(reservationLapsed({ ...unpaid, status: 'expired' }, late)).toBe(false);
    expect(reservationLapsed({ ...unpaid, source: 'auction' }, late)).toBe(false);
    expect(reservationLapsed({ source: 'drop', status: 'awaiting-payment' }, late)).toBe(false);
    expect(reservationLapsed({ ...unpaid, checkoutExpiresAt: 'not a date' }, late)).toBe(false);
  });
});
