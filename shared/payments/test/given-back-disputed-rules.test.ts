/**
 * A chargeback on a late payment's lot (given-back-disputed.ts), as a payments engineer reads
 * it: where the buyer's money stood before the bank disputed it, what the withdrawal pays of what
 * they were owed (never more than it took beyond what the lot held), what a win makes owed again,
 * and that a redelivered line writes nothing new.
 */
import { post, type JournalEntry, type Posting } from '../../journal';
import { chargebackPaysOwedEntries, chargebackPaysOwedEntry, givenBackMoney } from '../rules/given-back-disputed';

const at = '2026-11-29T12:00:00.000Z';
const lot = { orderId: 'lot1', guildId: '900000000000000001', currency: 'usd' };
const entry = (entryId: string, kind: JournalEntry['kind'], postings: Posting[], extra: Partial<JournalEntry> = {}): JournalEntry => ({
  entryId,
  kind,
  at,
  guildId: lot.guildId,
  currency: 'usd',
  orderId: 'lot1',
  postings,
  ...extra,
});
const holds = (cents: number) => entry('charge:lot1', 'charge', [post.stripe(cents), post.held('lot1', -cents)]);
const owed = (cents: number) => entry(`owed:${cents}`, 'owed-to-buyer', [post.held('lot1', cents), post.buyer('lot1', -cents)]);
const withdrawal = (cents: number, id = 'w1') =>
  entry(id, 'dispute-withdrawal', [post.held('lot1', cents), post.stripe(-cents)], { at: '2026-11-30T08:00:00.000Z' });
const reinstatement = (cents: number, id = 'r1') => entry(id, 'dispute-reinstatement', [post.held('lot1', -cents), post.stripe(cents)]);
const paidByChargeback = (cents: number, disputeId: string, orderId = 'lot1') =>
  entry(`paid:${disputeId}:${orderId}`, 'buyer-paid-by-chargeback', [post.buyer(orderId, cents), post.held(orderId, -cents)], { disputeId, orderId });

describe('where a late lot’s money stood for its buyer when the bank disputed it', () => {
  it('is owed when a give-back failed, held when Stripe refused it, given back otherwise', () => {
    expect(givenBackMoney(lot, [holds(5_000), owed(3_000)])).toBe('owed');
    expect(givenBackMoney(lot, [holds(5_000)])).toBe('held');
    expect(givenBackMoney(lot, [holds(5_000), entry('rf', 'refund', [post.held('lot1', 5_000), post.stripe(-5_000)])])).toBe('given-back');
  });

  it('is read before any of the dispute’s own entries: its withdrawal, a win’s reinstatement, or what it paid the buyer', () => {
    expect(givenBackMoney(lot, [holds(5_000), withdrawal(5_000)])).toBe('held');
    expect(givenBackMoney(lot, [reinstatement(5_000)])).toBe('given-back');
    expect(givenBackMoney(lot, [holds(3_000), owed(3_000), paidByChargeback(3_000, 'dp_1')])).toBe('owed');
  });
});

describe('what a chargeback’s withdrawal pays the buyer of what they were owed', () => {
  it('is what it took beyond what the lot held, up to what was owed, naming the dispute and keyed by the line', () => {
    const line = withdrawal(2_000);
    expect(chargebackPaysOwedEntry(lot, [holds(4_000), owed(3_000), line], line, 'dp_1')).toEqual({
      entryId: 'buyer-paid-by-chargeback:lot1:w1',
      kind: 'buyer-paid-by-chargeback',
      at: '2026-11-30T08:00:00.000Z',
      guildId: lot.guildId,
      currency: 'usd',
      orderId: 'lot1',
      disputeId: 'dp_1',
      postings: [post.buyer('lot1', 1_000), post.held('lot1', -1_000)],
    });
    const whole = withdrawal(9_000);
    expect(chargebackPaysOwedEntry(lot, [holds(4_000), owed(3_000), whole], whole, 'dp_1')?.postings).toEqual([
      post.buyer('lot1', 3_000),
      post.held('lot1', -3_000),
    ]);
  });

  it('never takes money back from a buyer paid beyond what they were owed', () => {
    const line = withdrawal(3_000);
    const overpaid = entry('p', 'buyer-paid-outside', [post.buyer('lot1', 300), post.to('paid-by-hand', -300)]);
    expect(chargebackPaysOwedEntry(lot, [holds(1_000), overpaid, line], line, 'dp_1')).toBeUndefined();
  });

  it('is nothing when the lot held all it took, or nothing was owed', () => {
    const line = withdrawal(3_000);
    expect(chargebackPaysOwedEntry(lot, [holds(5_000), line], line, 'dp_1')).toBeUndefined();
    expect(chargebackPaysOwedEntry(lot, [holds(1_000), line], line, 'dp_1')).toBeUndefined();
  });
});

