/**
 * @module auction-book-forget
 * The reference model's forgetting of bidders in one auction (an erasure), as the Lua's
 * `forgetScript` does it: a live auction withdraws them first (`withdrawBidder`: the proxy rule
 * again over those left); an ended one keeps its price and the winner's max, the result being
 * Firestore's. Then their bids leave the log and a log entry's leader naming them names nobody;
 * their max, name, answer token and last bid go; a bid id of theirs stays known, naming nobody,
 * so a redelivery is still a repeat; a field naming them names nobody, but a live final call's
 * shown leader, which stays someone (`forgottenLeaderId`) so the public's floor holds. A live
 * auction keeps its builder's ids: its own-auction rule needs them.
 */
import { forgottenLeaderId } from './auction-book';
import type { AuctionState } from './auction-book-state';
import { withdrawBidder } from './auction-book-withdraw';

/** Forgets `ids` (in this order) in the auction; answers whether it held any of them. */
export function forgetBidders(a: AuctionState, ids: readonly string[]): boolean {
  const gone = new Set(ids);
  let held = false;
  if (a.status === 'live') for (const id of ids) held = withdrawBidder(a, id) || held;
  for (const id of ids) held = [a.tops.delete(id), a.lastBids.delete(id), a.answers.delete(id)].includes(true) || held;
  for (const [bidId, seen] of a.seen)
    if (gone.has(seen.bidderId)) {
      a.seen.set(bidId, { ...seen, bidderId: '' });
      held = true;
    }
  const bids = a.bids.filter((b) => !gone.has(b.bidderId)).map((b) => (gone.has(b.leaderId) ? { ...b, leaderId: '' } : b));
  if (bids.length !== a.bids.length || bids.some((b, i) => b !== a.bids[i])) held = true;
  a.bids = bids;
  return forgetNamed(a, gone) || held;
}

/** The fields that name a bidder: the shown leader, and in an ended auction the leader and the builder's ids. */
function forgetNamed(a: AuctionState, gone: ReadonlySet<string>): boolean {
  let held = false;
  if (a.shown?.leaderId !== undefined && gone.has(a.shown.leaderId)) {
    a.shown = { ...a.shown, leaderId: a.status === 'live' ? forgottenLeaderId : undefined, leaderName: '' };
    held = true;
  }
  if (a.status === 'live') return held;
  if (a.leaderId !== undefined && gone.has(a.leaderId)) {
    a.leaderId = undefined;
    a.leaderName = '';
    a.leaderToken = '';
    held = true;
  }
  const t = a.terms;
  const linked = t.builderLinkedIds?.filter((id) => !gone.has(id));
  if (gone.has(t.builderId) || linked?.length !== t.builderLinkedIds?.length) {
    a.terms = { ...t, builderId: gone.has(t.builderId) ? '' : t.builderId, ...(linked ? { builderLinkedIds: linked } : {}) };
    held = true;
  }
  return held;
}
