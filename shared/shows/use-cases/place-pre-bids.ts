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
import { lotPreBidsPath, placementOrder, preBidRequest, type LotPreBids } from '../rules/pre-bid';
import { preBidPlacedNotice } from '../rules/pre-bid-messages';
import type { ShowPaymentDeps } from './show-deps';

/**
 * The lot's pre-bids still to place, read once per opening: the lot opens to them before any
 * live bid (`openAuction`'s `preBidsFirst`), then `placePreBids` places them. None: undefined.
 */
export async function preBidsToPlace(deps: Pick<ShowPaymentDeps, 'store'>, auction: Auction): Promise<LotPreBids | undefined> {
  const link = auction.show;
  if (!link) return undefined;
  const held = await deps.store.get(lotPreBidsPath(link.showId, link.lotId));
  return held !== undefined && held.bids.length > 0 && held.auctionId !== auction.auctionId ? held : undefined;
}

export async function placePreBids(deps: ShowPaymentDeps, auction: Auction, held: LotPreBids | undefined): Promise<void> {
  const link = auction.show;
  if (!link || !held) return;
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
