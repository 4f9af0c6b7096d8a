/**
 * @module auction-book-withdraw
 * The reference model's withdrawal of a bidder from a live auction (a member who erased
 * themselves), as the Lua's \`withdrawScript\` does it: their max, name, answer token and last bid
 * are forgotten, and should they lead or set the price (the best max of the rest) the proxy rule
 * is applied again to those left, as the hammer's \`resultWithout\` does.
 */
import { compareStandings, incrementAt, type Standing } from './auction-book';
import type { AuctionState } from './auction-book-state';

/** What of an auction's live state a withdrawal reads and moves. */
export type WithdrawnFrom = Pick<
  AuctionState,
  'terms' | 'priceCents' | 'leaderId' | 'leaderName' | 'leaderToken' | 'leaderMaxCents' | 'leaderAtMs' | 'shown' | 'bids' | 'tops' | 'lastBids' | 'answers'
>;

/** Takes the bidder out; answers whether they were in it. */
export function withdrawBidder(a: WithdrawnFrom, bidderId: string): boolean {
  const gone = a.tops.get(bidderId);
  if (!gone) return false;
  const left = [...a.tops].filter(([id]) => id !== bidderId).map(([id, top]) => ({ bidderId: id, ...top }));
  const [next] = left.filter((s) => s.bidderId !== a.leaderId).sort(compareStandings);
  // They led, or their max set the price (the best of the rest): the proxy rule over those left.
  const setPrice = a.leaderId !== bidderId && (next === undefined || compareStandings({ bidderId, ...gone }, next) < 0);
  a.tops.delete(bidderId);
  a.lastBids.delete(bidderId);
  a.answers.delete(bidderId);
  // What a final call showed stays, less the name.
  if (a.shown?.leaderId === bidderId) a.shown = { ...a.shown, leaderName: '' };
  if (a.leaderId === bidderId || setPrice) reprice(a, left.sort(compareStandings));
  return true;
}

/** The proxy rule again over the standings left, best first. */
function reprice(a: WithdrawnFrom, left: readonly Standing[]): void {
  const [first, second] = left;
  const t = a.terms;
  if (!first) {
    // Stryker disable next-line StringLiteral: the name and token are read only once a bid has made a leader, which sets both
    Object.assign(a, { leaderId: undefined, leaderName: '', leaderToken: '', leaderMaxCents: 0, leaderAtMs: 0, priceCents: t.startCents });
    return;
  }
  // Of those still in it: a bidder withdrawn before keeps their bids in the log, and they count no more.
  const inIt = new Set(left.map((s) => s.bidderId));
  const ownBest = Math.max(t.startCents, ...a.bids.filter((b) => inIt.has(b.bidderId)).map((b) => b.amountCents));
  let price = Math.max(ownBest, second ? Math.min(first.topCents, second.topCents + incrementAt(second.topCents, t.ladder)) : t.startCents);
  if (t.reserveCents > 0 && first.topCents >= t.reserveCents) price = Math.max(price, t.reserveCents);
  Object.assign(a, {
    leaderId: first.bidderId,
    leaderName: first.bidderName,
    // Stryker disable next-line StringLiteral: every bidder with a max has an answer token; the fallback only satisfies the type
    leaderToken: a.answers.get(first.bidderId) ?? '',
    leaderMaxCents: first.topCents,
    leaderAtMs: first.atMs,
    priceCents: price,
  });
}
