/**
 * Each fold reads only its own postings: its account, its order, its party, its person, its
 * kinds and its currency. A journal mixing all of them, each fold asked for one.
 */
import { post, type JournalEntry } from '../rules/entry';
import {
  balanceOf,
  debtsByOrder,
  debtsOfOrders,
  disputeDebtOf,
  disputeReversedFrom,
  disputeReversedOn,
  heldFor,
  holdsOf,
  nettedFor,
  orderMoneyOf,
  owedByHandFor,
  paidByHandFor,
  refundedOf,
  reversedFrom,
  sentBy,
  sentTo,
} from '../rules/fold';
import { entry } from './journal-entries';

const builder = '810000000000000001';
const host = '810000000000000005';
const journal: JournalEntry[] = [
  entry('charge', 'charge', [post.stripe(10_000), post.fees(-1_000), post.held('o1', -9_000)], { orderId: 'o1' }),
  entry('charge-2', 'charge', [post.stripe(4_000), post.fees(-400), post.held('o2', -3_600)], { orderId: 'o2' }),
  // A refund moves held money; a release to a host and a reversal of the builder's share move another party's.
  entry('refund', 'refund', [post.held('o1', 2_000), post.stripe(-2_000)], { orderId: 'o1' }),
  entry('release', 'release', [post.held('o1', 4_000, 'builder'), post.stripe(-4_000)], { orderId: 'o1' }),
  entry('cut', 'release', [post.held('o1', 800, 'host'), post.stripe(-800)], { orderId: 'o1' }),
  entry('back', 'reversal', [post.stripe(500), post.held('o1', -500, 'builder')], { orderId: 'o1' }),
  entry('back-host', 'reversal', [post.stripe(300), post.held('o1', -300, 'host')], { orderId: 'o1' }),
  // A debt raised on o2, netted from o1's release (for the builder, and once for the host), half undone.
  entry('raised', 'refused-reversal', [post.owed(builder, 3_000), post.held('o2', -3_000)], { orderId: 'o2' }),
  entry('netted', 'netting', [post.held('o1', 2_500), post.owed(builder, -2_500)], { orderId: 'o1' }),
  entry('netted-host', 'netting', [post.held('o1', 100), post.owed(host, -100)], { orderId: 'o1' }),
  entry('undone', 'netting-undone', [post.owed(builder, 1_000), post.held('o1', -1_000)], { orderId: 'o1' }),
  entry('netted-o2', 'netting', [post.held('o2', 400), post.owed(builder, -400)], { orderId: 'o2' }),
  entry('paid-out', 'paid-outside', [post.to('paid-outside', 600), post.owed(builder, -600)], { orderId: 'o1' }),
  // A host's cut paid by hand, and a stray posting to o1's held money of another kind.
  entry('hand', 'hand-payment', [post.held('o1', 700), post.to('paid-by-hand', -700)], { orderId: 'o1' }),
  entry('hand-o2', 'hand-payment', [post.held('o2', 50), post.to('paid-by-hand', -50)], { orderId: 'o2' }),
  entry('eur', 'release', [post.held('o1', 70, 'builder'), post.stripe(-70)], { orderId: 'o1', currency: 'eur' }),
];

