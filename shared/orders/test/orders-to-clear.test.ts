/**
 * Which orders reconciliation holds to an empty `held` account (issue 75): one done with, and
 * one that would be done with but for a refund that failed, whose buyer's money is then held.
 */
import { ordersToClear } from '../../orders';
import { anOrder } from '../../../test/support/orders';

const failed = { refundId: 're_1', amountCents: 10_000, reason: 'expired_or_canceled_card', at: '2026-11-28T12:00:00.000Z' };
const released = { status: 'building' as const, chargeId: 'ch_1', payouts: { builder: { transferId: 'tr_1' } } };

describe('the orders reconciliation clears', () => {
  it('take a released order as done with', () => {
    expect(ordersToClear([anOrder({ orderId: 'o1', ...released })])).toEqual([expect.objectContaining({ orderId: 'o1', doneWith: true })]);
    expect(ordersToClear([anOrder({ orderId: 'o1', ...released })])[0]).not.toHaveProperty('holdsFailedRefund');
  });

  it('take a released order with a refund that failed as holding the buyer’s money, not done with', () => {
    expect(ordersToClear([anOrder({ orderId: 'o1', ...released, failedRefunds: [failed] })])).toEqual([
      expect.objectContaining({ orderId: 'o1', doneWith: false, holdsFailedRefund: true }),
    ]);
  });

  it('leave an order still holding its builder’s share alone, refund failed or not', () => {
    const paid = anOrder({ orderId: 'o1', status: 'paid', chargeId: 'ch_1', failedRefunds: [failed] });
    expect(ordersToClear([paid])).toEqual([expect.objectContaining({ doneWith: false })]);
    expect(ordersToClear([paid])[0]).not.toHaveProperty('holdsFailedRefund');
  });
});
