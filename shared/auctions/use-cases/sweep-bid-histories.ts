/**
 * @module sweep-bid-histories
 * The retention sweep's part for auctions: a finished auction's bid history and runner-ups
 * are deleted once `history-retention` lets them go (30 days after it closed, its order done
 * with and undisputed). Each auction in a transaction that reads it again, so a sweep run
 * twice, or beside a second chance, changes it once; one failing leaves the others done.
 */
import type { Clock, DocumentStore } from '../../ports';
import { orderPath, type Order } from '../../orders';
import { log } from '../../log';
import { auctionPath, auctionsCollection, historyChunkPath, type Auction } from '../rules/auction';
import { bidHistoryErasableAtMs, bidHistoryErasure, bidHistoryRetentionDays, type SoldOrderState } from '../rules/history-retention';

export interface BidHistorySweepDeps {
  store: DocumentStore;
  clock: Clock;
  days?: number;
}

export interface BidHistorySweepReport {
  /** Auctions whose bidders this run forgot. */
  erased: string[];
  failed: string[];
}

export async function sweepBidHistories(deps: BidHistorySweepDeps): Promise<BidHistorySweepReport> {
  const report: BidHistorySweepReport = { erased: [], failed: [] };
  // Only auctions still holding a history match (an erased one has 0): the query stays as small as what is kept.
  const holding = await deps.store.query(auctionsCollection, { where: [['historyChunks', '>', 0]] });
  for (const { id } of holding) {
    try {
      if (await eraseOne(deps, id)) report.erased.push(id);
    } catch (error) {
      log.error('retention sweep could not forget an auction’s bidders; the next sweep tries again', { auctionId: id, error });
      report.failed.push(id);
    }
  }
  if (report.erased.length > 0) log.info('bid histories erased', { auctions: report.erased });
  return report;
}

async function eraseOne(deps: BidHistorySweepDeps, auctionId: string): Promise<boolean> {
  return deps.store.runTransaction(async (tx) => {
    const auction = await tx.get(auctionPath(auctionId));
    if (!auction) return false;
    const order = auction.status === 'paid' && auction.paidOrderId ? await tx.get(orderPath(auction.paidOrderId)) : undefined;
    const at = bidHistoryErasableAtMs(auction, order && soldOrderState(order), deps.days ?? bidHistoryRetentionDays);
    const now = deps.clock.now();
    if (at === undefined || at > now.getTime()) return false;
    for (let chunk = 0; chunk < chunksOf(auction); chunk++) tx.delete(historyChunkPath(auctionId, chunk));
    tx.update(auctionPath(auctionId), bidHistoryErasure(now.toISOString()));
    return true;
  });
}

function soldOrderState(order: Order): SoldOrderState {
  return { receivedAt: order.receivedAt, refundedAt: order.refundedAt, disputeOpen: order.dispute?.state === 'open' };
}

/** A history of 10,000 bids is 10 chunks: well inside a transaction's 500 writes. */
function chunksOf(auction: Auction): number {
  return Math.min(auction.historyChunks ?? 0, 400);
}