describe('each fold reads its own postings', () => {
  it('reads an account of one order, of one person, or of all', () => {
    expect(balanceOf(journal, 'usd', 'held', { orderId: 'o2' })).toBe(-3_600 - 3_000 + 400 + 50);
    expect(balanceOf(journal, 'usd', 'owed-to-c500', { personId: host })).toBe(-100);
    expect(balanceOf(journal, 'usd', 'paid-by-hand')).toBe(-750);
    expect(balanceOf(journal.slice(0, 2), 'usd', 'held')).toBe(-9_000 - 3_600);
    expect(heldFor(journal, 'usd', 'o2')).toBe(3_600 + 3_000 - 400 - 50);
  });

  it('reads refunds, transfers and reversals of one order and one party, never another’s', () => {
    expect(refundedOf(journal, 'usd', 'o1')).toBe(2_000);
    expect(refundedOf(journal, 'usd', 'o2')).toBe(0);
    expect(sentTo(journal, 'usd', 'o1', 'builder')).toBe(4_000);
    expect(sentTo(journal, 'usd', 'o2', 'builder')).toBe(0);
    expect(reversedFrom(journal, 'usd', 'o1', 'builder')).toBe(500);
    expect(reversedFrom(journal, 'usd', 'o1', 'host')).toBe(300);
    expect(reversedFrom(journal, 'usd', 'o2', 'builder')).toBe(0);
  });

  it('reads what an order’s nettings paid of one person’s debt, less those undone, and nothing of a payment outside C500', () => {
    expect(nettedFor(journal, 'usd', 'o1', builder)).toBe(1_500);
    expect(nettedFor(journal, 'usd', 'o1', host)).toBe(100);
    expect(nettedFor(journal, 'usd', 'o2', builder)).toBe(400);
    expect(nettedFor(journal, 'usd', 'o2', host)).toBe(0);
  });

  it('reads what was paid by hand out of one order', () => {
    expect(paidByHandFor(journal, 'usd', 'o1')).toBe(700);
    expect(paidByHandFor(journal, 'usd', 'o2')).toBe(50);
  });

  it('folds an order’s money for its builder and its host, each their own, in its currency', () => {
    expect(orderMoneyOf(journal, { orderId: 'o1', currency: 'usd', builderId: builder, hostId: host })).toEqual({
      refundedCents: 2_000,
      builder: { sentCents: 4_000, reversedCents: 500, nettedCents: 1_500 },
      host: { sentCents: 800, reversedCents: 300, nettedCents: 100, paidByHandCents: 700 },
    });
    expect(orderMoneyOf(journal, { orderId: 'o1', currency: 'usd', builderId: builder }).host.nettedCents).toBe(0);
    expect(orderMoneyOf(journal, { orderId: 'o1', currency: 'EUR', builderId: builder }).builder.sentCents).toBe(70);
  });

  it('names how each settled part of a debt was settled, and reads one currency', () => {
    const at = (day: number) => `2026-11-0${day}T00:00:00.000Z`;
    const debts = [
      entry('r', 'refused-reversal', [post.owed('p', 4_000), post.held('o', -4_000)], { orderId: 'o', at: at(1) }),
      entry('n', 'netting', [post.held('o9', 1_000), post.owed('p', -1_000)], { orderId: 'o9', at: at(2) }),
      entry('po', 'paid-outside', [post.to('paid-outside', 1_000), post.owed('p', -1_000)], { at: at(3) }),
      entry('w', 'write-off', [post.to('written-off', 500), post.owed('p', -500)], { at: at(4) }),
      entry('f', 'forgiven', [post.held('o', 500), post.owed('p', -500)], { orderId: 'o', at: at(5) }),
      entry('x', 'refused-reversal', [post.owed('p', 9_000), post.held('o', -9_000)], { orderId: 'o', at: at(6), currency: 'eur' }),
    ];
    expect(debtsOfOrders(debts, 'USD')).toEqual([
      {
        personId: 'p',
        orderId: 'o',
        raisedCents: 4_000,
        owedCents: 1_000,
        nettedCents: 1_000,
        paidOutsideCents: 1_000,
        writtenOffCents: 500,
        forgivenCents: 500,
      },
    ]);
  });

  it('reads what one dispute took from one party: its reversals and the debts it made, never a refund’s nor another dispute’s', () => {
    const d = [
      entry('rev-b', 'reversal', [post.stripe(2_000), post.held('o', -2_000, 'builder')], { orderId: 'o', disputeId: 'dp_1' }),
      entry('rev-h', 'reversal', [post.stripe(400), post.held('o', -400, 'host')], { orderId: 'o', disputeId: 'dp_1' }),
      entry('rev-refund', 'reversal', [post.stripe(900), post.held('o', -900, 'builder')], { orderId: 'o' }),
      entry('rev-other', 'reversal', [post.stripe(50), post.held('o', -50, 'builder')], { orderId: 'o', disputeId: 'dp_2' }),
      entry('rev-eur', 'reversal', [post.stripe(70), post.held('o', -70, 'builder')], { orderId: 'o', disputeId: 'dp_1', currency: 'eur' }),
      entry('refused-b', 'refused-reversal', [post.owed(builder, 1_000), post.held('o', -1_000, 'builder')], { orderId: 'o', disputeId: 'dp_1' }),
      entry('loss-h', 'loss-after-payout', [post.owed(host, 300), post.held('o', -300, 'host')], { orderId: 'o', disputeId: 'dp_1' }),
      entry('refused-refund', 'refused-reversal', [post.owed(builder, 600), post.held('o', -600, 'builder')], { orderId: 'o' }),
      // The win's forgiveness settles the debt; it takes nothing off what the dispute made.
      entry('forgiven-b', 'forgiven', [post.held('o', 1_000, 'builder'), post.owed(builder, -1_000)], { orderId: 'o', disputeId: 'dp_1' }),
    ];
    expect(disputeReversedFrom(d, 'usd', 'dp_1', 'builder')).toBe(2_000);
    expect(disputeReversedFrom(d, 'usd', 'dp_1', 'host')).toBe(400);
    expect(disputeReversedFrom(d, 'EUR', 'dp_1', 'builder')).toBe(70);
    expect(disputeReversedFrom(d, 'usd', 'dp_2', 'builder')).toBe(50);
    expect(disputeDebtOf(d, 'usd', 'dp_1', 'builder')).toBe(1_000);
    expect(disputeDebtOf(d, 'usd', 'dp_1', 'host')).toBe(300);
    expect(disputeDebtOf(d, 'usd', 'dp_2', 'builder')).toBe(0);
  });

  it('reads what one transfer sent and still holds, and what one dispute’s reversals took back from it, never another transfer’s or dispute’s', () => {
    const t = [
      entry('tranche-1', 'release', [post.held('o', 4_000, 'builder'), post.stripe(-4_000)], { orderId: 'o', stripeId: 'tr_1' }),
      entry('tranche-2', 'release', [post.held('o', 1_000, 'builder'), post.stripe(-1_000)], { orderId: 'o', stripeId: 'tr_2' }),
      entry('rev-dispute', 'reversal', [post.stripe(2_000), post.held('o', -2_000, 'builder')], { orderId: 'o', stripeId: 'tr_1', disputeId: 'dp_1' }),
      entry('rev-refund', 'reversal', [post.stripe(900), post.held('o', -900, 'builder')], { orderId: 'o', stripeId: 'tr_1' }),
      entry('rev-other', 'reversal', [post.stripe(50), post.held('o', -50, 'builder')], { orderId: 'o', stripeId: 'tr_1', disputeId: 'dp_2' }),
      entry('rev-tr2', 'reversal', [post.stripe(70), post.held('o', -70, 'builder')], { orderId: 'o', stripeId: 'tr_2', disputeId: 'dp_1' }),
    ];
    expect(sentBy(t, 'usd', 'tr_1')).toBe(4_000);
    expect(sentBy(t, 'usd', 'tr_2')).toBe(1_000);
    expect(holdsOf(t, 'usd', 'tr_1')).toBe(4_000 - 2_000 - 900 - 50);
    expect(holdsOf(t, 'usd', 'tr_2')).toBe(930);
    expect(disputeReversedOn(t, 'usd', 'dp_1', 'tr_1')).toBe(2_000);
    expect(disputeReversedOn(t, 'usd', 'dp_1', 'tr_2')).toBe(70);
    expect(disputeReversedOn(t, 'usd', 'dp_2', 'tr_1')).toBe(50);
  });

  it('reads what is owed to one order’s host by hand, never another order’s', () => {
    const owed = [
      entry('cut-o1', 'cut-owed', [post.held('o1', 800, 'host'), post.hostOwed('o1', host, -800)], { orderId: 'o1' }),
      entry('cut-o2', 'cut-owed', [post.held('o2', 300, 'host'), post.hostOwed('o2', host, -300)], { orderId: 'o2' }),
      entry('hand-o1', 'hand-payment', [post.hostOwed('o1', host, 500), post.to('paid-by-hand', -500)], { orderId: 'o1' }),
    ];
    expect(owedByHandFor(owed, 'usd', 'o1')).toBe(300);
    expect(owedByHandFor(owed, 'usd', 'o2')).toBe(300);
  });

  it('forgives a dispute’s own order’s part of a debt first, pays every other settlement oldest first, and lists only what is still owed', () => {
    const at = (day: number) => `2026-11-0${day}T00:00:00.000Z`;
    const debts = [
      entry('r1', 'refused-reversal', [post.owed('p', 1_000), post.held('o1', -1_000)], { orderId: 'o1', at: at(1) }),
      entry('r2', 'refused-reversal', [post.owed('p', 2_000), post.held('o2', -2_000)], { orderId: 'o2', at: at(2) }),
      entry('f', 'forgiven', [post.held('o2', 1_500), post.owed('p', -1_500)], { orderId: 'o2', at: at(3) }),
      // Netted from o2's release, yet it pays the oldest part (o1's), as every settlement but a forgiveness does.
      entry('n', 'netting', [post.held('o2', 300), post.owed('p', -300)], { orderId: 'o2', at: at(4) }),
      entry('po', 'paid-outside', [post.to('paid-outside', 700), post.owed('p', -700)], { at: at(5) }),
    ];
    const none = { nettedCents: 0, paidOutsideCents: 0, writtenOffCents: 0, forgivenCents: 0 };
    expect(debtsOfOrders(debts, 'usd')).toEqual([
      { ...none, personId: 'p', orderId: 'o1', raisedCents: 1_000, owedCents: 0, nettedCents: 300, paidOutsideCents: 700 },
      { ...none, personId: 'p', orderId: 'o2', raisedCents: 2_000, owedCents: 500, forgivenCents: 1_500 },
    ]);
    expect(debtsByOrder(debts, 'usd')).toEqual([{ personId: 'p', orderId: 'o2', owedCents: 500 }]);
  });

  it('pays the rest of a forgiveness beyond its own order’s part off the oldest other part', () => {
    const at = (day: number) => `2026-11-0${day}T00:00:00.000Z`;
    const debts = [
      entry('r1', 'refused-reversal', [post.owed('p', 1_000), post.held('o1', -1_000)], { orderId: 'o1', at: at(1) }),
      entry('r2', 'refused-reversal', [post.owed('p', 2_000), post.held('o2', -2_000)], { orderId: 'o2', at: at(2) }),
      entry('f', 'forgiven', [post.held('o2', 2_300), post.owed('p', -2_300)], { orderId: 'o2', at: at(3) }),
    ];
    const none = { nettedCents: 0, paidOutsideCents: 0, writtenOffCents: 0 };
    expect(debtsOfOrders(debts, 'usd')).toEqual([
      { ...none, personId: 'p', orderId: 'o1', raisedCents: 1_000, owedCents: 700, forgivenCents: 300 },
      { ...none, personId: 'p', orderId: 'o2', raisedCents: 2_000, owedCents: 0, forgivenCents: 2_000 },
    ]);
    expect(debtsByOrder(debts, 'usd')).toEqual([{ personId: 'p', orderId: 'o1', owedCents: 700 }]);
  });
});
