/**
 * @module moved-on-lots
 * A show checkout paid for several lots, some of which were no longer waiting for payment when
 * Stripe's `checkout.session.completed` came (expired, passed to a second-chance buyer): the lots
 * still waiting are paid, the others given back. The shipping chosen at checkout is spread over
 * every lot of it by price, as if none had moved on, so a kept lot's share does not grow because
 * another went; each lot given back is refunded its price and its share, and what is kept and
 * what is refunded add up to what was paid, to the cent.
 *
 * @example
 * splitPaidLots([{ orderId: 'a', amountCents: 25_000, waiting: true }, { orderId: 'b', amountCents: 12_345, waiting: false }], 0)
 * // { kept: [{ orderId: 'a', shippingCents: 0 }], movedOn: [{ orderId: 'b', shippingCents: 0, refundCents: 12_345 }], refundCents: 12_345 }
 */
import { spreadShipping } from '../../orders';

/** A lot of the checkout, as paid for: its price, and whether it still waited for this payment. */
export interface PaidLot {
  orderId: string;
  amountCents: number;
  waiting: boolean;
}

export interface PaidSplit {
  /** The lots paid, each with its share of the shipping. */
  kept: Array<{ orderId: string; shippingCents: number }>;
  /** The lots given back, each with its share of the shipping and what goes back for it (its price and that share). */
  movedOn: Array<{ orderId: string; shippingCents: number; refundCents: number }>;
  /** What goes back in all: the moved-on lots' parts together (each lot its own partial refund). */
  refundCents: number;
}

/** `shippingCents`: what the buyer chose on top of the lots' prices; `step`: the currency's smallest amount Stripe takes. */
export function splitPaidLots(lots: readonly PaidLot[], shippingCents: number, step = 1): PaidSplit {
  const parts = spreadShipping(
    shippingCents,
    lots.map((lot) => lot.amountCents),
    step,
  );
  const shares = lots.map((lot, i) => ({ lot, shippingCents: parts[i] ?? 0 }));
  const movedOn = shares
    .filter(({ lot }) => !lot.waiting)
    .map(({ lot, shippingCents: share }) => ({ orderId: lot.orderId, shippingCents: share, refundCents: lot.amountCents + share }));
  return {
    kept: shares.filter(({ lot }) => lot.waiting).map(({ lot, shippingCents: share }) => ({ orderId: lot.orderId, shippingCents: share })),
    movedOn,
    refundCents: movedOn.reduce((sum, lot) => sum + lot.refundCents, 0),
  };
}

/**
 * The key Stripe dedupes a lot's refund by: the session and that lot, so a redelivery or a
 * concurrent delivery of the payment asks for the lot's one refund, whichever other lots a
 * delivery finds moved on with it. An order id is at most 40 characters and a session's about 70:
 * well within Stripe's 255.
 */
export function movedOnRefundKey(sessionId: string, orderId: string): string {
  return `paid-orders-not-waiting:${sessionId}:${orderId}`;
}
