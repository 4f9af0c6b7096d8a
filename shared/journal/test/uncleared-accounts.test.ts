/**
 * Uncleared means every account that should be empty and is not (issue 75): held on an order
 * done with, held by a refund that failed, owed to a buyer, a racer paid more than they
 * earned, a payout recorded that never went out, and money in flight past its time.
 */
import { post } from '../rules/entry';
import {
  heldByFailedRefund,
  heldForLateBuyer,
  heldForLateBuyerChargedBack,
  heldForLateBuyerDisputed,
  owedAfterChargeback,
  owedAfterGiveBack,
  owedWhileDisputed,
  unclearedAccounts,
  type OrderToClear,
} from '../rules/reconcile';
import { entry } from './journal-entries';

const order = (fields: { doneWith?: boolean; holdsFailedRefund?: boolean } = {}) => ({
  orderId: 'o',
  currency: 'usd',
  platformFeeCents: 100,
  doneWith: fields.doneWith ?? false,
  ...(fields.holdsFailedRefund ? { holdsFailedRefund: true } : {}),
});
const paid = entry('charge:o', 'charge', [post.stripe(1_000), post.fees(-100), post.held('o', -900)], { orderId: 'o' });
const released = entry('release:o', 'release', [post.held('o', 600, 'builder'), post.stripe(-600)], { orderId: 'o' });
const refunded = entry('refund:o', 'refund', [post.held('o', 300), post.stripe(-300)], { orderId: 'o' });
const refundFailed = entry('refund-failed:o', 'refund-failed', [post.held('o', -300), post.stripe(300)], { orderId: 'o' });

describe('the accounts that should be empty', () => {
  it('are all empty after a sale released and a refund given: nothing is reported', () => {
    expect(unclearedAccounts([paid, released, refunded], [order({ doneWith: true })], '2026-12-01T00:00:00.000Z')).toEqual([]);
  });

  it('report an order holding a refund that failed, with what to do, though it is not done with', () => {
    expect(unclearedAccounts([paid, released, refunded, refundFailed], [order({ holdsFailedRefund: true })])).toEqual([
      expect.objectContaining({ account: 'held', orderId: 'o', balanceCents: 300, why: expect.stringContaining('refund that failed') }),
    ]);
  });

  it('report a host paid by hand more than they were owed, and not a cut still owed to them', () => {
    const owedToHost = entry('cut-owed:o:release', 'cut-owed', [post.held('o', 300, 'host'), post.hostOwed('o', 'h', -300)], { orderId: 'o' });
    const paidTwice = ['1', '2'].map((n) =>
      entry(`hand-payment:${n}`, 'hand-payment', [post.hostOwed('o', 'h', 300), post.to('paid-by-hand', -300)], { orderId: 'o' }),
    );
    expect(unclearedAccounts([paid, owedToHost], [])).toEqual([]);
    expect(unclearedAccounts([paid, owedToHost, ...paidTwice], [])).toEqual([
      expect.objectContaining({ account: 'host-payable', orderId: 'o', balanceCents: -300, why: expect.stringContaining('paid by hand more') }),
    ]);
  });

  it('report money owed to a buyer until it is settled', () => {
    const owed = entry('owed:o', 'refund-failed', [post.held('o', 300), { account: 'owed-to-buyer', amountCents: -300, orderId: 'o' }], { orderId: 'o' });
    const settled = entry('settled:o', 'hand-payment', [{ account: 'owed-to-buyer', amountCents: 300, orderId: 'o' }, post.to('paid-by-hand', -300)], {
      orderId: 'o',
    });
    expect(unclearedAccounts([owed], [])).toEqual([
      expect.objectContaining({ account: 'owed-to-buyer', orderId: 'o', balanceCents: 300, why: expect.stringContaining('owed to the buyer') }),
    ]);
    expect(unclearedAccounts([owed, settled], [])).toEqual([]);
  });

  it('report a racer paid more than they earned after a refund took their commission back', () => {
    const earned = entry('earn', 'racer-earning', [post.racer('r1', -500), post.to('merch-revenue', 500)]);
    const paidOut = entry('pay', 'racer-payout', [post.racer('r1', 500), post.to('payout-clearing', -500)]);
    const sent = entry('sent', 'racer-payout', [post.to('payout-clearing', 500), post.stripe(-500)]);
    const takenBack = entry('back', 'merch-refund', [post.racer('r1', 500), post.to('merch-revenue', -500)]);
    expect(unclearedAccounts([earned, paidOut, sent], [])).toEqual([]);
    expect(unclearedAccounts([earned, paidOut, sent, takenBack], [])).toEqual([
      expect.objectContaining({ account: 'racer-payable', personId: 'r1', balanceCents: -500 }),
    ]);
  });

  it('report a payout recorded that neither went out nor was undone', () => {
    const earned = entry('earn', 'racer-earning', [post.racer('r1', -500), post.to('merch-revenue', 500)]);
    const paidOut = entry('pay', 'racer-payout', [post.racer('r1', 500), post.to('payout-clearing', -500)]);
    expect(unclearedAccounts([earned, paidOut], [])).toEqual([expect.objectContaining({ account: 'payout-clearing', balanceCents: -500 })]);
  });

  it('report money in flight past its time, and not before it', () => {
    const sending = entry('sending:o', 'release', [post.held('o', 600, 'builder'), post.stripe(-600)], {
      orderId: 'o',
      pending: { timeoutAt: '2026-11-28T00:00:00.000Z' },
    });
    expect(unclearedAccounts([paid, sending], [], '2026-11-27T23:00:00.000Z')).toEqual([]);
    expect(unclearedAccounts([paid, sending], [], '2026-11-28T01:00:00.000Z')).toEqual([
      expect.objectContaining({ account: 'pending', entryId: 'sending:o', orderId: 'o', balanceCents: 600 }),
    ]);
  });

  it('say of a buyer’s money held or owed which case it is, naming the chargeback that decides what can be done', () => {
    const late = (chargeback?: OrderToClear['chargeback']): OrderToClear => ({ ...order(), paidLate: true, ...(chargeback ? { chargeback } : {}) });
    const owed = entry('owed-to-buyer:o:re_1', 'owed-to-buyer', [post.held('o', 300), post.buyer('o', -300)], { orderId: 'o' });
    const held = (o: OrderToClear) => unclearedAccounts([paid], [o]).map((u) => [u.why, u.disputeId]);
    const owedTo = (o: OrderToClear) =>
      unclearedAccounts([paid, owed], [o])
        .filter((u) => u.account === 'owed-to-buyer')
        .map((u) => [u.why, u.disputeId]);
    expect(held(order({ holdsFailedRefund: true }))).toEqual([[heldByFailedRefund, undefined]]);
    expect(held(late())).toEqual([[heldForLateBuyer, undefined]]);
    expect(held(late({ disputeId: 'du_1', state: 'open' }))).toEqual([[heldForLateBuyerDisputed, 'du_1']]);
    expect(held(late({ disputeId: 'du_1', state: 'lost' }))).toEqual([[heldForLateBuyerChargedBack, 'du_1']]);
    expect(owedTo(order({ doneWith: true }))).toEqual([[owedAfterChargeback, undefined]]);
    expect(owedTo(late())).toEqual([[owedAfterGiveBack, undefined]]);
    expect(owedTo(late({ disputeId: 'du_1', state: 'open' }))).toEqual([[owedWhileDisputed, 'du_1']]);
    expect(owedTo(late({ disputeId: 'du_1', state: 'lost' }))).toEqual([[owedAfterChargeback, 'du_1']]);
  });
});
