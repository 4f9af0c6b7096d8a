/**
 * The platform's result as a fold, on journals written out by hand: each figure from the
 * entries alone, orders of another currency or without a payment left out, rows grouped by
 * the month an order was paid and by show, and every debt column from the debts' fold.
 */
import { post, type JournalEntry, type Posting } from '../../journal';
import { platformResults, type ResultOrder } from '../rules/platform-result';

let n = 0;
const entry = (orderId: string, kind: JournalEntry['kind'], postings: Posting[], fields: Partial<JournalEntry> = {}): JournalEntry => ({
  entryId: `e${++n}`,
  kind,
  at: '2026-11-20T00:00:00.000Z',
  guildId: 'g',
  currency: 'usd',
  orderId,
  postings,
  ...fields,
});
const order = (orderId: string, fields: Partial<ResultOrder> = {}): ResultOrder => ({
  orderId,
  currency: 'usd',
  platformFeeCents: 1_000,
  createdAt: '2026-11-01T00:00:00.000Z',
  paidAt: '2026-11-02T00:00:00.000Z',
  ...fields,
});
const paid = (orderId: string, charged = 10_000, fee = 1_000) =>
  entry(orderId, 'charge', [post.stripe(charged), post.fees(-fee), post.held(orderId, fee - charged)]);
const released = (orderId: string, cents: number) => entry(orderId, 'release', [post.held(orderId, cents), post.stripe(-cents)]);
const refunded = (orderId: string, cents: number) => entry(orderId, 'refund', [post.held(orderId, cents), post.stripe(-cents)]);
const reversed = (orderId: string, cents: number) => entry(orderId, 'reversal', [post.stripe(cents), post.held(orderId, -cents)]);
const stripeFee = (orderId: string, cents: number) => entry(orderId, 'stripe-fee', [post.to('stripe-fees', cents), post.stripe(-cents)]);
const withdrawn = (orderId: string, cents: number, fee: number) =>
  entry(orderId, 'dispute-withdrawal', [post.held(orderId, cents), post.to('dispute-fees', fee), post.stripe(-cents - fee)]);
const reinstated = (orderId: string, cents: number) => entry(orderId, 'dispute-reinstatement', [post.held(orderId, -cents), post.stripe(cents)]);

const resultOf = (entries: JournalEntry[], orders = [order('o1')]) => platformResults(entries, orders, 'usd').orders[0]?.result;

