/**
 * @module show-checkout
 * A show winner pays once per builder: every lot they win from one builder during a show is
 * collected in one show checkout (`showCheckouts/<id>`), opened as one Stripe Checkout
 * Session with a line item per lot when the show is over or when they press Pay now. Once
 * opened its lots are fixed; a lot won after that from the same builder starts the next
 * checkout (`round` counts them), and so does one that would take a charge past what a
 * card payment may be.
 */
import { collectionPath, docPath, type CheckoutLineItem, type CheckoutShipping } from '../../ports';
import { shortIdFrom, maxAmountCents } from '../../common';
import { sourceIdOf, type Order } from '../../orders';

/**
 * `collecting` while lots are added; `open` from the moment its lots are fixed (the
 * session follows); then `paid` or `expired`. `empty` when nothing in it was left to pay.
 */
export type ShowCheckoutStatus = 'collecting' | 'open' | 'paid' | 'expired' | 'empty';

/** A lot in the checkout, as its order was made at the hammer. */
export interface ShowCheckoutLot {
  orderId: string;
  auctionId: string;
  title: string;
  amountCents: number;
  platformFeeCents: number;
  hostCutCents: number;
}

export interface ShowCheckout {
  checkoutId: string;
  showId: string;
  guildId: string;
  /** The show's channel: where someone whose DMs are closed is mentioned. */
  channelId: string;
  showTitle: string;
  hostId: string;
  buyerId: string;
  buyerName: string;
  builderId: string;
  builderName: string;
  currency: string;
  /** 0 for the buyer's first checkout with this builder in this show, then 1, 2… */
  round: number;
  lots: ShowCheckoutLot[];
  status: ShowCheckoutStatus;
  createdAt: string;
  /** Fixed with its lots when it opens: what the session charges. */
  amountCents?: number;
  openedAt?: string;
  /** The show's end DMs the link; Pay now answers with it, and sends no DM. */
  openedBy?: 'show-end' | 'pay-now';
  checkoutSessionId?: string;
  checkoutUrl?: string;
  checkoutExpiresAt?: string;
  /** The trace its checkout was opened in, fixed with the deadline (see Order's). */
  checkoutTraceparent?: string;
  paymentIntentId?: string;
  chargeId?: string;
  paidAt?: string;
  paidByEvent?: string;
  expiredAt?: string;
  expiredByEvent?: string;
  /** The shipping its session asked for, fixed before Stripe was first asked (issue 32: shipping). */
  shippingQuote?: CheckoutShipping;
}

/** The `kind` a show checkout's session carries: its metadata names the show checkout, never an order. */
export const showCheckoutKind = 'show-checkout';

export const showCheckoutsCollection = collectionPath<ShowCheckout>('showCheckouts');
export const showCheckoutPath = (checkoutId: string) => docPath<ShowCheckout>(`${showCheckoutsCollection}/${checkoutId}`);

/** Derived from who and what, so a redelivered hammer finds the same checkout. */
export function showCheckoutId(showId: string, buyerId: string, builderId: string, round: number): string {
  return shortIdFrom(`show-checkout:${showId}:${buyerId}:${builderId}:${round}`);
}

export function isShowCheckoutIdShaped(id: string): boolean {
  return /^[0-9a-z]{8}$/.test(id);
}

/** What the checkout's lots add up to. */
export function lotsTotal(lots: readonly Pick<ShowCheckoutLot, 'amountCents'>[]): number {
  return lots.reduce((sum, lot) => sum + lot.amountCents, 0);
}

/** A lot goes into this checkout while it is still collecting and the charge stays one a card can pay. */
export function takesLot(checkout: ShowCheckout, amountCents: number): boolean {
  return checkout.status === 'collecting' && lotsTotal(checkout.lots) + amountCents <= maxAmountCents;
}

export function lotOf(order: Order): ShowCheckoutLot {
  return {
    orderId: order.orderId,
    auctionId: sourceIdOf(order),
    title: order.title,
    amountCents: order.amountCents,
    platformFeeCents: order.platformFeeCents,
    hostCutCents: order.hostCutCents ?? 0,
  };
}

/** One line per lot, as the buyer reads it on Stripe's page. */
export function showCheckoutLineItems(checkout: Pick<ShowCheckout, 'lots'>): CheckoutLineItem[] {
  return checkout.lots.map((lot) => ({ name: `${lot.title} (auction ${lot.auctionId})`, amountCents: lot.amountCents }));
}

/**
 * What Stripe keeps on a show checkout's session: `show_checkout_id` is how the webhook
 * finds it; no `order_id`, so nothing takes it for a single order or a merch sale. The
 * rest is for someone reading the payment in Stripe's dashboard (Stripe allows 500
 * characters a value: 20 lots of 8-character ids fit); people by keyed pseudonym only.
 */
export function showCheckoutMetadata(checkout: ShowCheckout, pseudonymOf: (id: string) => string): Record<string, string> {
  return {
    kind: showCheckoutKind,
    show_checkout_id: checkout.checkoutId,
    show_id: checkout.showId,
    order_ids: checkout.lots.map((l) => l.orderId).join(','),
    buyer_pseudonym: pseudonymOf(checkout.buyerId),
    builder_pseudonym: pseudonymOf(checkout.builderId),
    host_pseudonym: pseudonymOf(checkout.hostId),
    ...showCheckoutSums(checkout),
  };
}

function showCheckoutSums(checkout: ShowCheckout): Record<string, string> {
  return {
    guild_id: checkout.guildId,
    platform_fee_cents: String(checkout.lots.reduce((sum, l) => sum + l.platformFeeCents, 0)),
    host_cut_cents: String(checkout.lots.reduce((sum, l) => sum + l.hostCutCents, 0)),
  };
}
