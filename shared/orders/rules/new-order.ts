/**
 * @module new-order
 * The one way an order is made: what a seller knows (the buyer, the builder, the price and
 * the rates, and for a show's lot its host) in, a whole order awaiting its payment out. The
 * price is split here, so every seller splits it the same way: fee + host cut + builder
 * share = price, to the cent.
 */
import type { Order } from './order';
import type { OrderCommission } from './order-commission';
import { hostCutThatFits, splitLot } from './split-money';

/** What a seller knows when it sells: the order's id is derived from what sold it (a press, an offer). */
export interface Sale {
  orderId: string;
  source: Order['source'];
  /** The drop it was bought from, or the auction. */
  sourceId: string;
  dropKind: Order['dropKind'];
  /** For an auction: 0 for the winner, then the runner-up it was offered to. */
  offerRank?: number;
  guildId: string;
  title: string;
  buyerId: string;
  buyerName: string;
  builderId: string;
  builderName: string;
  amountCents: number;
  currency: string;
  /** The deployment's fee, taken from the price. */
  platformFeeBps: number;
  /** A show's lot: its host, and the cut's rate fixed when the lot went up (held to what fits beside the fee). */
  show?: { showId: string; hostId: string; hostName: string; hostCutBps: number };
  createdAt: string;
  /** The hold shown until the session is made. */
  checkoutExpiresAt?: string;
  /** The trace that hold was fixed in (see Order's `checkoutTraceparent`). */
  checkoutTraceparent?: string;
  /** The stock shard its unit was taken from. */
  stockShard?: number;
  /** A queue's terms as sold: its place and promised date are fixed when it is paid. */
  commission?: OrderCommission;
}

/** A new order, awaiting its payment. */
export function newOrder(sale: Sale): Order {
  const { show } = sale;
  const { platformFeeCents, hostCutCents, builderShareCents } = splitLot(sale.amountCents, {
    platformFeeBps: sale.platformFeeBps,
    hostCutBps: hostCutThatFits(sale.platformFeeBps, show?.hostCutBps ?? 0),
    currency: sale.currency,
  });
  return {
    orderId: sale.orderId,
    source: sale.source,
    sourceId: sale.sourceId,
    dropKind: sale.dropKind,
    ...(sale.offerRank !== undefined ? { offerRank: sale.offerRank } : {}),
    guildId: sale.guildId,
    title: sale.title,
    buyerId: sale.buyerId,
    buyerName: sale.buyerName,
    builderId: sale.builderId,
    builderName: sale.builderName,
    amountCents: sale.amountCents,
    currency: sale.currency,
    platformFeeCents,
    builderShareCents,
    status: 'awaiting-payment',
    createdAt: sale.createdAt,
    payouts: { builder: {} },
    // Sold from now on: its last payout waits for the parcel's delivery (or Received, or an admin).
    lastPayoutAt: 'delivery',
    ...(sale.checkoutExpiresAt !== undefined ? { checkoutExpiresAt: sale.checkoutExpiresAt } : {}),
    ...(sale.checkoutTraceparent !== undefined ? { checkoutTraceparent: sale.checkoutTraceparent } : {}),
    ...(sale.stockShard !== undefined ? { stockShard: sale.stockShard } : {}),
    ...(sale.commission ? { commission: sale.commission } : {}),
    ...(show ? { showId: show.showId, hostId: show.hostId, hostName: show.hostName, hostCutCents } : {}),
  };
}
