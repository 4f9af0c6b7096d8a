/**
 * @module auction-offers
 * An auction is offered to one person at a time: the winner, then (if they do not pay)
 * each runner-up at their own last bid. An offer is an order like a drop's, paid through
 * a Checkout Session with separate charges and transfers: the money waits with the
 * platform until the builder shows the board on stream.
 */
import { closedDmNotices, openOrderCheckout } from '../../payments';
import { type Order, orderPath, newOrder, noteOrderFact } from '../../orders';
import type { Auction, AuctionOffer } from '../rules/auction';
import { checkoutLink, shortIdFrom } from '../../common';
import { noShippingNote, quoteCheckoutShipping, shippingAtCheckoutNote } from '../../shipping';
import { winnerOffer } from '../rules/auction-messages';
import { tellOnce } from '../../discord';
import type { AuctionPaymentDeps } from './auction-deps';

export function auctionOfferOrderId(auctionId: string, rank: number): string {
  return shortIdFrom(`auction-order:${auctionId}:${rank}`);
}

/** A show's lot also gives the host their cut (at the rate fixed when it went up), the winner's and any runner-up's alike. */
export function offerOrder(deps: Pick<AuctionPaymentDeps, 'marketplace' | 'clock'>, auction: Auction, offer: AuctionOffer): Order {
  const link = auction.show;
  return newOrder({
    orderId: offer.orderId,
    source: 'auction',
    sourceId: auction.auctionId,
    dropKind: 'auction',
    offerRank: offer.rank,
    guildId: auction.guildId,
    title: auction.item,
    buyerId: offer.bidderId,
    buyerName: offer.bidderName,
    builderId: auction.builderId,
    builderName: auction.builderName,
    amountCents: offer.priceCents,
    currency: auction.currency,
    platformFeeBps: deps.marketplace.platformFeeBps,
    createdAt: deps.clock.now().toISOString(),
    ...(link ? { show: { showId: link.showId, hostId: link.hostId, hostName: link.hostName, hostCutBps: link.hostCutBps } } : {}),
  });
}

/**
 * Opens the offer's checkout and DMs its link, once per offer however often the hammer
 * or the expiry that led here is delivered. A bidder whose DMs are closed is mentioned in
 * the auction's channel instead and finds the link in `/c500 profile`. The pay window is a task that expires the
 * session; Stripe's `checkout.session.expired` then passes the item on.
 */
export async function sendOffer(deps: AuctionPaymentDeps, auction: Auction, offer: AuctionOffer): Promise<void> {
  const order = await deps.store.get(orderPath(offer.orderId));
  if (order?.status !== 'awaiting-payment') return;
  // Promised from the hammer (or the pass); Stripe's window moves it if need be (checkout-window). Opened once, by its key.
  const wanted = new Date(Date.parse(order.createdAt) + deps.auctions.payMinutes * 60_000);
  // A win and a second chance alike: the builder's rates for one item, fixed on the offer's order with its first request.
  const shipping = await quoteCheckoutShipping(deps.store, {
    guildId: order.guildId,
    builderId: order.builderId,
    currency: order.currency,
    items: [order.amountCents],
  });
  const opened = await openOrderCheckout(deps, order, wanted, {
    itemName: `${auction.item} (auction ${auction.auctionId})`,
    ...(shipping ? { shipping } : {}),
  });
  if (opened.kind === 'ended') return;
  // A chatter is told in chat, with our pay page that asks them to sign in with Twitch first.
  if (deps.bidders.reaches(offer.bidderId)) return deps.bidders.tellOffer({ auction, offer, expiresAt: opened.session.expiresAt });
  const notice = closedDmNotices.auctionWon(offer.bidderId, auction.item, offer.rank > 0);
  const delivered = await tellOnce(
    deps,
    `auction-offer:${offer.orderId}`,
    offer.bidderId,
    winnerOffer(
      auction,
      offer.priceCents,
      checkoutLink(deps.publicBaseUrl, order.orderId, opened.session.sessionId),
      opened.session.expiresAt,
      offer.rank > 0,
      (order.shippingQuote ?? shipping) ? shippingAtCheckoutNote : noShippingNote,
    ),
    { channelId: auction.channelId, notice },
    { mustArrive: true },
  );
  if (delivered === 'dms-closed' && !order.offerDmRefused) await noteOrderFact(deps.store, order, { kind: 'offer-dm-refused' });
}
