/**
 * @module lost-auction
 * An auction live in Firestore that the book no longer knows: Redis lost what it held (a
 * restart with nothing persisted) or never opened it. Its bids lived only in the book, so
 * no winner can be named and nothing can be charged: once its end and settle window are
 * past, it ends unsold, saying its bids were lost, in its channel and to its builder, who
 * may start it again. No one is offered it, no one is struck. Delivered twice (the hammer
 * and the sweep, or a retry), it ends once and says so once.
 */
import { auctionPath, finalCallMsOf, type Auction } from '../rules/auction';
import { builderAuctionUnsold, hammerPost, unsoldReasons } from '../rules/auction-messages';
import { hammerDueMs } from '../rules/auction-book';
import { runOnce } from '../../common';
import { tellOnce } from '../../discord';
import { TaskNotDueYet } from '../../errors';
import type { HammerDeps } from './auction-deps';

/** Answers the auction as it ended, or undefined when Firestore has it no more, or it had already ended some other way. */
export async function endLostAuction(deps: HammerDeps, auctionId: string): Promise<Auction | undefined> {
  const ended = await deps.store.runTransaction(async (tx) => {
    const auction = await tx.get(auctionPath(auctionId));
    // Ended by this before (a retry finishes the telling), or by a hammer that did find its book.
    if (!auction || (auction.status !== 'live' && auction.unsoldReason !== 'bids-lost')) return undefined;
    if (auction.status !== 'live') return auction;
    const dueMs = hammerDueMs({ endsAtMs: Date.parse(auction.endsAt), finalCallMs: finalCallMsOf(auction), settleMs: auction.settleMs });
    // Before its end the auction may still be opening in the book: the queue runs the hammer again then.
    if (deps.clock.now().getTime() < dueMs) throw new TaskNotDueYet(dueMs);
    const result: Partial<Auction> = { status: 'unsold', unsoldReason: 'bids-lost', closedAt: deps.clock.now().toISOString(), historyChunks: 0 };
    tx.update(auctionPath(auctionId), result);
    return { ...auction, ...result };
  });
  if (!ended) return undefined;
  const reason = unsoldReasons['bids-lost'];
  await runOnce(
    deps.store,
    `auction-result:${auctionId}`,
    async () => void (await deps.discord.postToChannel(ended.channelId, hammerPost(ended, { kind: 'unsold', reason }))),
    {
      clock: deps.clock,
    },
  );
  await tellOnce(deps, `auction-unsold:${auctionId}`, ended.builderId, builderAuctionUnsold(ended, reason));
  // A show's lot: the show goes on to its next lot.
  if (ended.show) await deps.lots.hammered(ended);
  return ended;
}
