/**
 * A refund that fails on a charge then charged back and lost (issue 75), on a released show lot
 * (40,000: a 4,000 fee, a 6,000 host cut, a 30,000 builder share) against the local Stripe:
 * refund 10,000, chargeback on the 30,000 left, the refund fails, the chargeback is lost. Stripe
 * refuses a new refund, so the buyer's 10,000 is owed to them outside Stripe: never the
 * platform's fee, listed until an admin records how the buyer was paid.
 */
import { LOT, releasedLot } from '../../disputes/test/released-lot';
import { journalOfGuild, unbalanced, unclearedAccounts, writeEntryUnread } from '../../journal';
import { orderPath, type Order } from '../../orders';
import { platformResults } from '../rules/platform-result';
import { buyerPaidOutsideEntry, owedToBuyerOf } from '../rules/owed-to-buyer';
import { reconcileAll } from '../use-cases/reconcile';
import { GUILD } from '../../../test/support/show-payments';

type World = Awaited<ReturnType<typeof releasedLot>>;

async function refundThenChargeback(world: World) {
  const { w, chargeId } = world;
  await w.deliver(await world.refund(10_000));
  const [made] = await w.payments.listRefunds();
  const opened = await w.payments.openDispute(chargeId, { reason: 'fraudulent' });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  await w.deliver(w.event('charge.dispute.created'));
  return { refundId: made?.id as string, disputeId: opened.object.id };
}

async function failRefund(w: World['w'], refundId: string) {
  w.advance(86_400_000);
  await w.payments.failRefund(refundId);
  await w.deliver(w.event('charge.refund.updated'));
}

async function loseDispute(w: World['w'], disputeId: string) {
  await w.payments.closeDispute(disputeId, 'lost');
  await w.deliver(w.event('charge.dispute.closed'));
}

async function books(w: World['w']) {
  // Stripe's fees are recorded by the daily run, as in production.
  await reconcileAll(w.deps, new Date(0));
  const entries = await journalOfGuild(w.store, GUILD);
  const order = (await w.store.get(orderPath(LOT))) as Order;
  return { entries, order, results: platformResults(entries, [order], 'usd'), uncleared: unclearedAccounts(entries, []) };
}

describe('money owed to the buyer after a failed refund and a lost chargeback', () => {
  it('owes the buyer the failed 10,000 and leaves the platform −2,690, not +1,310, when the refund fails before the loss', async () => {
    const world = await releasedLot();
    const { refundId, disputeId } = await refundThenChargeback(world);
    await failRefund(world.w, refundId);
    await loseDispute(world.w, disputeId);
    const { entries, order, results, uncleared } = await books(world.w);
    expect(unbalanced(entries)).toEqual([]);
    expect(owedToBuyerOf(entries, 'usd', LOT)).toBe(10_000);
    expect(results.total).toMatchObject({ processingFeeCents: 1_190, disputeFeeCents: 1_500, disputeLossCents: 4_000, netCents: -2_690 });
    expect(uncleared).toEqual([expect.objectContaining({ account: 'owed-to-buyer', orderId: LOT, balanceCents: 10_000, currency: 'usd' })]);
    // The bank gave back 30,000 and the buyer is owed the rest: nothing of the charge is left to build for.
    expect(order.status).toBe('closed');
  });

  it('owes the buyer the same when the refund fails after the chargeback was lost, once whatever redelivers it', async () => {
    const world = await releasedLot();
    const { refundId, disputeId } = await refundThenChargeback(world);
    await loseDispute(world.w, disputeId);
    await failRefund(world.w, refundId);
    await world.w.deliver(world.w.event('charge.refund.updated', 'evt_again'));
    const { entries, results } = await books(world.w);
    expect(owedToBuyerOf(entries, 'usd', LOT)).toBe(10_000);
    expect(entries.filter((e) => e.kind === 'owed-to-buyer')).toHaveLength(1);
    expect(results.total.netCents).toBe(-2_690);
  });

  it('owes the buyer nothing when no refund failed: the lost chargeback alone is the bank’s', async () => {
    const world = await releasedLot();
    const { disputeId } = await refundThenChargeback(world);
    await loseDispute(world.w, disputeId);
    const { entries, uncleared } = await books(world.w);
    expect(owedToBuyerOf(entries, 'usd', LOT)).toBe(0);
    expect(uncleared.filter((u) => u.account === 'owed-to-buyer')).toEqual([]);
  });

  it('clears the account once an admin records the buyer paid back outside Stripe, the result unchanged', async () => {
    const world = await releasedLot();
    const { refundId, disputeId } = await refundThenChargeback(world);
    await failRefund(world.w, refundId);
    await loseDispute(world.w, disputeId);
    const before = await books(world.w);
    const settled = buyerPaidOutsideEntry(before.order, before.entries, 'bank-transfer', world.w.deps.clock.now().toISOString());
    expect(settled).toMatchObject({ kind: 'buyer-paid-outside', settledHow: 'bank-transfer' });
    const batch = world.w.store.batch();
    writeEntryUnread(batch, settled as NonNullable<typeof settled>);
    await batch.commit();
    const after = await books(world.w);
    expect(owedToBuyerOf(after.entries, 'usd', LOT)).toBe(0);
    expect(after.uncleared).toEqual([]);
    expect(after.results.total.netCents).toBe(-2_690);
    expect(buyerPaidOutsideEntry(after.order, after.entries, 'other', world.w.deps.clock.now().toISOString())).toBeUndefined();
  });
});
