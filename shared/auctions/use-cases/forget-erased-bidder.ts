/**
 * @module forget-erased-bidder
 * A person who erased themselves is forgotten by the auction book, in every auction it still
 * holds, live or ended (an ended one is kept a week after its hammer): their bids, max, name
 * and answer token, and every field that named them. Run after `withdrawErasedBidder`, whose
 * card edits read the live books first; money stays where the hammer put it (the result is
 * Firestore's). Trust goes; a ban or a server's block stays, as a hash that still refuses
 * them (fraud prevention, a legitimate interest the erasure does not end). Safe to run again.
 */
import type { AuctionBook } from '../../ports';

/** Answers how many auctions held any of the ids (a Discord id, `twitch:<id>`). */
export async function forgetErasedBidder(deps: { book: AuctionBook }, bidderIds: readonly string[]): Promise<number> {
  return deps.book.forget(bidderIds);
}
