/**
 * The journal's entries of a buyer's money C500 can no longer give back through Stripe
 * (owed-to-buyer.ts), read as a payments engineer checks them: what is owed, to which lot, under
 * which key, and that a redelivered cause or a settlement never owes the buyer twice.
 */
import { post, type JournalEntry, type Posting } from '../../journal';
import { buyerPaidOutsideEntry, buyerSettlements, givenBackOwedEntry, owedAfterLoss, owedToBuyerEntry, owedToBuyerOf } from '../rules/owed-to-buyer';

const at = '2026-11-29T12:00:00.000Z';
const lot = { orderId: 'lot1', guildId: '900000000000000001', currency: 'usd' };
const entry = (entryId: string, kind: JournalEntry['kind'], postings: Posting[], currency = 'usd', orderId = 'lot1'): JournalEntry => ({
  entryId,
  kind,
  at,
  guildId: lot.guildId,
  currency,
  orderId,
  postings,
});
/** The lot's buyer made owed `cents` (held -> owed-to-buyer). */
const owed = (entryId: string, cents: number, orderId = 'lot1', currency = 'usd') =>
  entry(entryId, 'owed-to-buyer', [post.held(orderId, cents), post.buyer(orderId, -cents)], currency, orderId);
/** The lot holding `cents` for its buyer (a give-back Stripe refused). */
const holds = (cents: number) => entry('charge:lot1', 'charge', [post.stripe(cents), post.held('lot1', -cents)]);
const paidOutside = (cents: number, orderId = 'lot1') =>
  entry(`buyer-paid-outside:${orderId}:${cents}`, 'buyer-paid-outside', [post.buyer(orderId, cents), post.to('paid-by-hand', -cents)], 'usd', orderId);

const failedOrder = (failed: number[], refundedCents: number) => ({
  ...lot,
  amountCents: 10_000,
  shippingCents: 500,
  refundedCents,
  failedRefunds: failed.map((amountCents, i) => ({ refundId: `re_${i + 1}`, amountCents, reason: 'expired_or_canceled_card', at })),
});

describe('what a buyer is owed outside Stripe', () => {
  it('is the lot’s own owed-to-buyer account in the currency, not another lot’s, another currency’s or its held money', () => {
    const entries = [owed('a', 1_000), owed('b', 700, 'lot2'), owed('c', 50, 'lot1', 'eur'), holds(2_000)];
    expect(owedToBuyerOf(entries, 'usd', 'lot1')).toBe(1_000);
    expect(owedToBuyerOf(entries, 'usd', 'lot2')).toBe(700);
    expect(owedToBuyerOf([...entries, paidOutside(1_000)], 'usd', 'lot1')).toBe(0);
  });
});

describe('what a lost chargeback leaves owed to the buyer', () => {
  it('is what failed, when the bank disputed less than what stayed unrefunded', () => {
    expect(owedAfterLoss(failedOrder([3_000, 2_000], 0), 2_000)).toBe(5_000);
  });

  it('is only what neither a refund nor the chargeback paid, when that is less than what failed', () => {
    // Charged 10,500 (shipping counts), 1,000 refunded, 7,000 disputed: 2,500 unpaid of 5,000 failed.
    expect(owedAfterLoss(failedOrder([3_000, 2_000], 1_000), 7_000)).toBe(2_500);
  });

  it('is nothing when no refund failed, or when the refunds and the chargeback paid it all', () => {
    expect(owedAfterLoss({ ...failedOrder([], 0), failedRefunds: undefined }, 4_000)).toBe(0);
    expect(owedAfterLoss(failedOrder([1_000], 9_000), 2_000)).toBe(0);
  });
});

