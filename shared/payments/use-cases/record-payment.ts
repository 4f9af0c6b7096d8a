/**
 * @module record-payment
 * `checkout.session.completed` (or `async_payment_succeeded`): the order is paid, once.
 * The charge id is kept for the transfer that releases the builder's share later. The
 * buyer gets a receipt and the builder the order id to prove live.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { auctionPath } from '../../auctions/rules/auction';
import { closedDmNotices } from '../rules/closed-dm-messages';
import { checkoutHoldPath, dropPath } from '../../marketplace/rules/drop';
import { orderPath, type Order } from '../rules/order';
import { builderNewOrder, buyerReceipt, buyerRefunded } from '../rules/order-messages';
import { refundWaitKey, saleRefundPath, waitingRefundsPath } from '../../races/rules/sale';
import { refreshDropPost } from '../../marketplace/use-cases/refresh-drop-post';
import { idOf, text, type StripeEvent } from '../rules/stripe-event';
import { log } from '../../log';
import { tellOnce } from '../../discord/use-cases/direct-messages';
import { giveUnitBack } from '../../marketplace/use-cases/drop-stock';

export interface RecordPaymentDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  clock: Clock;
}

export async function recordPayment(deps: RecordPaymentDeps, event: StripeEvent): Promise<void> {
  const session = event.data.object;
  // Our metadata only: whoever opens a Payment Link can set its `client_reference_id`.
  const orderId = text(session.metadata?.order_id);
  const paymentIntentId = idOf(session.payment_intent);
  // Delayed methods (bank debits) complete unpaid; their `async_payment_succeeded` comes later.
  if (!orderId || session.payment_status !== 'paid') return;
  if (!paymentIntentId) throw new Error(`paid session ${session.id} has no payment intent`);
  // A second event for a session already paid needs no Stripe call; the transaction decides.
  const before = await deps.store.get(orderPath(orderId));
  if (!before || (before.status !== 'awaiting-payment' && before.status !== 'expired' && before.paidByEvent !== event.id)) return;
  if (!paysFor(before, session)) {
    log.error('a paid session names an order it was not made for; not marking it paid', { orderId, sessionId: session.id, eventId: event.id });
    return;
  }
  const { chargeId } = before.chargeId ? { chargeId: before.chargeId } : await deps.payments.chargeOfPayment(paymentIntentId);

  const waitKey = refundWaitKey('stripe', '', paymentIntentId);
  const paid = await deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (!order) return undefined;
    // A redelivery after a crash finds its own mark and still sends the messages.
    if (order.paidByEvent === event.id) return order;
    if (order.status !== 'awaiting-payment') {
      if (order.status === 'expired') log.error('payment arrived for an expired order; refund or fulfil by hand', { orderId, eventId: event.id });
      return undefined;
    }
    // A refund Stripe delivered before this payment: applied now, in the same transaction.
    const waiting = await tx.get(waitingRefundsPath(waitKey));
    const refunds = Object.values(waiting?.refunds ?? {});
    const refundedCents = Math.min(order.amountCents, Math.max(0, ...refunds.map((r) => r.totalRefundedCents ?? r.amountCents ?? 0)));
    const fully = refunds.length > 0 && refundedCents >= order.amountCents;
    const drop = fully && order.source === 'drop' ? await tx.get(dropPath(order.dropId)) : undefined;
    const now = deps.clock.now().toISOString();
    const returnsStock = fully && order.dropKind === 'ready-to-ship' && drop !== undefined;
    const update = {
      status: fully ? 'refunded' : 'paid',
      paidAt: now,
      paymentIntentId,
      chargeId,
      checkoutSessionId: session.id,
      paidByEvent: event.id,
      ...(refunds.length > 0 ? { amountRefundedCents: refundedCents } : {}),
      ...(fully ? { refundedAt: now, refundedByEvent: refunds[refunds.length - 1]?.eventId, ...(returnsStock ? { stockReturned: true } : {}) } : {}),
    } satisfies Partial<Order>;
    tx.update(orderPath(orderId), update);
    if (returnsStock) giveUnitBack(tx, drop, order);
    if (waiting) {
      tx.delete(waitingRefundsPath(waitKey));
      for (const refund of refunds) tx.set(saleRefundPath('stripe', refund.refundId), { waiting: false, appliedToOrder: orderId }, { merge: true });
    }
    if (order.source === 'auction') tx.update(auctionPath(order.dropId), { status: 'paid', paidOrderId: orderId });
    else tx.delete(checkoutHoldPath(order.dropId, order.buyerId));
    return { ...order, ...update };
  });
  if (!paid) return;
  if (paid.status === 'refunded') {
    // Paid and refunded before we heard of the payment: the buyer hears of the refund, and the builder of nothing to build.
    if (paid.dropKind === 'ready-to-ship' && paid.source === 'drop') await refreshDropPost(deps, paid.dropId);
    await tellOnce(deps, `refunded:${paid.orderId}`, paid.buyerId, buyerRefunded(paid));
    return;
  }
  // Each side is told once, whatever else fails and brings this event back; closed DMs are
  // final, so each is told in the channel instead, and neither waits on the other.
  const channelId = await orderChannel(deps.store, paid);
  await tellOnce(deps, `receipt:${paid.orderId}`, paid.buyerId, buyerReceipt(paid), { channelId, notice: closedDmNotices.receipt(paid.buyerId, paid.orderId) });
  await tellOnce(deps, `new-order:${paid.orderId}`, paid.builderId, builderNewOrder(paid), {
    channelId,
    notice: closedDmNotices.newOrder(paid.builderId, paid.orderId),
  });
}

/** Where the order was made: the drop's post or the auction's channel. */
export async function orderChannel(store: DocumentStore, order: Order): Promise<string | undefined> {
  if (order.source === 'auction') return (await store.get(auctionPath(order.dropId)))?.channelId;
  return (await store.get(dropPath(order.dropId)))?.channelId;
}

/** The session must be the order's own, for the order's amount and currency. */
function paysFor(order: Order, session: StripeEvent['data']['object']): boolean {
  if (order.checkoutSessionId && order.checkoutSessionId !== session.id) return false;
  return session.amount_total === order.amountCents && text(session.currency)?.toLowerCase() === order.currency.toLowerCase();
}
