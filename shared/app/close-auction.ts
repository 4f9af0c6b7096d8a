/**
 * @module close-auction
 * The hammer drop, run by the task scheduled for the auction's end. The book freezes the
 * auction (a task for an end a counter-bid has since moved is stale and does nothing);
 * the result, the offers to come and the full bid history reach Firestore in one atomic
 * write; then the result is posted and the winner gets a checkout by DM. Delivered twice,
 * it finds its own result and adds nothing: one result, one checkout, one DM.
 */
import type { BidRecord, HammerResult } from '../domain/auction-book';
import { auctionPath, historyChunkPath, historyChunkSize, type Auction, type AuctionOffer, type UnsoldReason } from '../domain/auction';
import { auctionEmbed, hammerPost, unsoldReasons, builderAuctionUnsold, type AuctionEmbedFacts } from '../domain/auction-messages';
import { orderPath } from '../domain/order';
import { auctionOfferOrderId, offerOrder, sendOffer } from './auction-offers';
import { runOnce } from './run-once';
import { TaskNotDueYet } from '../errors';
import { scheduleHammer, type AuctionPaymentDeps, type HammerTask } from './auction-deps';
import { sendDmIfOpen } from './direct-messages';

export type CloseOutcome = 'closed' | 'stale' | 'gone';

export async function closeAuction(deps: AuctionPaymentDeps, task: HammerTask): Promise<CloseOutcome> {
  const hammer = await deps.book.hammer(task.auctionId, task.version, deps.clock.now().getTime());
  // Ran before the end and its settle window (clocks differ between machines): the queue runs it again.
  if (hammer.kind === 'early') throw new TaskNotDueYet(hammer.dueAtMs);
  if (hammer.kind === 'stale') {
    // A counter-bid moved the end; its bid scheduled the newer hammer. Should that have been
    // lost with a crash, this makes sure it exists (the same name: one task either way).
    const live = await deps.book.read(task.auctionId);
    if (live?.status === 'live') await scheduleHammer(deps.tasks, { auctionId: task.auctionId, version: live.version }, live);
    return 'stale';
  }
  if (hammer.kind !== 'closed') return 'gone';
  const auction = await recordResult(deps, hammer);
  if (!auction) return 'gone';
  await announceResult(deps, auction, hammer);
  if (auction.status === 'awaiting-payment' && auction.offer?.rank === 0) await sendOffer(deps, auction, auction.offer);
  return 'closed';
}

type Closed = Extract<HammerResult, { kind: 'closed' }>;

async function recordResult(deps: AuctionPaymentDeps, hammer: Closed): Promise<Auction | undefined> {
  const s = hammer.snapshot;
  return deps.store.runTransaction(async (tx) => {
    const auction = await tx.get<Auction>(auctionPath(s.auctionId));
    if (!auction || auction.status !== 'live') return auction;
    const sold = s.leaderId !== undefined && s.reserveMet;
    const unsoldReason: UnsoldReason | undefined = sold ? undefined : s.bidCount === 0 ? 'no-bids' : 'reserve-not-met';
    // Only bids that met the reserve can be offered the item; the winner is not their own runner-up.
    const runnerUps = hammer.standings.filter((st) => st.bidderId !== s.leaderId && st.topCents >= s.reserveCents).slice(0, deps.auctions.secondChanceDepth);
    const chunks = chunksOf(hammer.bids);
    chunks.forEach((bids, chunk) => tx.set(historyChunkPath(s.auctionId, chunk), { auctionId: s.auctionId, chunk, bids }));
    const closedAt = deps.clock.now().toISOString();
    let offer: AuctionOffer | undefined;
    if (sold) {
      offer = { rank: 0, bidderId: s.leaderId as string, bidderName: s.leaderName ?? s.leaderId as string, priceCents: s.priceCents, orderId: auctionOfferOrderId(s.auctionId, 0) };
      tx.create(orderPath(offer.orderId), offerOrder(deps, auction, offer));
    }
    const result: Partial<Auction> = {
      status: sold ? 'awaiting-payment' : 'unsold',
      closedAt,
      finalEndsAt: new Date(s.endsAtMs).toISOString(),
      bidCount: s.bidCount,
      priceCents: s.priceCents,
      runnerUps,
      historyChunks: chunks.length,
      ...(offer ? { offer, winner: { bidderId: offer.bidderId, bidderName: offer.bidderName, priceCents: offer.priceCents } } : {}),
      ...(unsoldReason ? { unsoldReason } : {}),
    };
    tx.update(auctionPath(s.auctionId), result);
    return { ...auction, ...result };
  });
}

function chunksOf(bids: BidRecord[]): BidRecord[][] {
  const chunks: BidRecord[][] = [];
  for (let i = 0; i < bids.length; i += historyChunkSize) chunks.push(bids.slice(i, i + historyChunkSize));
  return chunks;
}

export function resultOf(auction: Auction): NonNullable<AuctionEmbedFacts['result']> | undefined {
  if (auction.status === 'cancelled') return { kind: 'cancelled' };
  if (auction.winner && (auction.status === 'awaiting-payment' || auction.status === 'paid')) return { kind: 'sold', winnerId: auction.winner.bidderId, priceCents: auction.winner.priceCents };
  if (auction.status === 'unsold') return { kind: 'unsold', reason: unsoldReasons[auction.unsoldReason ?? 'no-bids'] };
  return undefined;
}

async function announceResult(deps: AuctionPaymentDeps, auction: Auction, hammer: Closed): Promise<void> {
  const result = resultOf(auction);
  if (!result) return;
  // An edit is idempotent; the post and the builder's DM are made once.
  if (auction.messageId) await deps.discord.editChannelMessage(auction.channelId, auction.messageId, auctionEmbed(hammer.snapshot, { builderId: auction.builderId, result }));
  await runOnce(
    deps.store,
    `auction-result:${auction.auctionId}`,
    async () => {
      await deps.discord.postToChannel(auction.channelId, hammerPost(auction, result));
      if (result.kind === 'unsold') await sendDmIfOpen(deps.discord, auction.builderId, builderAuctionUnsold(auction, result.reason));
    },
    { clock: deps.clock },
  );
}
