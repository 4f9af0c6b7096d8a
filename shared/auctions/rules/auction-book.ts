/**
 * @module auction-book
 * The live state of an auction and the values its bid engine trades in. The rules
 * themselves are written twice on purpose: once in Lua, where Redis applies them
 * atomically (the production book), and once in TypeScript (`auction-book-model`), the
 * sequential reference that tests hold the Lua to and that serves when no Redis answers.
 * All money is integer cents; all times are epoch milliseconds from the app's clock.
 */

import type { AuctionReading, GuildTrust, IncrementStep, Standing } from '../../ports';

export type {
  IncrementStep,
  AuctionTerms,
  BidTarget,
  BidRequest,
  BidOutcome,
  AuctionBookStatus,
  AuctionSnapshot,
  AuctionReading,
  BidderAnswer,
  EmbedSlot,
  BidResult,
  BidTiming,
  BidRecord,
  Standing,
  HammerResult,
  OpenResult,
  CancelResult,
  WithdrawResult,
  GuildTrust,
} from '../../ports';
export { acceptedOutcomes, auctionBookStatuses, bidOutcomes } from '../../ports';

/** Under $30 → $1, $30 → $2, $50 → $3, $100 → $5, $300 → $10, $1,000 → $20, $2,000+ → $50. */
export const defaultLadder: readonly IncrementStep[] = [
  { fromCents: 0, stepCents: 100 },
  { fromCents: 3_000, stepCents: 200 },
  { fromCents: 5_000, stepCents: 300 },
  { fromCents: 10_000, stepCents: 500 },
  { fromCents: 30_000, stepCents: 1_000 },
  { fromCents: 100_000, stepCents: 2_000 },
  { fromCents: 200_000, stepCents: 5_000 },
];

/** The step a bid must beat the price by, at that price. */
export function incrementAt(priceCents: number, ladder: readonly IncrementStep[] = defaultLadder): number {
  let step = ladder[0]?.stepCents ?? 100;
  for (const rung of ladder) if (priceCents >= rung.fromCents) step = rung.stepCents;
  return step;
}

/** The least a new bid may be: the start price before the first bid, then price + one step. */
export function nextMinimum(state: { leaderId?: string; priceCents: number; startCents: number }, ladder: readonly IncrementStep[] = defaultLadder): number {
  return state.leaderId ? state.priceCents + incrementAt(state.priceCents, ladder) : state.startCents;
}

/** `0:100,3000:200` — how the ladder travels to the Lua script and back. */
export function ladderText(ladder: readonly IncrementStep[]): string {
  return ladder.map((r) => `${r.fromCents}:${r.stepCents}`).join(',');
}

/**
 * When the hammer falls: the end of the sealed final call that follows the stated end. A bid
 * made before it counts; one made at or after it never does, by any channel.
 */
export function hammerAtMs(s: { endsAtMs: number; finalCallMs: number }): number {
  return s.endsAtMs + s.finalCallMs;
}

/** When the hammer may drop: the hammer's moment, then the settle window for bids made before it that are still on their way. */
export function hammerDueMs(s: { endsAtMs: number; finalCallMs: number; settleMs: number }): number {
  return hammerAtMs(s) + s.settleMs;
}

/**
 * The stated end a counter-bid made at `atMs` moves the auction to: `counterBidMs` after the
 * bid, rounded up to a whole second (a burst of counter-bids moves it at most once a second).
 * The final call then follows the new end.
 */
export function extendedEndMs(atMs: number, s: { counterBidMs: number }): number {
  return Math.ceil((atMs + s.counterBidMs) / 1000) * 1000;
}

/**
 * Whether a bid falls in the sealed final call: made at or after the stated end, or decided by
 * the book once its own clock (`bookNowMs`: Redis's `TIME`, never a process's) has reached it,
 * or once the final call has begun at all. From then nothing it does is public, whatever its stamp.
 */
export function inFinalCall(s: { endsAtMs: number; begun?: boolean }, atMs: number, bookNowMs: number): boolean {
  return s.begun === true || atMs >= s.endsAtMs || bookNowMs >= s.endsAtMs;
}

/** Where an auction stands for a viewer: open bidding, the sealed final call, or its result. */
export type AuctionPhase = 'bidding' | 'final-call' | 'sold' | 'unsold' | 'cancelled';

/**
 * The phase as the book read it: the final call from the moment the book says it began (on its
 * own clock, never a process's) until the hammer drops (the book says closed).
 */
export function phaseOf(s: Pick<AuctionReading, 'status' | 'reserveMet' | 'leaderId' | 'finalCallBegun'>): AuctionPhase {
  if (s.status === 'cancelled') return 'cancelled';
  if (s.status === 'closed') return s.leaderId !== undefined && s.reserveMet ? 'sold' : 'unsold';
  return s.finalCallBegun ? 'final-call' : 'bidding';
}

/** The one embed edit per second: an edit within a second of the last one waits for a trailing task. */
export const embedIntervalMs = 1_000;

/** Best first: highest max, then the earlier one, then by id so the order is total. */
export function compareStandings(a: Standing, b: Standing): number {
  if (a.topCents !== b.topCents) return b.topCents - a.topCents;
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  return a.bidderId < b.bidderId ? -1 : a.bidderId > b.bidderId ? 1 : 0;
}

const loginAliasPrefix = 'twitch-login:';

/** What a Twitch chatter may be blocked by before they ever bid: their login, which Twitch keeps lower case. */
export function twitchLoginAlias(login: string): string {
  return `${loginAliasPrefix}${login.trim().toLowerCase()}`;
}

/** The login a `twitchLoginAlias` names, or undefined for any other bidder key. */
export function loginOfAlias(key: string): string | undefined {
  return key.startsWith(loginAliasPrefix) ? key.slice(loginAliasPrefix.length) : undefined;
}

/** How a Twitch account is a bidder in the book: never a Discord snowflake, so no DM is ever tried on it. */
export const twitchBidderPrefix = 'twitch:';

/** The bidder a Twitch account is in the book, as a chat bid names it. */
export function twitchBidderId(twitchUserId: string): string {
  return `${twitchBidderPrefix}${twitchUserId}`;
}

/** No rules at all: a server whose trust the book was never given. */
export const noGuildTrust: GuildTrust = { version: -1, newBidderLimitCents: 0, cooldownMs: 0, blocked: [] };

/**
 * Whether a bid made at `atMs` comes too soon after (or before) the bidder's last one, made at
 * `last.atMs`. Judged by when the bids were made, so a bid that reaches the book late is
 * judged as it was made; the same bid delivered again is never too soon after itself.
 */
export function tooSoon(last: { atMs: number; bidId: string } | undefined, bid: { atMs: number; bidId: string }, cooldownMs: number): boolean {
  // No gap is under a cooldown of 0: no cooldown is never too soon.
  return last !== undefined && last.bidId !== bid.bidId && Math.abs(bid.atMs - last.atMs) < cooldownMs;
}

/** What a pre-bid placed by a show carries instead of an interaction's handle: an outbid pre-bidder is DMed. */
export const preBidResponseToken = 'pre-bid:dm';

/**
 * Who a live final call shows as its leader once that bidder was forgotten (an erasure): the
 * public keeps the price it saw and a leader to beat, but no id. Never a bidder's id (a
 * Discord snowflake or `twitch:<id>`).
 */
export const forgottenLeaderId = '(forgotten)';
