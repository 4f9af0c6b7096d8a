/**
 * @module decide-bid
 * One bid put to the book, from Discord or from Twitch chat alike. A bidder the book
 * refuses as new is looked up once in our records (they may have paid before the book
 * knew, or the book lost its trusted set); found, the book has learnt it and decides the
 * same bid again. The book's errors reach the caller, which tells the bidder its own way.
 */
import type { AuctionBook } from '../../ports';
import { acceptedOutcomes, type BidRequest, type BidResult, type BidTarget, type BidTiming } from '../rules/auction-book';
import { log } from '../../log';

export interface DecideBidDeps {
  book: AuctionBook;
  /** Whether our records show the bidder paid for an order; loaded lazily, so the hot path never touches Firestore. */
  trustedOnRecord?: (bidderId: string) => Promise<boolean>;
}

export async function decideBid(deps: DecideBidDeps, target: BidTarget, request: BidRequest): Promise<BidResult> {
  const timing: BidTiming = { gatheredMs: 0, scriptMs: 0 };
  const first = await deps.book.placeBid(target, request, timing);
  const result =
    first.outcome !== 'over-new-bidder-limit' || !(await paidBefore(deps, request.bidderId)) ? first : await deps.book.placeBid(target, request, timing);
  // One line a decision, ids only (terraform/metrics.tf counts them by outcome): the bidder's name stays out.
  // Its time is the book's answer; with the gathering's wait beside it, the book's own time reads apart from the window's.
  log.info('bid decided', {
    event: 'bid.decided',
    auctionId: result.snapshot?.auctionId ?? ('auctionId' in target ? target.auctionId : undefined),
    outcome: acceptedOutcomes.includes(result.outcome) ? 'accepted' : 'refused',
    reason: result.outcome,
    repeat: result.repeat,
    gatheredMs: tenths(timing.gatheredMs),
    scriptMs: tenths(timing.scriptMs),
  });
  return result;
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

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
