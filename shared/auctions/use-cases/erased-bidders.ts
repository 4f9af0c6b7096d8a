/**
 * @module erased-bidders
 * A member who erased themselves (`/c500 privacy`) while an auction was live is withdrawn
 * from it at the hammer: their maxima bid no more, the result is the proxy rule's over the
 * bidders left (withdrawn-bidders), and neither their name nor their bids are written to the
 * result, the runner-ups or the bid history. One query: the erasures made since the auction
 * began (a bid made after an erasure is a new fact, kept as any other). An erasure is kept
 * under the member's keyed pseudonym, never their id: each bidder's is made to find theirs.
 */
import type { Clock, DocumentStore, HammerResult } from '../../ports';
import { erasureAskWindowMs, markActed, privacyErasuresCollection } from '../../privacy';
import { personPseudonym } from '../../log';
import type { Auction } from '../rules/auction';
import { resultWithout } from '../rules/withdrawn-bidders';

type Closed = Extract<HammerResult, { kind: 'closed' }>;

export async function withoutErasedBidders(store: DocumentStore, hammer: Closed, auction: Pick<Auction, 'startedAt' | 'ladder'>): Promise<Closed> {
  const erasures = await store.query(privacyErasuresCollection, { where: [['erasedAt', '>=', auction.startedAt]] });
  // A member who bid again after erasing chose to take part anew: they stay.
  const lastBidAt = (id: string) => Math.max(-Infinity, ...hammer.bids.filter((b) => b.bidderId === id).map((b) => b.atMs));
  const bidderOf = new Map(hammer.bids.map((b) => [personPseudonym(b.bidderId), b.bidderId]));
  const erased = new Set(
    erasures.flatMap((e) => {
      const bidderId = bidderOf.get(e.id);
      return bidderId !== undefined && lastBidAt(bidderId) < Date.parse(e.data.erasedAt) ? [bidderId] : [];
    }),
  );
  if (erased.size === 0) return hammer;
  return { ...hammer, ...resultWithout(erased, hammer, auction.ladder) };
}

/**
 * The bidders the hammer just wrote down (bid history, result, runner-ups) who erased themselves
 * lately and bid again: each is marked (privacy's `markActed`), so their next erasure searches
 * again for what the hammer moved out of the live book, where its look no longer finds it. One
 * query: the erasures since the auction began or within the last ten minutes.
 */
export async function markBiddersWhoErased(deps: { store: DocumentStore; clock: Clock }, hammer: Closed, auction: Pick<Auction, 'startedAt'>): Promise<void> {
  const since = Math.min(Date.parse(auction.startedAt), deps.clock.now().getTime() - erasureAskWindowMs);
  const erasures = await deps.store.query(privacyErasuresCollection, { where: [['erasedAt', '>=', new Date(since).toISOString()]] });
  if (erasures.length === 0) return;
  const erased = new Set(erasures.map((e) => e.id));
  for (const bidderId of new Set(hammer.bids.map((b) => b.bidderId))) if (erased.has(personPseudonym(bidderId))) await markActed(deps, bidderId);
}
