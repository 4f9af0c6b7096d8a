/**
 * @module refund-moved-on-lots
 * A show checkout paid for several lots, some no longer waiting for payment when Stripe's
 * `checkout.session.completed` came (their time ran out and they passed to the next bidder): the
 * lots still waiting were paid with the charge (apply-payment), and these are given back without
 * a person, by one partial refund of exactly their parts (each lot's price and its share of the
 * shipping), under a key from the session and the lots, so a redelivery or a concurrent delivery
 * refunds once (give-payment-back). The lots paid keep their whole part of the charge: nothing of
 * their fee, release or host's cut moves, and Stripe's `charge.refunded` of this refund is counted
 * as these lots' (record-refund). Only a refund Stripe refuses pages a person.
 */
import { chargedCents, type Order } from '../../orders';
import { buyerLotsMovedOnRefunded } from '../rules/order-messages';
import { movedOnRefundKey } from '../rules/moved-on-lots';
import { givePaymentBack, type LatePayment } from './give-payment-back';
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
  if (lots.length === 0) return;
  const held = lots.map((lot) => ({ ...lot, chargeId: payment.chargeId, platformFeeCents: 0 }));
  const refundCents = held.reduce((sum, lot) => sum + chargedCents(lot), 0);
  const { sessionId, eventId, paymentIntentId, chargeId } = payment;
  await givePaymentBack(deps, held, { paymentIntentId, chargeId }, stripePaidAt, {
    idempotencyKey: movedOnRefundKey(
      sessionId,
      lots.map((lot) => lot.orderId),
    ),
    reason: 'paid-orders-not-waiting',
    pageIds: { eventId, sessionId },
    tell: { fact: `paid-orders-not-waiting:${sessionId}`, message: buyerLotsMovedOnRefunded(lots, refundCents, keptCount) },
  });
}
