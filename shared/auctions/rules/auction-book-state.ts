/**
 * @module auction-book-state
 * The reference model's live state of one auction (\`auction-book-model\` holds the operations),
 * and what every operation reads off it: the hammer's moment, the counter-bid's extension, the
 * embed's slot, the snapshot the public sees and the answer a bid gets.
 */
import {
  embedIntervalMs,
  extendedEndMs,
  hammerAtMs,
  hammerDueMs,
  nextMinimum,
  type AuctionBookStatus,
  type AuctionSnapshot,
  type AuctionTerms,
  type BidOutcome,
  type BidRecord,
  type BidResult,
  type EmbedSlot,
} from './auction-book';

export interface AuctionState {
  terms: AuctionTerms;
  status: AuctionBookStatus;
  priceCents: number;
  leaderId?: string;
  /** The leader's latest name and the response token of their latest accepted bid ('' before the first bid). */
  leaderName: string;
  leaderToken: string;
  /** The leader's hidden max; 0 before the first bid. */
  leaderMaxCents: number;
  /** When the leader's max was made: an equal max made earlier takes the lead from it. */
  leaderAtMs: number;
  endsAtMs: number;
  /** Until when only a pre-bid's proxy is taken (0 once they are in, or when the lot had none). */
  preBidsUntilMs: number;
  version: number;
  bidCount: number;
  /**
   * What the public saw when the final call began, kept from its first bid until the hammer:
   * every snapshot shows this instead of the sealed price, leader and count.
   */
  shown?: { priceCents: number; leaderId?: string; leaderName: string; bidCount: number };
  /** When the embed was last edited (0: never). */
  embedAtMs: number;
  /** The `embedAtMs` a trailing task already waits behind: one such task per edit. */
  trailFor?: number;
  bids: BidRecord[];
  /** Accepted bid ids: a redelivery is answered from here and changes nothing. */
  seen: Map<string, { outcome: BidOutcome; bidderId: string }>;
  /** Each bidder's best max, when it was set, and their latest name. */
  tops: Map<string, { topCents: number; atMs: number; bidderName: string }>;
  /** Each bidder's latest bid by when it was made, for the server's cooldown (kept only while it has one). */
  lastBids: Map<string, { atMs: number; bidId: string }>;
  /** Each bidder's latest accepted bid's answer, edited with the result at the hammer. */
  answers: Map<string, string>;
}

/** A fresh value each time: callers own what they are given. */
export const noEmbed = (): EmbedSlot => ({ kind: 'none' });

/** The moment the hammer falls: the end of the final call after the stated end (as counter-bids moved it). */
export const hammerAt = (a: AuctionState) => hammerAtMs({ endsAtMs: a.endsAtMs, finalCallMs: a.terms.finalCallMs });

/** The hammer waits out the settle window after its moment, so every bid made in time is in. */
export const hammerDue = (a: AuctionState) => hammerDueMs({ endsAtMs: a.endsAtMs, finalCallMs: a.terms.finalCallMs, settleMs: a.terms.settleMs });

/**
 * A counter-bid near the stated end puts it `counterBidMs` ahead, rounded up to a whole second
 * so that a burst of counter-bids moves the end (and schedules a hammer) at most once a second.
 * Only in open bidding: the final call is never extended (with sudden death it starts at once).
 */
export function extend(a: AuctionState, atMs: number): boolean {
  const counter = a.terms.counterBidMs;
  if (a.terms.suddenDeath || a.endsAtMs - atMs >= counter) return false;
  // Here `atMs + counter` is past the hammer, and rounding up only moves it further: always a later end.
  a.endsAtMs = extendedEndMs(atMs, a.terms);
  a.version += 1;
  return true;
}

/**
 * The final call begins: what the public sees now (price, leader, count) is what it sees until
 * the result. Idempotent.
 */
export function beginFinalCall(a: AuctionState): void {
  if (a.status === 'live' && !a.shown) a.shown = { priceCents: a.priceCents, leaderId: a.leaderId, leaderName: a.leaderName, bidCount: a.bidCount };
}

/** One embed edit per second by our clock (Discord's rate limit); within the second, one trailing task per edit. */
export function slotForBid(a: AuctionState, atMs: number): EmbedSlot {
  if (atMs - a.embedAtMs >= embedIntervalMs) {
    a.embedAtMs = atMs;
    return { kind: 'now' };
  }
  if (a.trailFor !== a.embedAtMs) {
    a.trailFor = a.embedAtMs;
    return { kind: 'trailing', atMs: a.embedAtMs + embedIntervalMs, behindMs: a.embedAtMs };
  }
  return noEmbed();
}

export function answer(
  a: AuctionState,
  outcome: BidOutcome,
  more: Partial<Pick<BidResult, 'repeat' | 'yourMaxCents' | 'displaced' | 'extended' | 'embed' | 'newBidderLimitCents' | 'cooldownMs'>> = {},
): BidResult {
  return {
    outcome,
    repeat: more.repeat ?? false,
    snapshot: snapshotOf(a),
    ...(more.yourMaxCents !== undefined ? { yourMaxCents: more.yourMaxCents } : {}),
    ...(more.displaced ? { displaced: more.displaced } : {}),
    extended: more.extended ?? false,
    embed: more.embed ?? noEmbed(),
    ...(more.newBidderLimitCents !== undefined ? { newBidderLimitCents: more.newBidderLimitCents } : {}),
    ...(more.cooldownMs !== undefined ? { cooldownMs: more.cooldownMs } : {}),
  };
}

export function snapshotOf(a: AuctionState): AuctionSnapshot {
  const t = a.terms;
  // Sealed until the hammer: the public sees the final call's opening state.
  const seen = a.status === 'live' && a.shown ? a.shown : a;
  return {
    auctionId: t.auctionId,
    channelId: t.channelId,
    messageId: t.messageId,
    builderId: t.builderId,
    item: t.item,
    currency: t.currency,
    status: a.status,
    startCents: t.startCents,
    reserveCents: t.reserveCents,
    priceCents: seen.priceCents,
    ...(seen.leaderId !== undefined ? { leaderId: seen.leaderId, leaderName: seen.leaderName } : {}),
    nextMinimumCents: nextMinimum({ leaderId: seen.leaderId, priceCents: seen.priceCents, startCents: t.startCents }, t.ladder),
    endsAtMs: a.endsAtMs,
    finalCallMs: t.finalCallMs,
    version: a.version,
    bidCount: seen.bidCount,
    reserveMet: t.reserveCents === 0 || (seen.leaderId !== undefined && seen.priceCents >= t.reserveCents),
    suddenDeath: t.suddenDeath,
    counterBidMs: t.counterBidMs,
    settleMs: t.settleMs,
    streamDelayMs: t.streamDelayMs,
  };
}
