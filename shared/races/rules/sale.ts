/**
 * @module sale
 * A merch sale (or a refund of one) as any shop reports it, after its ingress verified
 * it: Stripe (a paid Checkout Session from a guild's Payment Link), Ko-fi or Shopify.
 * Every shop's payload is read into these shapes, so crediting racers is one code path.
 */
import { collectionPath, docPath } from '../../ports';
import type { RacerPart } from './commission';

export const shops = ['stripe', 'kofi', 'shopify'] as const;
export type Shop = (typeof shops)[number];

/** A paid sale. `saleId` is the shop's own id for the sale: a redelivery names the same one. */
export interface SaleEvent {
  kind: 'sale';
  shop: Shop;
  guildId: string;
  /** Stripe Checkout Session id, Ko-fi `kofi_transaction_id`, Shopify order id. */
  saleId: string;
  /** The delivery's own id (Stripe event, Ko-fi `message_id`, `X-Shopify-Webhook-Id`), for logs. */
  eventId: string;
  amountCents: number;
  /** Lower-case ISO code, as Stripe writes it. */
  currency: string;
  /** When the buyer paid: the window open at this moment gets the commission. */
  paidAt: string;
  /** What a racer or admin reads about the sale: "Ko-fi shop order", "Shopify #1001". */
  description: string;
  /** Ko-fi's `type` (`Shop Order`, `Donation`, …): which types count is a guild setting. */
  kofiType?: string;
  /** Stripe only: the payment a later `charge.refunded` names. */
  paymentIntentId?: string;
}

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

export type ShopEvent = SaleEvent | RefundEvent;

/** What a shop ingress publishes to the `shop-events` topic. */
export interface ShopEventMessage {
  event: ShopEvent;
}

/** Firestore ids cannot hold `/`; shop ids are digits, letters, `_` and `-`. */
export function saleKey(shop: Shop, saleId: string): string {
  return `${shop}-${saleId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export type SaleAttribution = 'race' | 'house' | 'currency-mismatch' | 'not-merch';

/** `sales/<shop>-<sale id>`: the sale's idempotency record and what it paid to whom. */
export interface SaleRecord {
  saleKey: string;
  shop: Shop;
  saleId: string;
  guildId: string;
  amountCents: number;
  currency: string;
  paidAt: string;
  description: string;
  eventId: string;
  recordedAt: string;
  attributedTo: SaleAttribution;
  lobbyId?: string;
  commissionBps?: number;
  poolCents: number;
  /** In grid order, zero parts included: a refund takes back from the same racers. */
  credits: RacerPart[];
  refundedCents: number;
  reversedCents: number;
  paymentIntentId?: string;
}

export const salesCollection = collectionPath<SaleRecord>('sales');
export const salePath = (shop: Shop, saleId: string) => docPath<SaleRecord>(`${salesCollection}/${saleKey(shop, saleId)}`);

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
  refunds: Record<string, RefundEvent>;
}

export const waitingRefundsPath = (waitKey: string) => docPath<WaitingRefunds>(`waitingRefunds/${waitKey}`);

/** What a sale and a refund that came first both know it by. */
export function refundWaitKey(shop: Shop, saleId: string, paymentIntentId?: string): string {
  return shop === 'stripe' && paymentIntentId ? saleKey('stripe', `pi-${paymentIntentId}`) : saleKey(shop, saleId);
}

/**
 * How long after a sale (its paid or refund time, which the shop signed) a delivery of
 * it is still taken. Ko-fi and Shopify sign the body, not the moment of sending, so a
 * captured request could be replayed later; Shopify retries a failed delivery for hours.
 * Within the window, the durable dedupe by sale id makes a replay harmless.
 */
export const shopReplayWindowMs = 24 * 60 * 60 * 1000;
/** Clocks differ: a timestamp a little in the future is not a forgery. */
export const shopClockSkewMs = 5 * 60 * 1000;

/** Whether a signed timestamp is recent enough to act on. */
export function isFresh(signedAt: string, nowMs: number): boolean {
  const at = Date.parse(signedAt);
  return Number.isFinite(at) && at >= nowMs - shopReplayWindowMs && at <= nowMs + shopClockSkewMs;
}

/** A three-letter currency code, lower-cased as Stripe writes it. */
export function currencyOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z]{3}$/.test(value) ? value.toLowerCase() : undefined;
}

/** RFC 3339 only, not whatever `Date.parse` would guess at. */
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** A shop's timestamp (Ko-fi sends seven fractional digits, Shopify an offset) as an ISO instant in UTC. */
export function instantOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !rfc3339.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? new Date(at).toISOString() : undefined;
}

/** What the `sales` subscriber takes: the shape the ingresses publish, checked. */
export function parseShopEventMessage(payload: unknown): ShopEvent | undefined {
  const event = (payload as Partial<ShopEventMessage> | null)?.event as Partial<ShopEvent> | undefined;
  if (
    !event ||
    !shops.includes(event.shop as Shop) ||
    typeof event.guildId !== 'string' ||
    typeof event.saleId !== 'string' ||
    typeof event.eventId !== 'string'
  )
    return undefined;
  if (typeof event.currency !== 'string' || !/^[a-z]{3}$/.test(event.currency)) return undefined;
  if (event.kind === 'sale') {
    return Number.isSafeInteger(event.amountCents) && (event.amountCents as number) > 0 && typeof event.paidAt === 'string' ? (event as SaleEvent) : undefined;
  }
  if (event.kind === 'refund') {
    const amount = event.amountCents ?? event.totalRefundedCents;
    return typeof event.refundId === 'string' && Number.isSafeInteger(amount) && (amount as number) >= 0 && typeof event.refundedAt === 'string'
      ? (event as RefundEvent)
      : undefined;
  }
  return undefined;
}
