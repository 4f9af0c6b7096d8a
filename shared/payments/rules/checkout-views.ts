/**
 * @module checkout-views
 * What the checkout success page shows of a payment: an order's public view, or a merch
 * purchase through a guild's Payment Link. Anyone holding the success link can open it, so
 * a view carries only what a buyer would show a friend: never buyer ids, Stripe ids, the
 * builder's share or the racers' credits.
 */
import type { Order, OrderStatus } from '../../orders';

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
  /** What the proof's link is, in words: "Clip of the proof", "VOD at 01:02:03", "Channel only". */
  proofLabel?: string;
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

/** Each follows the page's pill, which already names the status: a sentence starting "Paid." read "Paid Paid.". */
const statusSentences: Record<OrderStatus, string> = {
  'awaiting-payment': "We're waiting for Stripe to confirm your payment.",
  paid: 'The builder will show it on stream when they start.',
  building: 'The builder showed it live on stream; the proof of work is linked below.',
  shipped: 'It is on its way to you.',
  expired: 'This checkout expired before it was paid, so no charge was made and the item went back to the drop.',
  refunded: 'The money is on its way back to you.',
  closed: 'It will not be shipped, and what you paid for it, beyond any steps already built, is back with you.',
};

/** What an auction order's statuses mean where they differ from a drop's. */
const auctionSentences: Partial<Record<OrderStatus, string>> = {
  'awaiting-payment': "We're waiting for Stripe to confirm your payment for your auction win.",
  expired: 'This checkout expired before it was paid, so no charge was made. The item was offered to the next bidder, and an unpaid win counts as a strike.',
};

export function statusSentence(status: OrderStatus, source?: Order['source']): string {
  return (source === 'auction' ? auctionSentences[status] : undefined) ?? statusSentences[status];
}
