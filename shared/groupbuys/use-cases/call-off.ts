/**
 * @module call-off
 * The `cancel` chain the builder's call-off arms (cancel-group-buy), on the group buy's queue.
 *
 * Called off before the close: every pledge is let go (nothing was charged), each member told
 * once, a batch of DMs at a time (release-pledges), and the post is edited.
 *
 * Called off once funded: a batch at a time (charge-rules' pace, as the charging: Stripe's
 * limit holds refunds too), each order paid for a pledge is refunded in full by payments' own
 * path, as a late commission's cancel is: in one transaction the order is closed and its refund
 * written down under its key (`givenRefunds`), then Stripe is asked under that key
 * (`askRefund`), and Stripe's `charge.refunded` moves the order and the journal as any refund
 * does. The pledge moves to `refunded` only after Stripe answered, so it stays the cursor: a
 * batch run again finds an order closed with its refund written down and asks under the same
 * key, never a second refund. A refusal is for a person (`money.needs-human`); the buyer is
 * told either way, once. When none is left, the builder is told and the post edited.
 */
import { tellOnce } from '../../discord';
import { inItsChannel } from '../rules/closed-dms';
import { log } from '../../log';
import { moneyNeedsHuman } from '../../money-needs-human';
import { applyOrderFact, orderPath, type GivenRefund, type Order } from '../../orders';
import { askRefund, givenRefundKey, refundableCents } from '../../payments';
import { refundedOfOrder } from '../../journal';
import { groupBuyPath, pledgePath, pledgesCollection, type GroupBuy } from '../rules/group-buy';
import { chargePace } from '../rules/close-rules';
import { successorArmed, type ChargeTask } from '../rules/charge-tasks';
import { closedByCallOff, refundedAtCallOff } from '../rules/call-off';
import { callOffDms } from '../rules/call-off-messages';
import { scheduleChargeBatch, type GroupBuyCloseDeps } from './close-deps';
import { startRelease } from './release-pledges';
import { followGroupBuyPost } from './group-buy-posts';

export async function callOffBatch(deps: GroupBuyCloseDeps, task: ChargeTask): Promise<void> {
  const groupBuy = await deps.store.get(groupBuyPath(task.groupBuyId));
  if (groupBuy?.status !== 'cancelled' || !groupBuy.cancelled) return;
  if (!groupBuy.cancelled.afterClose) return letGoAll(deps, groupBuy);
  if (successorArmed(groupBuy, task)) return;
  const batch = await deps.store.query(pledgesCollection(task.groupBuyId), { where: [['status', 'in', [...refundedAtCallOff]]], limit: chargePace.batchSize });
  if (batch.length === 0) return tellAllRefunded(deps, groupBuy);
  const settled = await Promise.allSettled(batch.map(({ data }) => refundPledge(deps, groupBuy, data.buyerId)));
  // Every refund of the batch ends before a failure of one fails the task (the queue runs it again; the pledges are the cursor).
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  await scheduleChargeBatch(deps.tasks, { ...task, batch: task.batch + 1 }, deps.clock.now().getTime() + chargePace.spacingMs);
  await deps.store.update(groupBuyPath(task.groupBuyId), { chargeBatchArmed: `${task.chain}:${task.batch}` });
}

/** Before the close: every pledge let go and its member told once, a batch at a time (release-pledges), the post edited. */
async function letGoAll(deps: GroupBuyCloseDeps, groupBuy: GroupBuy): Promise<void> {
  await startRelease(deps, groupBuy.groupBuyId);
  await followGroupBuyPost(deps, groupBuy.groupBuyId);
}

/** What a pledge's order needs: its full refund asked (written down now, or by a run that died before Stripe answered), or nothing. */
type Fixed = { order: Order; refund?: GivenRefund };

