/**
 * @module history-retention
 * How long a finished auction keeps who bid: its bid history (`auctions/<id>/history`,
 * every bid with its bidder's name, chat bids with the chatter's Twitch login) and its
 * runner-ups. They serve the hammer's second chances and a dispute's evidence ("the buyer
 * bid, and bid again"), so they are kept while either may still need them: 30 days after the
 * auction closed, and past that for as long as the sold item's order is open (not yet
 * received or refunded) or disputed. The result itself (the winner and price) stays with
 * the order it made, which the ledger needs.
 */
import type { Auction } from './auction';

/** Days after an auction closed (or was cancelled) that its bid history and runner-ups are kept, at least. */
export const bidHistoryRetentionDays = 30;

const dayMs = 86_400_000;

/** What the sweep needs of the order a paid auction made: whether it is done with and undisputed. */
export interface SoldOrderState {
  receivedAt?: string | undefined;
  refundedAt?: string | undefined;
  disputeOpen: boolean;
}

/**
 * When the auction's bidders may be forgotten; undefined while it is live or awaiting payment,
 * while its order is open or disputed, or once there is nothing left to forget.
 */
export function bidHistoryErasableAtMs(
  auction: Pick<Auction, 'status' | 'closedAt' | 'cancelledAt' | 'historyChunks' | 'runnerUps'>,
  soldOrder: SoldOrderState | undefined,
  days: number = bidHistoryRetentionDays,
): number | undefined {
  if (auction.status === 'live' || auction.status === 'awaiting-payment') return undefined;
  if (!auction.historyChunks && !auction.runnerUps?.length) return undefined;
  const closedMs = Date.parse(auction.closedAt ?? auction.cancelledAt ?? '');
  if (!Number.isFinite(closedMs)) return undefined;
  if (auction.status === 'paid' && soldOrder && (soldOrder.disputeOpen || !(soldOrder.receivedAt ?? soldOrder.refundedAt))) return undefined;
  return closedMs + days * dayMs;
}

/** The auction's fields after its bidders are forgotten: the history's chunks are deleted beside it. */
export function bidHistoryErasure(nowIso: string): Pick<Auction, 'historyChunks' | 'historyErasedAt' | 'runnerUps'> {
  return { historyChunks: 0, runnerUps: [], historyErasedAt: nowIso };
}
