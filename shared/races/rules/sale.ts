/**
 * @module sale
 * A merch sale (or a refund of one) as any shop reports it, after its ingress verified
 * it: Stripe (a paid Checkout Session from a guild's Payment Link), Ko-fi or Shopify.
 * Every shop's payload is read into these shapes, so crediting racers is one code path.
 */
import { collectionPath, docPath } from '../../ports';
import type { RacerPart } from './commission';
import { saleKey, shops, type RefundEvent, type Shop } from '../../payments';

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
  /** Stripe only: the payment's charge, the line the sale is on Stripe's balance (the journal's `merch-sale` names it). */
  chargeId?: string;
}

export type ShopEvent = SaleEvent | RefundEvent;

/** What a shop ingress publishes to the `shop-events` topic. */
export interface ShopEventMessage {
  event: ShopEvent;
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
  /** Cached from the journal in the refund's transaction, and equal to its fold (`refundedOfSale`): the next refund's step is read from it. */
  refundedCents: number;
  /** Likewise cached, equal to `reversedOfSale` over the sale's refunds. */
  reversedCents: number;
  paymentIntentId?: string;
  /** Stripe only: the payment's charge, where its money is on Stripe's balance. */
  chargeId?: string;
}

export const salesCollection = collectionPath<SaleRecord>('sales');
export const salePath = (shop: Shop, saleId: string) => docPath<SaleRecord>(`${salesCollection}/${saleKey(shop, saleId)}`);

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