describe('the platform’s result as a fold', () => {
  it('keeps the fee of a released order, less Stripe’s processing fee', () => {
    expect(resultOf([paid('o1'), released('o1', 9_000), stripeFee('o1', 320)])).toEqual({
      applicationFeeCents: 1_000,
      processingFeeCents: 320,
      refundFeeKeptCents: 0,
      disputeFeeCents: 0,
      disputeLossCents: 0,
      debtOutstandingCents: 0,
      debtNettedCents: 0,
      debtPaidOutsideCents: 0,
      debtWrittenOffCents: 0,
      debtLossCents: 0,
      netCents: 680,
    });
  });

  it('gives back the fee’s part of a partial refund, and leaves Stripe its fee on the refunded part, rounded down', () => {
    const result = resultOf([paid('o1'), released('o1', 9_000), stripeFee('o1', 333), refunded('o1', 5_000), reversed('o1', 4_500)]);
    expect(result).toMatchObject({ applicationFeeCents: 500, refundFeeKeptCents: 166, netCents: 500 - 333 });
  });

  it('keeps no more of Stripe’s fee than it charged, however much was refunded', () => {
    const result = resultOf([
      paid('o1'),
      stripeFee('o1', 333),
      refunded('o1', 10_000),
      entry('o1', 'refund-failed', [post.stripe(2_000), post.held('o1', -2_000)]),
    ]);
    expect(result).toMatchObject({ applicationFeeCents: 1_000, refundFeeKeptCents: Math.floor((333 * 8_000) / 10_000) });
    expect(resultOf([paid('o1'), refunded('o1', 10_000)])?.refundFeeKeptCents).toBe(0);
  });

  it('counts what a lost dispute took of the platform’s own money as a loss, not as fee given back', () => {
    const result = resultOf([paid('o1'), released('o1', 9_000), withdrawn('o1', 10_000, 1_500), reversed('o1', 9_000)]);
    expect(result).toMatchObject({ applicationFeeCents: 1_000, disputeLossCents: 1_000, disputeFeeCents: 1_500, netCents: 1_000 - 1_500 - 1_000 });
  });

  it('counts no loss for a won dispute: the reinstated amount is back', () => {
    const result = resultOf([paid('o1'), released('o1', 9_000), withdrawn('o1', 10_000, 1_500), reinstated('o1', 10_000)]);
    expect(result).toMatchObject({ applicationFeeCents: 1_000, disputeLossCents: 0, disputeFeeCents: 1_500 });
  });

  it('splits a refund after a dispute was won between fee given back and no loss', () => {
    const result = resultOf([
      paid('o1'),
      released('o1', 9_000),
      withdrawn('o1', 4_000, 0),
      reinstated('o1', 4_000),
      refunded('o1', 2_000),
      reversed('o1', 1_800),
    ]);
    expect(result).toMatchObject({ applicationFeeCents: 800, disputeLossCents: 0 });
  });

  it('leaves out an order never paid, one of another currency and entries of another currency', () => {
    const eur = order('o2', { currency: 'eur' });
    const results = platformResults([paid('o1'), paid('o2', 10_000, 1_000), paid('o3')], [order('o1'), eur, order('o4')], 'USD');
    expect(results.orders.map((o) => o.orderId)).toEqual(['o1']);
    expect(results.currency).toBe('usd');
    const euros = { ...paid('o1'), entryId: 'eur', currency: 'eur' };
    expect(platformResults([euros], [order('o1')], 'usd').orders).toEqual([]);
  });

  it('groups orders by the month they were paid (their creation without a payment time) and by show, sorted, with the totals', () => {
    const orders = [
      order('b2', { paidAt: '2026-12-03T00:00:00.000Z', showId: 's1' }),
      order('a1', { showId: 's1' }),
      order('c3', { paidAt: undefined, createdAt: '2026-10-30T00:00:00.000Z', showId: 's0' }),
    ];
    const at = (e: JournalEntry, iso: string) => ({ ...e, at: iso });
    const entries = [at(paid('a1'), '2026-11-02T00:00:00.000Z'), at(paid('b2'), '2026-12-03T00:00:00.000Z'), at(paid('c3'), '2026-10-30T00:00:00.000Z')];
    const results = platformResults(entries, orders, 'usd');
    expect(results.orders.map((o) => [o.month, o.orderId, o.showId])).toEqual([
      ['2026-10', 'c3', 's0'],
      ['2026-11', 'a1', 's1'],
      ['2026-12', 'b2', 's1'],
    ]);
    expect(results.months.map((m) => [m.month, m.result.applicationFeeCents])).toEqual([
      ['2026-10', 1_000],
      ['2026-11', 1_000],
      ['2026-12', 1_000],
    ]);
    expect(results.shows.map((s) => [s.showId, s.result.applicationFeeCents])).toEqual([
      ['s0', 1_000],
      ['s1', 2_000],
    ]);
    expect(results.total.applicationFeeCents).toBe(3_000);
    expect(platformResults([paid('a1')], [order('a1')], 'usd').orders[0]).not.toHaveProperty('showId');
  });

  it('counts each movement in the month it happened, as Stripe does: paid in November (+2,810), refunded in December (−4,000)', () => {
    const nov = (e: JournalEntry) => ({ ...e, at: '2026-11-10T00:00:00.000Z' });
    const dec = (e: JournalEntry) => ({ ...e, at: '2026-12-05T00:00:00.000Z' });
    const entries = [
      nov(paid('o1', 40_000, 4_000)),
      nov(stripeFee('o1', 1_190)),
      nov(released('o1', 36_000)),
      dec(refunded('o1', 40_000)),
      dec(reversed('o1', 36_000)),
    ];
    const results = platformResults(entries, [order('o1')], 'usd');
    expect(results.months.map((m) => [m.month, m.result.netCents])).toEqual([
      ['2026-11', 2_810],
      ['2026-12', -4_000],
    ]);
    expect(results.total.netCents).toBe(2_810 - 4_000);
    expect(results.orders[0]?.month).toBe('2026-11');
  });

  it('counts a debt as lost until it is netted or paid outside, and still lost once written off', () => {
    const raised = entry('o1', 'refused-reversal', [post.owed('b', 9_000), post.held('o1', -9_000)], { at: '2026-11-21T00:00:00.000Z' });
    const off = entry('', 'write-off', [post.to('written-off', 4_000), post.owed('b', -4_000)], { at: '2026-12-24T00:00:00.000Z' });
    const outside = entry('', 'paid-outside', [post.to('paid-outside', 5_000), post.owed('b', -5_000)], { at: '2027-01-02T00:00:00.000Z' });
    const base = [paid('o1'), released('o1', 9_000), refunded('o1', 10_000)];
    expect(resultOf([...base, raised])).toMatchObject({ debtLossCents: 9_000, netCents: -9_000 });
    const results = platformResults([...base, raised, off, outside], [order('o1')], 'usd');
    expect(results.total).toMatchObject({ debtLossCents: 4_000, netCents: -4_000 });
    expect(results.months.map((m) => [m.month, m.result.debtLossCents])).toEqual([
      ['2026-11', 9_000],
      ['2026-12', 0],
      ['2027-01', -5_000],
    ]);
  });

  it('fills each debt column from the debts’ fold: outstanding, netted, paid outside and written off', () => {
    const raised = entry('o1', 'refused-reversal', [post.owed('b', 9_000), post.held('o1', -9_000)], { at: '2026-11-21T00:00:00.000Z' });
    const netted = entry('o9', 'netting', [post.held('o9', 2_000), post.owed('b', -2_000)], { at: '2026-11-22T00:00:00.000Z' });
    const outside = entry('', 'paid-outside', [post.to('paid-outside', 3_000), post.owed('b', -3_000)], { at: '2026-11-23T00:00:00.000Z' });
    const off = entry('', 'write-off', [post.to('written-off', 1_000), post.owed('b', -1_000)], { at: '2026-11-24T00:00:00.000Z' });
    expect(resultOf([paid('o1'), released('o1', 9_000), raised, netted, outside, off])).toMatchObject({
      debtOutstandingCents: 3_000,
      debtNettedCents: 2_000,
      debtPaidOutsideCents: 3_000,
      debtWrittenOffCents: 1_000,
    });
  });
});
