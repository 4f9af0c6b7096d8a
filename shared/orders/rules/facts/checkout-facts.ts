/**
 * @module checkout-facts
 * An order's checkout and payment: a session opened for it, a show checkout it joined, a DM
 * with its link refused, its payment, its lapse, its unit given back to the drop.
 */
import type { Order } from '../order';
import type { FailedRefund } from '../failed-refunds';
import { orderStatuses } from '../order';
import type { FactHandler } from './fact-handler';

/** What a paid order gains: the payment's marks, the address the session read, a refund that came first, a commission's place. */
export type PaidFields = Pick<Order, 'paidAt' | 'paidByEvent' | 'paymentIntentId' | 'chargeId'> & { status: 'paid' | 'refunded' } & Partial<
    Pick<
      Order,
      | 'checkoutSessionId'
      | 'shippingCents'
      | 'shippingAddress'
      | 'shippingMismatch'
      | 'failedRefunds'
      | 'chargeRefundedCents'
      | 'refundedAt'
      | 'refundedByEvent'
      | 'stockReturned'
      | 'commission'
    >
  >;

export interface CheckoutFacts {
  /** Stripe opened a Checkout Session for it (its own, a show's, a group buy's pay link). */
  'checkout-opened': { session: { sessionId: string; url: string; expiresAt: string } };
  /**
   * Its off-session charge needs its buyer, who confirms that very PaymentIntent on session (a
   * group buy's pledge) by `payBy`: the intent it waits on, and the deadline its expiry keeps.
   */
  'awaiting-buyer': { paymentIntentId: string; payBy: string };
  /** A show's lot joined its winner's checkout with the builder. */
  'joined-show-checkout': { showCheckoutId: string };
  /** Discord refused the DM with its link: its lapse earns no strike. */
  'offer-dm-refused': Record<never, never>;
  paid: { fields: PaidFields };
  /** Never paid: its checkout lapsed (or an auction offer passed on, `byEvent`). */
  expired: { at: string; byEvent?: string; stockReturned?: boolean };
  /** Its unit went back to its drop (a commission cancelled from its queue). */
  'stock-returned': Record<never, never>;
  /**
   * Paid after it expired (its place gone), and the payment given back in full: the intent and
   * charge named on it, so Stripe's `charge.refunded` of that charge finds this order, and the
   * shipping it was charged (its share of a checkout's), so its part of that charge is known.
   */
  'paid-late': { paymentIntentId: string; chargeId: string; shippingCents?: number };
  /**
   * The refund that gave a late payment back failed at the buyer's bank: the lot stays expired
   * (nothing was sold), and its part of the money is the buyer's again, owed outside the refund.
   */
  'given-back-failed': { failure: FailedRefund };
}

type Handlers = { [K in keyof CheckoutFacts]: FactHandler<{ kind: K } & CheckoutFacts[K]> };

export const checkoutHandlers: Handlers = {
  'checkout-opened': {
    from: ['awaiting-payment'],
    owns: ['checkoutSessionId', 'checkoutUrl', 'checkoutExpiresAt'],
    apply: (_, { session }) => ({ checkoutSessionId: session.sessionId, checkoutUrl: session.url, checkoutExpiresAt: session.expiresAt }),
  },
  'awaiting-buyer': {
    from: ['awaiting-payment'],
    owns: ['paymentIntentId', 'checkoutExpiresAt'],
    apply: (_, { paymentIntentId, payBy }) => ({ paymentIntentId, checkoutExpiresAt: payBy }),
  },
  'joined-show-checkout': {
    from: ['awaiting-payment'],
    owns: ['showCheckoutId'],
    refuses: (order, { showCheckoutId }) =>
      order.showCheckoutId && order.showCheckoutId !== showCheckoutId ? `it is in show checkout ${order.showCheckoutId} already` : undefined,
    apply: (_, { showCheckoutId }) => ({ showCheckoutId }),
  },
  // Any status: the DM was refused whatever the order became since (it is read outside a transaction).
  'offer-dm-refused': { owns: ['offerDmRefused'], apply: () => ({ offerDmRefused: true }) },
  paid: {
    from: ['awaiting-payment'],
    owns: [
      'status',
      'paidAt',
      'paidByEvent',
      'paymentIntentId',
      'chargeId',
      'checkoutSessionId',
      'shippingCents',
      'shippingAddress',
      'shippingMismatch',
      'failedRefunds',
      'chargeRefundedCents',
      'refundedAt',
      'refundedByEvent',
      'stockReturned',
      'commission',
    ],
    apply: (_, { fields }) => fields,
  },
  expired: {
    from: ['awaiting-payment'],
    owns: ['status', 'expiredAt', 'expiredByEvent', 'stockReturned'],
    apply: (_, { at, byEvent, stockReturned }) => ({
      status: 'expired',
      expiredAt: at,
      ...(byEvent !== undefined ? { expiredByEvent: byEvent } : {}),
      ...(stockReturned !== undefined ? { stockReturned } : {}),
    }),
  },
  // A shipped unit left the workshop: it never goes back on sale.
  'stock-returned': {
    from: orderStatuses.filter((s) => s !== 'shipped'),
    owns: ['stockReturned'],
    refuses: (order) => (order.stockReturned ? 'its unit went back already' : undefined),
    apply: () => ({ stockReturned: true }),
  },
  'paid-late': {
    from: ['expired'],
    owns: ['paymentIntentId', 'chargeId', 'shippingCents'],
    refuses: (order, { paymentIntentId }) =>
      order.paymentIntentId !== undefined && order.paymentIntentId !== paymentIntentId ? `it waits on payment ${order.paymentIntentId}` : undefined,
    apply: (_, { paymentIntentId, chargeId, shippingCents }) => ({ paymentIntentId, chargeId, ...(shippingCents !== undefined ? { shippingCents } : {}) }),
  },
  // Only a lot paid late had anything given back; each failure once, whatever redelivers it.
  'given-back-failed': {
    from: ['expired'],
    owns: ['failedRefunds'],
    refuses: (order, { failure }) => {
      if (order.chargeId === undefined) return 'it was never paid, so nothing was given back';
      return (order.failedRefunds ?? []).some((f) => f.refundId === failure.refundId) ? `refund ${failure.refundId} failed already` : undefined;
    },
    apply: (order, { failure }) => ({ failedRefunds: [...(order.failedRefunds ?? []), failure] }),
  },
};
