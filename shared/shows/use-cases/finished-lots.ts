/**
 * @module finished-lots
 * A show board's memo of its finished lots: a finished lot changes only when it is paid or
 * passed on, so an overlay polled every second reads each from the store once every few
 * seconds instead of once a poll.
 */
import type { DocumentStore } from '../../ports';
import { auctionPath, type Auction } from '../../auctions';

/**
 * Finished lots' auctions, remembered by this instance for a few seconds. Bounded: an
 * instance serves a few shows at a time, each of at most a few dozen lots.
 */
export class FinishedLots {
  private readonly kept = new Map<string, { auction: Auction | undefined; atMs: number }>();

  constructor(
    private readonly keepMs = 15_000,
    private readonly most = 1_000,
  ) {}

  async read(store: DocumentStore, auctionId: string, nowMs: number): Promise<Auction | undefined> {
    const kept = this.kept.get(auctionId);
    if (kept && nowMs - kept.atMs < this.keepMs && nowMs >= kept.atMs) return kept.auction;
    const auction = await store.get(auctionPath(auctionId));
    this.kept.delete(auctionId);
    // The oldest entry makes room: a Map iterates in insertion order.
    if (this.kept.size >= this.most) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(auctionId, { auction, atMs: nowMs });
    return auction;
  }
}

/** A memo for one instance (an overlay function keeps one for its lifetime). */
export function finishedLotsMemo(keepMs?: number, most?: number): FinishedLots {
  return new FinishedLots(keepMs, most);
}
