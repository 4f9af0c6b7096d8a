/**
 * @module record-show-payment
 * `checkout.session.completed` (or `async_payment_succeeded`) for a show checkout: every
 * lot in it is paid in one transaction, with the one payment and its charge (each lot's
 * builder and host are paid from that charge at release), and each lot's auction is paid.
 * The buyer gets one receipt listing the lots and the builder one DM with the orders to
 * prove. A refund Stripe delivered before this payment is spread over the lots in the same
 * transaction, as for a single order.
 */
import { auctionPath } from '../../auctions/rules/auction';
import { orderPath, type Order } from '../../payments/rules/order';
import { idOf, text, type StripeEvent } from '../../payments/rules/stripe-event';
import { refundWaitKey, saleRefundPath, waitingRefundsPath } from '../../races/rules/sale';
import { lotsTotal, showCheckoutPath, type ShowCheckout } from '../rules/show-checkout';
import { builderShowOrders, showPaymentNotices, showReceipt } from '../rules/show-checkout-messages';
import { spreadOverOrders } from '../../payments/rules/split-money';
import { buyerRefunded } from '../../payments/rules/order-messages';
import { log } from '../../log';
import { tellOnce } from '../../discord/use-cases/direct-messages';
import type { RecordPaymentDeps } from '../../payments/use-cases/record-payment';

interface Paid {
  checkout: ShowCheckout;
  orders: Order[];
}

export async function recordShowPayment(deps: RecordPaymentDeps, event: StripeEvent): Promise<void> {
  const session = event.data.object;
  const checkoutId = text(session.metadata?.show_checkout_id);
  const paymentIntentId = idOf(session.payment_intent);
  // Delayed methods (bank debits) complete unpaid; their `async_payment_succeeded` comes later.
  if (!checkoutId || session.payment_status !== 'paid') return;
  if (!paymentIntentId) throw new Error(`paid session ${session.id} has no payment intent`);
  const before = await deps.store.get(showCheckoutPath(checkoutId));
  if (!before || (before.status !== 'open' && before.paidByEvent !== event.id)) {
    if (before?.status === 'expired') log.error('payment arrived for an expired show checkout; refund or fulfil by hand', { checkoutId, eventId: event.id });
    return;
  }
  if (!paysFor(before, session)) {
    log.error('a paid session names a show checkout it was not made for; not marking it paid', { checkoutId, sessionId: session.id, eventId: event.id });
    return;
  }
  const { chargeId } = before.chargeId ? { chargeId: before.chargeId } : await deps.payments.chargeOfPayment(paymentIntentId);

  const waitKey = refundWaitKey('stripe', '', paymentIntentId);
  const paid = await deps.store.runTransaction(async (tx): Promise<Paid | undefined> => {
    const checkout = await tx.get(showCheckoutPath(checkoutId));
    if (!checkout) return undefined;
    const orders = (await Promise.all(checkout.lots.map((lot) => tx.get(orderPath(lot.orderId))))).filter((o): o is Order => o !== undefined);
    // A redelivery after a crash finds its own mark and still sends the messages.
    if (checkout.paidByEvent === event.id) return { checkout, orders: orders.filter((o) => o.paidByEvent === event.id) };
    if (checkout.status !== 'open') return undefined;
    const payable = orders.filter((o) => o.status === 'awaiting-payment');
    if (payable.length < orders.length || orders.length < checkout.lots.length)
      log.error('a show checkout was paid for lots no longer waiting for payment; refund them by hand', {
        checkoutId,
        eventId: event.id,
        lots: checkout.lots.map((l) => l.orderId).filter((id) => !payable.some((o) => o.orderId === id)),
      });
    // A refund Stripe delivered before this payment: spread over the lots now, as later refunds will be.
    const waiting = await tx.get(waitingRefundsPath(waitKey));
    const refunds = Object.values(waiting?.refunds ?? {});
    const chargeRefunded = Math.max(0, ...refunds.map((r) => r.totalRefundedCents ?? r.amountCents ?? 0));
    const auctions = await Promise.all(payable.map((o) => tx.get(auctionPath(o.dropId))));
    const now = deps.clock.now().toISOString();
    const spread = refunds.length > 0 ? spreadOverOrders(chargeRefunded, payable) : payable.map((order) => ({ order, refundedCents: 0 }));
    const updated: Order[] = [];
    for (const { order, refundedCents } of spread) {
      const fully = refunds.length > 0 && refundedCents >= order.amountCents;
      const update = {
        status: fully ? 'refunded' : 'paid',
        paidAt: now,
        paymentIntentId,
        chargeId,
        checkoutSessionId: session.id,
        paidByEvent: event.id,
        ...(refunds.length > 0 ? { amountRefundedCents: refundedCents, chargeRefundedCents: chargeRefunded } : {}),
        ...(fully ? { refundedAt: now, refundedByEvent: refunds[refunds.length - 1]?.eventId } : {}),
      } satisfies Partial<Order>;
      tx.update(orderPath(order.orderId), update);
      updated.push({ ...order, ...update });
    }
    payable.forEach((order, i) => {
      if (auctions[i]) tx.update(auctionPath(order.dropId), { status: 'paid', paidOrderId: order.orderId });
    });
    if (waiting) {
      tx.delete(waitingRefundsPath(waitKey));
      for (const refund of refunds) tx.set(saleRefundPath('stripe', refund.refundId), { waiting: false, appliedToOrder: payable[0]?.orderId }, { merge: true });
    }
    tx.update(showCheckoutPath(checkoutId), { status: 'paid', paidAt: now, paidByEvent: event.id, paymentIntentId, chargeId, checkoutSessionId: session.id });
    return { checkout, orders: updated };
  });
  if (!paid || paid.orders.length === 0) return;
  await tellBothSides(deps, paid);
}

/**
 * One receipt and one DM to the builder, each once whatever brings this event back; each
 * side is told in the show's channel when their DMs are closed.
 */
async function tellBothSides(deps: RecordPaymentDeps, { checkout, orders }: Paid): Promise<void> {
  const kept = orders.filter((o) => o.status === 'paid');
  // Refunded before we heard of the payment: the buyer hears of the refund, and the builder of nothing to build.
  for (const refunded of orders.filter((o) => o.status === 'refunded'))
    await tellOnce(deps, `refunded:${refunded.orderId}`, refunded.buyerId, buyerRefunded(refunded));
  if (kept.length === 0) return;
  const ids = kept.map((o) => o.orderId);
  const { channelId } = checkout;
  await tellOnce(deps, `show-receipt:${checkout.checkoutId}`, checkout.buyerId, showReceipt(checkout, kept), {
    channelId,
    notice: showPaymentNotices.receipt(checkout.buyerId, ids),
  });
  await tellOnce(deps, `show-orders:${checkout.checkoutId}`, checkout.builderId, builderShowOrders(checkout, kept), {
    channelId,
    notice: showPaymentNotices.newOrders(checkout.builderId, ids),
  });
}

/** The session must be the checkout's own, for the sum of its lots in its currency. */
function paysFor(checkout: ShowCheckout, session: StripeEvent['data']['object']): boolean {
  if (checkout.checkoutSessionId && checkout.checkoutSessionId !== session.id) return false;
  const total = checkout.amountCents ?? lotsTotal(checkout.lots);
  return session.amount_total === total && text(session.currency)?.toLowerCase() === checkout.currency.toLowerCase();
}
