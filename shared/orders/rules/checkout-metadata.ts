/**
 * @module checkout-metadata
 * What Stripe keeps on an order's Checkout Session (and a pledge's charge): C500's own ids, and
 * people by keyed pseudonym only. Pure: the pseudonym is handed in (log's personPseudonym).
 */
import { checkoutKinds, checkoutSourceOf, sourceIdOf, type Order } from './order';

/**
 * What Stripe keeps on an order's Checkout Session: `order_id` is how the webhook finds the
 * order; the rest is what someone reading the payment in Stripe's dashboard needs (for what,
 * and what the later transfer holds back). People are named by keyed pseudonym only
 * (`pseudonymOf`, log's personPseudonym): Stripe keeps its metadata as long as the payment.
 */
export function checkoutMetadata(order: Order, pseudonymOf: (id: string) => string): Record<string, string> {
  return {
    kind: checkoutKinds[checkoutSourceOf(order)],
    order_id: order.orderId,
    ...checkoutSourceMetadata(order),
    buyer_pseudonym: pseudonymOf(order.buyerId),
    builder_pseudonym: pseudonymOf(order.builderId),
    guild_id: order.guildId,
    platform_fee_cents: String(order.platformFeeCents),
    ...(order.showId
      ? { show_id: order.showId, host_pseudonym: order.hostId ? pseudonymOf(order.hostId) : '', host_cut_cents: String(order.hostCutCents ?? 0) }
      : {}),
  };
}

function checkoutSourceMetadata(order: Order): Record<string, string> {
  return order.source === 'auction'
    ? { auction_id: sourceIdOf(order), offer_rank: String(order.offerRank ?? 0) }
    : order.source === 'groupbuy'
      ? { group_buy_id: sourceIdOf(order) }
      : { drop_id: sourceIdOf(order) };
}
