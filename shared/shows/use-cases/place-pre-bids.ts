/**
 * @module place-pre-bids
 * A lot has opened, to its pre-bids first (the book refuses live bids as too early until they
 * are in): they go into the book as proxy bids, in the order they were set,
 * each a millisecond after the opening (so the book, which breaks a tie of equal maxes by
 * when they were made, gives it to the earlier pre-bid). The book applies the server's trust
 * rules and blocks as they stand now. Each placement has a fixed bid id, so a retry after a
 * crash places the rest and repeats nothing. A pre-bidder outbid, now or later, is DMed.
 */
import { decideBid, followUpBid, preBidResponseToken, trustedOnRecord, type Auction, type AuctionSnapshot } from '../../auctions';
import { sendDmIfOpen } from '../../discord';
import { log } from '../../log';
import { lotPreBidsPath, placementOrder, preBidRequest } from '../rules/pre-bid';
import { preBidPlacedNotice } from '../rules/pre-bid-messages';
import type { ShowPaymentDeps } from './show-deps';

/** Whether the lot has pre-bids still to place: it opens to them before any live bid (`openAuction`'s `preBidsFirst`). */
export async function hasPreBidsToPlace(deps: Pick<ShowPaymentDeps, 'store'>, auction: Auction): Promise<boolean> {
  const link = auction.show;
  if (!link) return false;
  const held = await deps.store.get(lotPreBidsPath(link.showId, link.lotId));
  return held !== undefined && held.bids.length > 0 && held.auctionId !== auction.auctionId;
}

export async function placePreBids(deps: ShowPaymentDeps, auction: Auction): Promise<void> {
  const link = auction.show;
  if (!link) return;
  const held = await deps.store.get(lotPreBidsPath(link.showId, link.lotId));
  if (!held || held.bids.length === 0 || held.auctionId === auction.auctionId) return;
  let snapshot: AuctionSnapshot | undefined = await deps.book.read(auction.auctionId);
  const opensAtMs = Date.parse(auction.startedAt);
  for (const [rank, pre] of placementOrder(held.bids).entries()) {
    if (!snapshot) return;
    const request = preBidRequest(
      pre,
      rank,
      { auctionId: auction.auctionId, guildId: auction.guildId, opensAtMs, nextMinimumCents: snapshot.nextMinimumCents, nowMs: deps.clock.now().getTime() },
      preBidResponseToken,
    );
    const result = await decideBid({ book: deps.book, trustedOnRecord: (id) => trustedOnRecord(deps, id) }, { auctionId: auction.auctionId }, request);
    snapshot = result.snapshot ?? snapshot;
    const notice = result.repeat || !result.snapshot ? undefined : preBidPlacedNotice(result.outcome, result.snapshot, pre.maxCents);
    await Promise.all([
      notice ? sendDmIfOpen(deps.discord, pre.bidderId, notice) : undefined,
      followUpBid(deps, result).catch((error: unknown) => log.warn('pre-bid follow-ups not done', { auctionId: auction.auctionId, error })),
    ]);
  }
  // All in: the lot takes live bids from now on (before this, the book refused them as too early).
  await deps.book.preBidsIn(auction.auctionId);
  await deps.store.update(lotPreBidsPath(link.showId, link.lotId), { placedAt: deps.clock.now().toISOString(), auctionId: auction.auctionId });
}
