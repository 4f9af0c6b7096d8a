/**
 * @module find-checkout-order
 * What the checkout success page shows: the order behind a Stripe Checkout Session, or the
 * merch sale a guild's Payment Link made (its buyers are sent to the same page). Anyone
 * holding the success link can open it, so the answer carries only what a buyer would show
 * a friend: never buyer ids, Stripe ids, the builder's share or the racers' credits.
 */
import type { DocumentStore } from '../../ports';
import { ordersCollection, type Order, type OrderStatus } from '../rules/order';
import { formatMoney } from '../../common/rules/money';
import { salePath, type SaleRecord } from '../../races/rules/sale';

/** The public view of an order, as the success page renders it. */
export interface CheckoutOrderView {
  kind: 'order';
  orderId: string;
  title: string;
  status: OrderStatus;
  /** One sentence for people about where the order stands. */
  statusSentence: string;
  amountLabel: string;
  builderName: string;
  dropKind: Order['dropKind'];
  proofUrl?: string;
  tracking?: string;
}

/** The public view of a merch purchase through a guild's Stripe Payment Link. */
export interface CheckoutMerchView {
  kind: 'merch';
  title: string;
  status: 'paid' | 'refunded';
  statusSentence: string;
  amountLabel: string;
}

export type FindCheckoutOrderResult =
  { ok: true; order: CheckoutOrderView | CheckoutMerchView } | { ok: false; reason: 'malformed' | 'not-found'; message: string };

const statusSentences: Record<OrderStatus, string> = {
  'awaiting-payment': "We're waiting for Stripe to confirm your payment.",
  paid: 'Paid. The builder will show it on stream when they start.',
  building: 'Building. The builder showed it live on stream; the proof of work is linked below.',
  shipped: 'Shipped. It is on its way to you.',
  expired: 'This checkout expired before it was paid, so no charge was made and the item went back to the drop.',
  refunded: 'Refunded. The money is on its way back to you.',
};

/** What an auction order's statuses mean where they differ from a drop's. */
const auctionSentences: Partial<Record<OrderStatus, string>> = {
  'awaiting-payment': "We're waiting for Stripe to confirm your payment for your auction win.",
  expired: 'This checkout expired before it was paid, so no charge was made. The item was offered to the next bidder, and an unpaid win counts as a strike.',
};

export function statusSentence(status: OrderStatus, source: Order['source'] = 'drop'): string {
  return (source === 'auction' ? auctionSentences[status] : undefined) ?? statusSentences[status];
}

/**
 * Stripe's ids are `cs_test_…` or `cs_live_…` with letters and digits, and the local checkout
 * simulator's must look the same. Anything else never reaches the store.
 */
export function isCheckoutSessionIdShaped(id: string): boolean {
  return /^cs_[A-Za-z0-9_]{8,250}$/.test(id);
}

/**
 * @example
 * await findCheckoutOrder({ store }, 'cs_test_a1b2c3d4')
 * // { ok: true, order: { orderId: 'k3v9m2qa', status: 'paid', amountLabel: '$120.00', ... } }
 */
export async function findCheckoutOrder(deps: { store: DocumentStore }, sessionId: string | undefined): Promise<FindCheckoutOrderResult> {
  const id = sessionId?.trim() ?? '';
  if (!isCheckoutSessionIdShaped(id)) {
    return { ok: false, reason: 'malformed', message: 'session_id must be the Stripe Checkout Session id from the success link, starting with cs_.' };
  }
  const [found] = await deps.store.query(ordersCollection, { where: [['checkoutSessionId', '==', id]], limit: 1 });
  if (!found) {
    const merch = await deps.store.get(salePath('stripe', id));
    if (merch) return { ok: true, order: merchView(merch) };
    return {
      ok: false,
      reason: 'not-found',
      message: 'We could not find an order for this checkout. Check the link, or type /c500 profile in Discord to see your orders.',
    };
  }
  return { ok: true, order: publicView(found.data) };
}

function publicView(order: Order): CheckoutOrderView {
  return {
    kind: 'order',
    orderId: order.orderId,
    title: order.title,
    status: order.status,
    statusSentence: statusSentence(order.status, order.source),
    amountLabel: formatMoney({ cents: order.amountCents, currency: order.currency }),
    builderName: order.builderName,
    dropKind: order.dropKind,
    ...(order.proofUrl ? { proofUrl: order.proofUrl } : {}),
    ...(order.tracking ? { tracking: order.tracking } : {}),
  };
}

function merchView(sale: SaleRecord): CheckoutMerchView {
  const money = (cents: number) => formatMoney({ cents, currency: sale.currency });
  const refunded = sale.refundedCents >= sale.amountCents;
  const paid = 'Paid. Stripe emails your receipt. If a race was on when you paid, a share of this sale went into its pot for the racers.';
  return {
    kind: 'merch',
    // The session event names no item; the page says what it was bought through.
    title: 'Merch from the race shop',
    status: refunded ? 'refunded' : 'paid',
    statusSentence: refunded
      ? 'Refunded. The money is on its way back to you.'
      : sale.refundedCents > 0
        ? `${paid} ${money(sale.refundedCents)} of it was refunded and is on its way back to you.`
        : paid,
    amountLabel: money(sale.amountCents),
  };
}