describe('what a won dispute’s reinstatement makes the buyer owed again', () => {
  it('is what this dispute’s chargeback paid them of this lot, up to what came back', () => {
    const others = [paidByChargeback(700, 'dp_2'), paidByChargeback(900, 'dp_1', 'lot2')];
    const back = reinstatement(5_000);
    expect(chargebackPaysOwedEntry(lot, [paidByChargeback(3_000, 'dp_1'), ...others, back], back, 'dp_1')).toEqual({
      entryId: 'buyer-paid-by-chargeback:lot1:r1',
      kind: 'buyer-paid-by-chargeback',
      at,
      guildId: lot.guildId,
      currency: 'usd',
      orderId: 'lot1',
      disputeId: 'dp_1',
      postings: [post.held('lot1', 3_000), post.buyer('lot1', -3_000)],
    });
    const part = reinstatement(2_000, 'r2');
    expect(chargebackPaysOwedEntry(lot, [paidByChargeback(3_000, 'dp_1'), part], part, 'dp_1')?.postings).toEqual([
      post.held('lot1', 2_000),
      post.buyer('lot1', -2_000),
    ]);
  });

  it('is nothing when the chargeback paid them nothing, or a line moved none of this lot’s money', () => {
    const back = reinstatement(5_000);
    expect(chargebackPaysOwedEntry(lot, [paidByChargeback(3_000, 'dp_2'), back], back, 'dp_1')).toBeUndefined();
    const elsewhere = entry('w9', 'dispute-withdrawal', [post.held('lot2', 3_000), post.stripe(-3_000)], { orderId: 'lot2' });
    expect(chargebackPaysOwedEntry(lot, [holds(1_000), owed(3_000), elsewhere], elsewhere, 'dp_1')).toBeUndefined();
  });
});

describe('a dispute’s new lines of a lot, in turn', () => {
  it('pay the buyer on the withdrawal and owe them again on the win, each line reading what came before it', () => {
    const before = [holds(7_000), owed(6_000)];
    const out = chargebackPaysOwedEntries(lot, before, [withdrawal(5_000), reinstatement(5_000)], 'dp_1');
    expect(out.map((e) => [e.entryId, e.postings])).toEqual([
      ['buyer-paid-by-chargeback:lot1:w1', [post.buyer('lot1', 4_000), post.held('lot1', -4_000)]],
      ['buyer-paid-by-chargeback:lot1:r1', [post.held('lot1', 4_000), post.buyer('lot1', -4_000)]],
    ]);
  });

  it('write nothing new when delivered again, and count a line written already once', () => {
    const before = [holds(7_000), owed(6_000), withdrawal(5_000)];
    const first = chargebackPaysOwedEntries(lot, before, [withdrawal(5_000)], 'dp_1');
    expect(first.map((e) => e.postings)).toEqual([[post.buyer('lot1', 4_000), post.held('lot1', -4_000)]]);
    expect(chargebackPaysOwedEntries(lot, [...before, ...first], [withdrawal(5_000)], 'dp_1')).toEqual([]);
    // A failure since makes the buyer owed 1,000 more: the line delivered again pays nothing under the key it paid under.
    expect(chargebackPaysOwedEntries(lot, [...before, ...first, owed(1_000)], [withdrawal(5_000)], 'dp_1')).toEqual([]);
  });
});
