/**
 * Stripe's inquiries (`warning_needs_response`, `warning_under_review`, `warning_closed`):
 * the buyer's bank asks before any chargeback, and nothing is withdrawn from the platform.
 * So nothing is taken back from the builder or the host while one is open, a refund (how an
 * inquiry is settled) is handled as any refund, and one closed sends nothing back out.
 */
import { refundRefusal } from '../../payments/rules/given-refunds';
import { GUILD } from '../../../test/support/show-payments';
import { LOT, releasedLot } from './released-lot';

describe('an inquiry on a released lot', () => {
  it('takes nothing back from the builder or the host while it is open', async () => {
    const { w, dispute, nets } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_ask', 'warning_needs_response'));
    await w.deliver(dispute('charge.dispute.updated', 'dp_ask', 'warning_under_review'));
    expect(await nets()).toEqual({ builder: 30_000, host: 6_000 });
    const order = await w.order(LOT);
    expect(order.dispute).toBeUndefined();
    expect(order.inquiry).toMatchObject({ disputeId: 'dp_ask', status: 'warning_under_review' });
  });

  it('lets an admin refund the order: refunding is how an inquiry is settled', async () => {
    const { w, dispute } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_ask', 'warning_needs_response'));
    const order = await w.order(LOT);
    expect(refundRefusal(order, { userId: '800000000000000099', guildId: GUILD, isAdmin: true })).toBeUndefined();
  });

  it('inquiry, full refund from Stripe’s dashboard, then warning_closed: builder and host hold nothing of the order', async () => {
    const { w, dispute, refund, nets } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_ask', 'warning_needs_response'));
    await w.deliver(await refund(40_000));
    expect(await nets()).toEqual({ builder: 0, host: 0 });
    await w.deliver(dispute('charge.dispute.closed', 'dp_ask', 'warning_closed'));
    expect(await nets()).toEqual({ builder: 0, host: 0 });
    const order = await w.order(LOT);
    expect(order.status).toBe('refunded');
    expect(await w.journalDebts(order.orderId)).toEqual({ builderDebt: 0, hostDebt: 0 });
    expect(order.inquiry ?? undefined).toBeUndefined();
    expect(order.pastDisputes).toEqual([expect.objectContaining({ disputeId: 'dp_ask', kind: 'inquiry', outcome: 'warning_closed' })]);
  });

  it('closed without a refund, sends nothing back out: warning_closed is not a win', async () => {
    const { w, dispute, nets } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_ask', 'warning_needs_response'));
    await w.deliver(dispute('charge.dispute.closed', 'dp_ask', 'warning_closed'));
    expect(await nets()).toEqual({ builder: 30_000, host: 6_000 });
    expect((await w.payments.listTransfers()).length).toBe(2);
  });
});