/** One pledge's order closed and refunded in full, then the pledge `refunded` and its buyer told. */
async function refundPledge(deps: GroupBuyCloseDeps, groupBuy: GroupBuy, buyerId: string): Promise<void> {
  const fixed = await fixRefund(deps, groupBuy, buyerId);
  const asked = fixed?.refund ? await askRefund(deps, fixed.order, fixed.refund) : undefined;
  if (fixed && asked?.refusal !== undefined)
    moneyNeedsHuman('groupbuy-refund-refused', {
      orderId: fixed.order.orderId,
      ...(fixed.order.chargeId ? { chargeId: fixed.order.chargeId } : {}),
      amountCents: asked.amountCents,
      currency: fixed.order.currency,
      error: asked.refusal,
    });
  const path = pledgePath(groupBuy.groupBuyId, buyerId);
  await deps.store.runTransaction(async (tx) => {
    const pledge = await tx.get(path);
    if (pledge && refundedAtCallOff.includes(pledge.status)) tx.update(path, { status: 'refunded', refundedAt: deps.clock.now().toISOString() });
  });
  if (!fixed || !asked) return;
  const dm = asked.refusal === undefined ? callOffDms.refunded(groupBuy, fixed.order, asked.amountCents) : callOffDms.refundRefused(groupBuy, fixed.order);
  await tellOnce(deps, `groupbuy-called-off:${groupBuy.groupBuyId}`, buyerId, dm, inItsChannel(groupBuy, buyerId));
}

/**
 * In one transaction: the order closed (its promise ended, so no late notice comes) and its
 * refund of everything left written down under its key, before Stripe is asked. An order
 * closed by an earlier run gives back the refund that run wrote down. Undefined when the
 * pledge is no longer to refund.
 */
async function fixRefund(deps: GroupBuyCloseDeps, groupBuy: GroupBuy, buyerId: string): Promise<Fixed | undefined> {
  const at = deps.clock.now().toISOString();
  return deps.store.runTransaction(async (tx): Promise<Fixed | undefined> => {
    const pledge = await tx.get(pledgePath(groupBuy.groupBuyId, buyerId));
    if (!pledge || !refundedAtCallOff.includes(pledge.status) || !pledge.orderId) return undefined;
    const order = await tx.get(orderPath(pledge.orderId));
    if (!order) {
      log.error('group buy: a charged pledge names no order; nothing to refund', { groupBuyId: groupBuy.groupBuyId, orderId: pledge.orderId });
      return undefined;
    }
    const key = order.commission?.ended === 'cancelled' ? order.commission.cancelRefundKey : undefined;
    const written = key === undefined ? undefined : order.givenRefunds?.find((r) => r.idempotencyKey === key);
    if (written) return { order, refund: written };
    // Refunded, closed or shipped already (an admin's refund, a lost dispute): nothing of it is this call-off's to refund.
    if (!closedByCallOff(order) || !order.commission || (order.dispute && order.dispute.state !== 'won')) return { order };
    const amountCents = refundableCents({ ...order, refundedCents: await refundedOfOrder(tx, order) });
    const given = order.givenRefunds ?? [];
    const refund: GivenRefund | undefined =
      amountCents > 0
        ? {
            idempotencyKey: givenRefundKey(order.orderId, given.length + 1),
            amountCents,
            byInteraction: groupBuy.cancelled?.byInteraction ?? '',
            byUserId: groupBuy.builderId,
            reason: 'group buy called off',
            askedAt: at,
          }
        : undefined;
    return { order: applyOrderFact(tx, order, { kind: 'called-off', at, ...(refund ? { refund } : {}) }), ...(refund ? { refund } : {}) };
  });
}

/** None left to refund: the builder told once how many were, and the post edited. */
async function tellAllRefunded(deps: GroupBuyCloseDeps, groupBuy: GroupBuy): Promise<void> {
  const refunded = await deps.store.query(pledgesCollection(groupBuy.groupBuyId), { where: [['status', '==', 'refunded']] });
  await tellOnce(deps, `groupbuy-called-off-builder:${groupBuy.groupBuyId}`, groupBuy.builderId, callOffDms.allRefunded(groupBuy, refunded.length));
  await followGroupBuyPost(deps, groupBuy.groupBuyId);
}
