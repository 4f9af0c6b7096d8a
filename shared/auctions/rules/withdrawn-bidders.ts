/**
 * @module withdrawn-bidders
 * An auction's result with some bidders withdrawn (members who erased themselves while it was
 * live): their maxima no longer bid, so the book's proxy rule is applied again to the bidders
 * left. The best of them leads (the highest max, the earlier on a tie), at one step over the
 * next best, never above their own max nor below what they bid themselves or the start; a max
 * that meets the reserve pays at least the reserve. Over final maxima: where the one left to
 * lead had raised their own max after the next best's last bid, the book would have kept its
 * price, and this may ask up to one step more.
 */
import { incrementAt, type AuctionSnapshot, type BidRecord, type IncrementStep, type Standing } from './auction-book';

export interface WithdrawnResult {
  snapshot: AuctionSnapshot;
  bids: BidRecord[];
  standings: Standing[];
}

export function resultWithout(
  withdrawn: ReadonlySet<string>,
  closed: { snapshot: AuctionSnapshot; bids: readonly BidRecord[]; standings: readonly Standing[] },
  ladder: readonly IncrementStep[],
): WithdrawnResult {
  // The book gives its standings best first; those left keep that order.
  const standings = closed.standings.filter((s) => !withdrawn.has(s.bidderId));
  const bids = closed.bids.filter((b) => !withdrawn.has(b.bidderId));
  const { leaderId: _leaderId, leaderName: _leaderName, ...rest } = closed.snapshot;
  const s = closed.snapshot;
  const [first, second] = standings;
  if (!first) return { snapshot: { ...rest, priceCents: s.startCents, bidCount: 0, reserveMet: s.reserveCents === 0 }, bids, standings };
  // The most anyone left bid: the leader's own (another's amount is at most their max, which the
  // price below already reaches), and never under the start.
  const ownBest = Math.max(s.startCents, ...bids.map((b) => b.amountCents));
  let priceCents = Math.max(ownBest, second ? Math.min(first.topCents, second.topCents + incrementAt(second.topCents, ladder)) : s.startCents);
  if (s.reserveCents > 0 && first.topCents >= s.reserveCents) priceCents = Math.max(priceCents, s.reserveCents);
  return {
    snapshot: {
      ...rest,
      leaderId: first.bidderId,
      leaderName: first.bidderName,
      priceCents,
      bidCount: bids.length,
      reserveMet: s.reserveCents === 0 || priceCents >= s.reserveCents,
    },
    bids,
    standings,
  };
}
