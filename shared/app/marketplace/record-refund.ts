/**
 * @module record-refund
 * `charge.refunded`: a fully refunded order becomes `refunded` and, for a ready-to-ship
 * item that never left the workshop, its unit goes back on sale. Partial refunds are
 * recorded on the order and change nothing else.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { dropPath } from '../../domain/marketplace/drop';
import { orderPath, ordersCollection } from '../../domain/marketplace/order';
import { buyerRefunded } from '../../domain/marketplace/order-messages';
import { idOf, type StripeEvent } from '../../domain/common/stripe-event';
import { refreshDropPost } from './refresh-drop-post';
import { sendDmIfOpen } from '../discord/direct-messages';
import { reverseBuilderShare } from './reverse-builder-share';
import { giveUnitBack } from './drop-stock';

/** Answers whether the charge paid one of our orders (false: a merch sale, an order not yet paid, or not ours). */
export async function recordRefund(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock; payments: Payments },
  event: StripeEvent,
): Promise<boolean> {
  const charge = event.data.object;
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return false;
  const [found] = await deps.store.query(ordersCollection, { where: [['paymentIntentId', '==', paymentIntentId]], limit: 1 });
  if (!found) return false;
  const amountRefundedCents = typeof charge.amount_refunded === 'number' ? charge.amount_refunded : 0;
  const fully = charge.refunded === true;

  const refunded = await deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(found.id));
    if (!order) return undefined;
    if (order.refundedByEvent === event.id) return order;
    if (!fully || order.status === 'refunded') {
      // Each event carries the charge's total so far; an older one delivered late never lowers it.
      if (amountRefundedCents > (order.amountRefundedCents ?? 0)) tx.update(orderPath(order.orderId), { amountRefundedCents });
      return undefined;
    }
    const drop = await tx.get(dropPath(order.dropId));
    const returnsStock = order.dropKind === 'ready-to-ship' && order.status !== 'shipped' && !order.stockReturned && drop !== undefined;
    tx.update(orderPath(order.orderId), {
      status: 'refunded',
      refundedAt: deps.clock.now().toISOString(),
      amountRefundedCents,
      refundedByEvent: event.id,
      ...(returnsStock ? { stockReturned: true } : {}),
    });
    if (returnsStock) giveUnitBack(tx, drop, order);
    return order;
  });
  // The platform refunded from its own balance: the builder's part of it comes back, if it was released.
  await reverseBuilderShare(deps, found.id, amountRefundedCents);
  if (!refunded) return true;
  if (refunded.dropKind === 'ready-to-ship') await refreshDropPost(deps, refunded.dropId);
  await sendDmIfOpen(deps.discord, refunded.buyerId, buyerRefunded(refunded));
  return true;
}
