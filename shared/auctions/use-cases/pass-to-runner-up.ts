/**
 * @module pass-to-runner-up
 * An auction offer's checkout expired unpaid. A winner who did not pay gets a strike (enough
 * of them ban bidding) unless Discord refused the offer's DM; a runner-up's offer is only an
 * offer, and letting it lapse costs nothing. The item goes to the next runner-up at the price
 * the proxy rule sets without those above them (`second-chance`), never their hidden max, up
 * to the configured depth; after the last, the auction ends unsold. One transaction decides
 * it, so an expiry delivered twice strikes once and offers once.
 */
import type { Standing } from '../rules/auction-book';
import { offerPriceOf } from '../rules/second-chance';
import { auctionPath, bidderPath, type Auction, type AuctionOffer, type BidderRecord } from '../rules/auction';
import { builderAuctionUnsold, hammerPost, strikeNotice, unsoldReasons } from '../rules/auction-messages';
import { orderPath, sourceIdOf, applyOrderFact, createOrder } from '../../orders';
import { auctionOfferOrderId, offerOrder, sendOffer } from './auction-offers';
import { tellOnce } from '../../discord';
import { runOnce } from '../../common';
import type { AuctionPaymentDeps } from './auction-deps';

interface Passed {
  auction: Auction;
  nonPayer: BidderRecord;
  /** SADD is idempotent: a redelivery bans again in case the book was down the first time. */
  banInBook: boolean;
  /** Whether this lapse struck the non-payer: a winner told of their win, never a runner-up nor one whose offer DM was refused. */
  struck: boolean;
  next?: AuctionOffer;
}

/**
 * Answers whether this call passed the item on (false: paid, not an auction offer, or done before).
 * `missed`: what the strike is for, the order unless several lots went unpaid in one show checkout, which is one strike.
 */
export async function passToRunnerUp(deps: AuctionPaymentDeps, orderId: string, eventId: string, missed = orderId): Promise<boolean> {
  const passed = await deps.store.runTransaction<Passed | undefined>(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (order?.source !== 'auction') return undefined;
    const auction = await tx.get(auctionPath(sourceIdOf(order)));
    const record = await tx.get(bidderPath(order.buyerId));
    if (!auction) return undefined;
    const nonPayer: BidderRecord = record ?? { bidderId: order.buyerId, strikes: 0, strikeOrders: [], banned: false };
    // Someone we could not reach by DM may never have seen the offer, and a runner-up's offer
    // is theirs to decline: a strike only for a winner who was told and did not pay.
    const strikable = order.offerDmRefused !== true && (order.offerRank ?? 0) === 0;
    // A redelivery after a crash finds its own mark and finishes the messages.
    if (order.expiredByEvent === eventId)
      return {
        auction,
        nonPayer,
        banInBook: nonPayer.banned,
        struck: strikable,
        ...(auction.offer && auction.offer.rank > (order.offerRank ?? 0) ? { next: auction.offer } : {}),
      };
    if (order.status !== 'awaiting-payment' || auction.status !== 'awaiting-payment') return undefined;

    const rank = order.offerRank ?? 0;
    const runnerUps = auction.runnerUps ?? [];
    const candidates = runnerUps.slice(rank).map((standing, i) => ({ standing, rank: rank + 1 + i }));
    const records = await Promise.all(candidates.map((c) => tx.get(bidderPath(c.standing.bidderId))));
    const nextUp = candidates.find((c, i) => !records[i]?.banned && c.standing.bidderId !== order.buyerId);

    const now = deps.clock.now().toISOString();
    const again = nonPayer.strikeOrders.includes(missed);
    const strikes = again ? nonPayer.strikes : nonPayer.strikes + 1;
    const banned = nonPayer.banned || strikes >= deps.auctions.strikesToBan;
    const struck: BidderRecord = strikable
      ? {
          ...nonPayer,
          strikes,
          strikeOrders: [...new Set([...nonPayer.strikeOrders, missed])],
          banned,
          ...(banned && !nonPayer.banned ? { bannedAt: now } : {}),
          ...(again ? {} : { lastStrikeAt: now }),
        }
      : nonPayer;
    if (strikable) tx.set(bidderPath(order.buyerId), struck);
    applyOrderFact(tx, order, { kind: 'expired', at: now, byEvent: eventId });

    if (!nextUp) {
      const unsold: Partial<Auction> = { status: 'unsold', unsoldReason: 'no-one-paid' };
      tx.update(auctionPath(auction.auctionId), unsold);
      return { auction: { ...auction, ...unsold }, nonPayer: struck, banInBook: struck.banned, struck: strikable };
    }
    const next = offerTo(nextUp.standing, nextUp.rank, auction.auctionId, offerPriceOf(runnerUps, nextUp.rank - 1, auction, auction.ladder));
    createOrder(tx, offerOrder(deps, auction, next));
    tx.update(auctionPath(auction.auctionId), { offer: next });
    return { auction: { ...auction, offer: next }, nonPayer: struck, banInBook: struck.banned, struck: strikable, next };
  });
  if (!passed) return false;

  const { auction, nonPayer, next } = passed;
  if (passed.banInBook) await deps.book.ban(nonPayer.bidderId);
  if (passed.struck) {
    const notice = strikeNotice(auction, nonPayer.strikes, deps.auctions.strikesToBan, nonPayer.banned);
    await tellOnce(deps, `auction-strike:${missed}`, nonPayer.bidderId, notice);
  }
  if (next) {
    await sendOffer(deps, auction, next);
  } else if (auction.status === 'unsold') {
    const reason = unsoldReasons['no-one-paid'];
    await runOnce(
      deps.store,
      `auction-unsold:${auction.auctionId}`,
      async () => void (await deps.discord.postToChannel(auction.channelId, hammerPost(auction, { kind: 'unsold', reason }))),
      { clock: deps.clock },
    );
    await tellOnce(deps, `auction-unsold:${auction.auctionId}`, auction.builderId, builderAuctionUnsold(auction, reason));
  }
  return true;
}

function offerTo(standing: Standing, rank: number, auctionId: string, priceCents: number): AuctionOffer {
  return { rank, bidderId: standing.bidderId, bidderName: standing.bidderName, priceCents, orderId: auctionOfferOrderId(auctionId, rank) };
}