describe('the entry that makes a buyer owed after a lost chargeback', () => {
  it('moves what is owed from the lot’s held money to its buyer, keyed by what was owed before', () => {
    expect(owedToBuyerEntry(failedOrder([3_000], 0), [], 5_000, at)).toEqual({
      entryId: 'owed-to-buyer:lot1:0',
      kind: 'owed-to-buyer',
      at,
      guildId: lot.guildId,
      currency: 'usd',
      orderId: 'lot1',
      postings: [post.held('lot1', 3_000), post.buyer('lot1', -3_000)],
    });
  });

  it('owes only what became owed since, once a failure after the loss adds to it', () => {
    const entry = owedToBuyerEntry(failedOrder([3_000, 2_000], 0), [owed('owed-to-buyer:lot1:0', 3_000)], 5_000, at);
    expect(entry?.entryId).toBe('owed-to-buyer:lot1:3000');
    expect(entry?.postings).toEqual([post.held('lot1', 2_000), post.buyer('lot1', -2_000)]);
  });

  it('writes nothing on a redelivery, nor after the buyer was paid back outside Stripe, nor when more was owed than is now', () => {
    const order = failedOrder([3_000], 0);
    expect(owedToBuyerEntry(order, [owed('x', 3_000)], 5_000, at)).toBeUndefined();
    expect(owedToBuyerEntry(order, [owed('y', 2_000, 'lot2')], 5_000, at)?.entryId).toBe('owed-to-buyer:lot1:0');
    expect(owedToBuyerEntry(order, [owed('x', 3_000), paidOutside(3_000)], 5_000, at)).toBeUndefined();
    expect(owedToBuyerEntry(order, [owed('x', 3_000)], 9_000, at)).toBeUndefined();
  });
});

describe('the entry of a buyer paid back outside Stripe', () => {
  it('clears what they are owed to paid-by-hand, saying how, keyed by what was settled before', () => {
    expect(buyerPaidOutsideEntry(lot, [owed('a', 1_000)], 'paypal', at)).toEqual({
      entryId: 'buyer-paid-outside:lot1:0',
      kind: 'buyer-paid-outside',
      at,
      guildId: lot.guildId,
      currency: 'usd',
      orderId: 'lot1',
      settledHow: 'paypal',
      postings: [post.buyer('lot1', 1_000), post.to('paid-by-hand', -1_000)],
    });
    const again = buyerPaidOutsideEntry(lot, [owed('a', 1_000), paidOutside(1_000), owed('b', 500)], 'bank-transfer', at);
    expect(again?.entryId).toBe('buyer-paid-outside:lot1:1000');
    expect(again?.postings).toEqual([post.buyer('lot1', 500), post.to('paid-by-hand', -500)]);
  });

  it('settles what a late lot still holds only when asked, numbered by the lot’s earlier settlements', () => {
    const entries = [holds(2_000), paidOutside(300, 'lot2')];
    expect(buyerPaidOutsideEntry(lot, entries, 'other', at)).toBeUndefined();
    const held = buyerPaidOutsideEntry(lot, entries, 'other', at, { held: true });
    expect(held?.entryId).toBe('buyer-paid-outside:lot1:held:0');
    expect(held?.postings).toEqual([post.held('lot1', 2_000), post.to('paid-by-hand', -2_000)]);
    const both = buyerPaidOutsideEntry(lot, [...entries, owed('a', 1_000), paidOutside(1_000), owed('b', 400)], 'store-credit', at, { held: true });
    expect(both?.entryId).toBe('buyer-paid-outside:lot1:held:1');
    expect(both?.postings).toEqual([post.buyer('lot1', 400), post.held('lot1', 600), post.to('paid-by-hand', -1_000)]);
  });

  it('never pays back more than is owed: an account paid beyond it counts as nothing owed', () => {
    const overpaid = [holds(2_000), entry('y', 'buyer-paid-outside', [post.buyer('lot1', 300), post.to('paid-by-hand', -300)])];
    expect(buyerPaidOutsideEntry(lot, overpaid, 'other', at)).toBeUndefined();
    expect(buyerPaidOutsideEntry(lot, overpaid, 'other', at, { held: true })?.postings).toEqual([post.held('lot1', 2_000), post.to('paid-by-hand', -2_000)]);
  });

  it('is offered to an admin as a bank transfer, PayPal, store credit or another way', () => {
    expect(buyerSettlements).toEqual(['bank-transfer', 'paypal', 'store-credit', 'other']);
  });
});

describe('the entry of a give-back that failed at the buyer’s bank', () => {
  it('makes the lot’s part owed to its buyer, one per refund and lot, and nothing when the lot had no part', () => {
    expect(givenBackOwedEntry(lot, 're_9', 1_500, at)).toEqual({
      entryId: 'owed-to-buyer:lot1:re_9',
      kind: 'owed-to-buyer',
      at,
      guildId: lot.guildId,
      currency: 'usd',
      orderId: 'lot1',
      postings: [post.held('lot1', 1_500), post.buyer('lot1', -1_500)],
    });
    expect(givenBackOwedEntry(lot, 're_9', 0, at)).toBeUndefined();
    expect(givenBackOwedEntry(lot, 're_9', -1_500, at)).toBeUndefined();
  });
});
