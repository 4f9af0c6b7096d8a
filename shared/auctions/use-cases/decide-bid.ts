/**
 * @module decide-bid
 * One bid put to the book, from Discord or from Twitch chat alike. A bidder the book
 * refuses as new is looked up once in our records (they may have paid before the book
 * knew, or the book lost its trusted set); found, the book has learnt it and decides the
 * same bid again. The book's errors reach the caller, which tells the bidder its own way.
 */
import type { AuctionBook } from '../../ports';
import type { BidRequest, BidResult, BidTarget } from '../rules/auction-book';
import { log } from '../../log';

export interface DecideBidDeps {
  book: AuctionBook;
  /** Whether our records show the bidder paid for an order; loaded lazily, so the hot path never touches Firestore. */
  trustedOnRecord?: (bidderId: string) => Promise<boolean>;
}

export async function decideBid(deps: DecideBidDeps, target: BidTarget, request: BidRequest): Promise<BidResult> {
  const result = await deps.book.placeBid(target, request);
  if (result.outcome !== 'over-new-bidder-limit' || !(await paidBefore(deps, request.bidderId))) return result;
  return deps.book.placeBid(target, request);
}

/** A record we cannot read leaves the book's word: the limit stands. */
async function paidBefore(deps: DecideBidDeps, bidderId: string): Promise<boolean> {
  if (!deps.trustedOnRecord) return false;
  try {
    return await deps.trustedOnRecord(bidderId);
  } catch (error) {
    log.warn('bidder’s trust not looked up; the new-bidder limit stands', { bidderId, error });
    return false;
  }
}
