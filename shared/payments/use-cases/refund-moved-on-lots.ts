/**
 * @module refund-moved-on-lots
 * A show checkout paid for several lots, some no longer waiting for payment when Stripe's
 * `checkout.session.completed` came (their time ran out and they passed to the next bidder): the
 * lots still waiting were paid with the charge (apply-payment), and these are given back without
 * a person, each by a partial refund of exactly its part (its price and its share of the
 * shipping) under a key from the session and that lot, so a redelivery or a concurrent delivery
 * refunds each lot once, whatever other lots it finds moved on (give-payment-back). The lots paid
 * keep their whole part of the charge: nothing of their fee, release or host's cut moves, and
 * Stripe's `charge.refunded` of these refunds is counted as these lots' (record-refund). The buyer
 * is told once, of the lots refunded; only a refund Stripe refuses pages a person.
 */
import { chargedCents, type Order } from '../../orders';
import { buyerLotsMovedOnRefunded } from '../rules/order-messages';
import { movedOnRefundKey } from '../rules/moved-on-lots';
import { givePaymentBack, tellGivenBack, type LatePayment } from './give-payment-back';
import type { PaymentDeps } from './payment-deps';

export interface MovedOnPayment extends LatePayment {
  /** The session that paid (the key's and the buyer's message's), and the event that brought it. */
  sessionId: string;
  eventId: string;
}

/** `lots`: each lot that moved on, expired, with its share of the shipping; `keptCount`: the lots the payment kept. */
export async function refundMovedOnLots(
  deps: PaymentDeps,
  lots: readonly Order[],
  payment: MovedOnPayment,
  keptCount: number,
  stripePaidAt: string,
): Promise<void> {
  const { sessionId, eventId, paymentIntentId, chargeId } = payment;
  const given: Order[] = [];
  for (const lot of lots) {
    const held = { ...lot, chargeId, platformFeeCents: 0 };
    const how = { idempotencyKey: movedOnRefundKey(sessionId, lot.orderId), reason: 'paid-orders-not-waiting' as const, pageIds: { eventId, sessionId } };
    if (await givePaymentBack(deps, [held], { paymentIntentId, chargeId }, stripePaidAt, how)) given.push(held);
  }
  const [first] = given;
  if (!first) return;
  const refundCents = given.reduce((sum, lot) => sum + chargedCents(lot), 0);
  await tellGivenBack(deps, first, { fact: `paid-orders-not-waiting:${sessionId}`, message: buyerLotsMovedOnRefunded(given, refundCents, keptCount) });
}
