/**
 * @module refund-late-payment
 * A payment that came for orders that had expired meanwhile: a group buy's pledge that lapsed
 * while its buyer confirmed its PaymentIntent, or a Checkout Session Stripe completed as paid
 * although its expiry had raced it (a Buy Now, an auction offer, a show winner's lots). The
 * place is gone, so the money goes back, in full, without a person (give-payment-back), under a
 * key from the intent. The orders stay `expired`. Stripe's `charge.refunded` that follows finds
 * them expired and counts nothing again (record-refund). The buyer is told once, in plain words.
 */
import { chargedCents, spreadShipping, type Order } from '../../orders';
import { amountStep } from '../../common';
import { buyerPaidLateRefunded } from '../rules/order-messages';
import { givePaymentBack, type LatePayment } from './give-payment-back';
import type { PaymentDeps } from './payment-deps';

export type { LatePayment } from './give-payment-back';

/** The key Stripe dedupes the refund by: one refund per intent, whoever asks again. */
export const lateRefundKey = (paymentIntentId: string): string => `paid-after-expiry:${paymentIntentId}`;

/**
 * `orders`: every order the payment was for, each expired (one, or a show checkout's lots);
 * `paidCents`: what Stripe took for them (their prices, and shipping chosen on top).
 */
export async function refundLatePayment(
  deps: PaymentDeps,
  orders: readonly Order[],
  paidCents: number,
  payment: LatePayment,
  stripePaidAt: string,
): Promise<void> {
  if (orders.length === 0) return;
  await givePaymentBack(deps, heldParts(orders, paidCents, payment.chargeId), payment, stripePaidAt, {
    idempotencyKey: lateRefundKey(payment.paymentIntentId),
    reason: 'paid-after-expiry',
    tell: { fact: `paid-after-expiry:${payment.paymentIntentId}`, message: buyerPaidLateRefunded(orders, paidCents) },
  });
}

/**
 * Each order as the money held for its buyer: its price and what shipping it had, the rest of
 * the charge (shipping chosen at checkout) spread over them by price, to the cent; no fee.
 */
function heldParts(orders: readonly Order[], paidCents: number, chargeId: string): Order[] {
  const extra = paidCents - orders.reduce((sum, o) => sum + chargedCents(o), 0);
  if (extra < 0) throw new Error(`a late payment of ${paidCents} is less than its orders' ${paidCents - extra}: ${orders.map((o) => o.orderId).join(', ')}`);
  const parts = spreadShipping(
    extra,
    orders.map((o) => o.amountCents),
    amountStep(orders[0]?.currency ?? 'usd'),
  );
  return orders.map((order, i) => {
    const part = parts[i] ?? 0;
    return { ...order, chargeId, platformFeeCents: 0, ...(part > 0 ? { shippingCents: (order.shippingCents ?? 0) + part } : {}) };
  });
}
