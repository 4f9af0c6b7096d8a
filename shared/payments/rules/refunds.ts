/**
 * @module refunds
 * Refunds as every shop reports them (Stripe's `charge.refunded`, Ko-fi's and Shopify's),
 * each recorded once, and those that arrive before the payment they refund: no shop
 * promises order, so a refund waits (`waitingRefunds/`) under a key its payment will also
 * know, and the payment applies it in the transaction that records it. A merch sale
 * (races) and an order's checkout (payments) are both such payments.
 */
import { docPath } from '../../ports';
import type { FailedRefund } from '../../orders';

export const shops = ['stripe', 'kofi', 'shopify'] as const;
export type Shop = (typeof shops)[number];

/**
 * A refund of an earlier sale. Shops say it two ways: Shopify and Ko-fi send each refund's
 * amount; Stripe's `charge.refunded` carries the total refunded so far.
 */
export interface RefundEvent {
  kind: 'refund';
  shop: Shop;
  guildId: string;
  /** The refunded sale's `saleId` (Stripe: resolved from the payment intent by the use case). */
  saleId: string;
  /** The refund's own id: a redelivered refund names the same one. */
  refundId: string;
  eventId: string;
  currency: string;
  refundedAt: string;
  /** This refund's amount. */
  amountCents?: number;
  /** Everything refunded on the sale so far, this refund included. */
  totalRefundedCents?: number;
}

/** Firestore ids cannot hold `/`; shop ids are digits, letters, `_` and `-`. */
export function saleKey(shop: Shop, saleId: string): string {
  return `${shop}-${saleId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * `saleRefunds/<shop>-<refund id>`: a refund's idempotency record. While its sale (or for
 * Stripe, the order's payment) has not arrived it is `waiting` under `waitKey`; once
 * applied it says what it did.
 */
export interface SaleRefundRecord {
  refundKey: string;
  shop: Shop;
  eventId: string;
  refundedAt: string;
  recordedAt: string;
  waiting: boolean;
  waitKey?: string;
  saleKey?: string;
  totalRefundedCents?: number;
  reversedCents?: number;
  currency?: string;
  /** A refund that came before its order's payment: the order it was applied to. */
  appliedToOrder?: string;
}

export const saleRefundPath = (shop: Shop, refundId: string) => docPath<SaleRefundRecord>(`saleRefunds/${saleKey(shop, refundId)}`);

/**
 * Refunds that arrived before their sale (no shop promises order, and a retried delivery can
 * land after a later one), kept until the sale comes and applied in the same transaction
 * that records it. Keyed by what the refund and the sale both know: the shop's sale id, or
 * for Stripe the payment intent (a charge's refund names no session).
 */
export interface WaitingRefunds {
  waitKey: string;
  /** By refund key: a redelivered refund replaces itself. */
  refunds?: Record<string, RefundEvent>;
  /**
   * Stripe refunds that failed before the order they refund was paid (`charge.refund.updated`,
   * `status: failed`, delivered ahead of the checkout's completion), by refund id: the payment
   * counts none of them and records them on its orders.
   */
  failedRefunds?: Record<string, FailedRefund>;
}

export const waitingRefundsPath = (waitKey: string) => docPath<WaitingRefunds>(`waitingRefunds/${waitKey}`);

/** What a sale and a refund that came first both know it by. */
export function refundWaitKey(shop: Shop, saleId: string, paymentIntentId?: string): string {
  return shop === 'stripe' && paymentIntentId ? saleKey('stripe', `pi-${paymentIntentId}`) : saleKey(shop, saleId);
}
