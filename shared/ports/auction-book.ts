/**
 * @module auction-book
 * The live state of auctions, where every bid is decided atomically.
 */
/** From `fromCents` upward, a bid must beat the price by `stepCents`. */
export interface IncrementStep {
  fromCents: number;
  stepCents: number;
}

/** What the book needs to run an auction: everything a bid or the embed reads. */
export interface AuctionTerms {
  auctionId: string;
  /** The server the auction belongs to: its trust rules (`GuildTrust`) apply to every bid. */
  guildId: string;
  /** The channel whose `/bid` without an auction id reaches this auction. */
  channelId: string;
  /** The live embed in that channel, which bids edit at most once a second. */
  messageId: string;
  builderId: string;
  /**
   * The builder's other accounts, as the book knows bidders: the Twitch account they linked
   * (`/c500 link-twitch`, `twitch:<id>`). A bid from any of them is the builder's own.
   */
  builderLinkedIds?: readonly string[];
  item: string;
  currency: string;
  startCents: number;
  /** 0 when there is no reserve. */
  reserveCents: number;
  /** When it opened (the auction's `startedAt`): a bid made before it is refused, as one made after the end is. */
  opensAtMs: number;
  /**
   * A show's lot with pre-bids opens to them first: until `preBidsIn` (or, should whoever
   * places them be gone, until this moment) a live bid is refused as too early and only a
   * pre-bid's proxy is taken, so no live bid lands before them. Absent or 0: no hold.
   */
  preBidsUntilMs?: number;
  /**
   * The stated end, as counter-bids move it: bidding in the open stops here and the sealed
   * final call begins (`finalCallMs`); the hammer falls at its end (`hammerAtMs`).
   */
  endsAtMs: number;
  /**
   * The sealed final call after the stated end, ms: every bid made in it is taken and answered
   * privately, and nothing public moves (price, leader, count) until the result. Long enough
   * for a viewer watching `streamDelayMs` behind to see it begin and still bid.
   */
  finalCallMs: number;
  /**
   * The secret the final call's draw is made from (`sealed-draw`): equal maxes in it are
   * ranked by it, never by speed. Its commitment is published when the final call begins and
   * the seed with the result. Absent (an auction opened before the draw): ranked as by ''.
   */
  drawSeed?: string;
  /** How far behind the stream its viewers watch, whole seconds in ms; 0: no delay. The final call covers it. */
  streamDelayMs: number;
  /** A bid with less than this left puts the end this far ahead; 0 with sudden death. */
  counterBidMs: number;
  suddenDeath: boolean;
  /**
   * How long after the end a bid made before it may still reach the book and count; the
   * hammer waits this long before it freezes the book.
   */
  settleMs: number;
  /** Ascending by `fromCents`, the first at 0. */
  ladder: readonly IncrementStep[];
}

/**
 * Where a bid goes: the live auction of the channel it was made in, or a named auction. A
 * person's bid always names the channel too: an auction belongs to the channel (and so the
 * server) it was posted in, and from anywhere else it is not found, whoever knows its id.
 */
export type BidTarget = { auctionId: string; channelId?: string } | { channelId: string };

export interface BidRequest {
  /** The interaction id: a redelivered bid is recognised, never counted twice. */
  bidId: string;
  /** The server the bid was made in: its trust rules and block list apply, and an auction of another server is not found from here. */
  guildId: string;
  /** A Discord snowflake for a member, `twitch:<user id>` for a Twitch chatter. */
  bidderId: string;
  /**
   * Another name the bidder may be blocked by before the book has seen them: a chatter's
   * `twitch-login:<login>` (`twitchLoginAlias`), so `/c500 block twitch:<login>` holds for
   * a chatter who never bid. Empty or absent for members.
   */
  bidderAlias?: string;
  /**
   * The Discord member a chatter's Twitch account is linked to (`/c500 link-twitch`): a block
   * of the member holds for the chatter, however long after the block the link was made.
   * Absent for members and for chatters who linked no one.
   */
  linkedBidderId?: string;
  bidderName: string;
  amountCents: number;
  /** The most the book may bid for this bidder, one step at a time; equals amount without a max. */
  maxCents: number;
  /**
   * Where the bidder's answer is edited if they are outbid later: opaque to the book, a
   * `replyHandle` (interaction id and token, so the token's age is known when it is used).
   */
  responseToken: string;
  /**
   * When the bid was made: the interaction id's snowflake time, on Discord's clock. The end,
   * the soft close and a tie between equal maxes are judged by it, never by when a
   * subscriber got round to the bid.
   */
  atMs: number;
  /**
   * When the caller handed it to the book, on the caller's clock: a show's pre-bid hold and the
   * embed's once-a-second edit read it. Whether the final call has begun and whether the settle
   * window has passed are the book's own clock's to say (Redis's `TIME`), never a process's;
   * only the in-memory book, one process with one clock, takes this as its clock.
   */
  receivedAtMs: number;
  /**
   * A pre-bid's proxy: it bids the book's own next minimum, up to `maxCents` (never refused as too low, however the price moved since it was read);
   * a max under that minimum is outbid at once. Only a max under the start price is too low.
   */
  proxy?: boolean;
  /** A `!bid` in Twitch chat, seen by all: once the final call has begun, the book refuses it (`private-only`) in the same step, never sealed. */
  typedInPublic?: boolean;
}

/**
 * - `leading`: the bidder leads (the price may sit below their max).
 * - `raised-max`: the leader raised their own max; the price did not move (unless it met the reserve).
 * - `already-leading`: the leader bid no more than their max already covers; nothing changed.
 * - `outbid`: accepted, but another bidder's max answered at once and still leads.
 * - `blocked`: an admin of the auction's server blocked the bidder (or their alias).
 * - `slow-down`: the bidder's last bid was made less than the server's cooldown before or after this one (by when the bids were made); refused, not queued.
 * - `over-new-bidder-limit`: the amount or max is over what a bidder who has never paid for an order may bid; `newBidderLimitCents` names the limit.
 */
export const bidOutcomes = [
  'leading',
  'raised-max',
  'already-leading',
  'outbid',
  'too-low',
  'closed',
  /** Made before the auction opened (a chat message Twitch signed earlier and delivered since): it bid on nothing. */
  'too-early',
  /**
   * Taken in the sealed final call: counted by the proxy rule like any bid, answered only
   * with this (never whether it leads), and shown to nobody until the result.
   */
  'sealed',
  /** Typed in public (`typedInPublic`) once the final call had begun: refused, nothing kept; the chatter is sent the private page's link. */
  'private-only',
  'banned',
  'blocked',
  'own-auction',
  'slow-down',
  'over-new-bidder-limit',
  'not-found',
] as const;
export type BidOutcome = (typeof bidOutcomes)[number];

/** The outcomes that change the book, are logged and are recognised when redelivered. */
export const acceptedOutcomes: readonly BidOutcome[] = ['leading', 'raised-max', 'outbid', 'sealed'];

export const auctionBookStatuses = ['live', 'closed', 'cancelled'] as const;
export type AuctionBookStatus = (typeof auctionBookStatuses)[number];

/**
 * What anyone may see: the terms as they stand (never the ladder or the server), and never a
 * leader's hidden max. Once the final call has taken a bid, the price, leader and count stay
 * as they stood when it began, until the hammer: the book keeps the rest sealed.
 */
export interface AuctionSnapshot extends Omit<AuctionTerms, 'ladder' | 'guildId' | 'builderLinkedIds' | 'opensAtMs'> {
  status: AuctionBookStatus;
  priceCents: number;
  leaderId?: string;
  leaderName?: string;
  nextMinimumCents: number;
  /** Bumped each time a counter-bid moves the end: names the hammer task for that end. */
  version: number;
  bidCount: number;
  reserveMet: boolean;
}

/**
 * A snapshot as `read` gives it, with the book's own word on where the auction stands: whether
 * the final call has begun is the book's clock's to say (Redis's `TIME`), never a process's, so
 * whatever announces it or shows it (chat's FINAL CALL line, the card, the overlay) follows the
 * book and cannot contradict it, however far a process's clock runs slow or fast.
 */
export interface AuctionReading extends AuctionSnapshot {
  /** The sealed final call has begun: the book's clock has reached the stated end, or a bid sealed it. False once closed. */
  finalCallBegun: boolean;
  /** The book's clock when it was read: how far off the end and the hammer are, on the clock that decides them. */
  bookNowMs: number;
}

/** Whether this bid (or a trailing task) edits the live embed now, later, or not at all. */
export type EmbedSlot = { kind: 'now' } | { kind: 'trailing'; atMs: number; behindMs: number } | { kind: 'none' };

export interface BidResult {
  outcome: BidOutcome;
  /** The same bid id was decided before: the book did nothing this time. */
  repeat: boolean;
  /** Undefined only for `not-found`. */
  snapshot?: AuctionSnapshot;
  /** The bidder's own max when they lead (`leading`, `raised-max`, `already-leading`). */
  yourMaxCents?: number;
  /** The leader this bid pushed out, whose answer is edited to say so. */
  displaced?: { bidderId: string; responseToken: string };
  /** The end moved: the hammer must be scheduled for `snapshot.version`. */
  extended: boolean;
  embed: EmbedSlot;
  /** With `over-new-bidder-limit`: the most a bidder who has never paid may bid. */
  newBidderLimitCents?: number;
  /** With `slow-down`: the server's cooldown between one bidder's bids. */
  cooldownMs?: number;
}

/** Where a bid's time in the book went (ms): its wait for its batch's script call to leave, then that call. The Redis book adds to it, the in-memory one nothing; the bid's log line carries it. */
export interface BidTiming {
  gatheredMs: number;
  scriptMs: number;
}

/**
 * A server's trust rules as the book applies them to every bid in its auctions. `version`
 * orders the writes: the book keeps the highest it was given, so a stale copy (an auction
 * opening with what it read before an admin's change) never overwrites a newer one.
 */
export interface GuildTrust {
  version: number;
  /** The most a bidder who has never paid for an order may bid (amount and max); 0: no limit. */
  newBidderLimitCents: number;
  /** The least time between one bidder's bids, by the times they were made; 0: none. */
  cooldownMs: number;
  /** Bidder ids and aliases (`twitch-login:<login>`) whose bids are refused. */
  blocked: readonly string[];
}

/** One accepted bid as the log keeps it, in the order the book decided it. */
export interface BidRecord {
  bidId: string;
  bidderId: string;
  bidderName: string;
  amountCents: number;
  maxCents: number;
  outcome: BidOutcome;
  /** The price and leader right after this bid. */
  priceCents: number;
  leaderId: string;
  atMs: number;
}

/** A bidder's best: their highest max, and when they set it (earlier wins a tie). */
export interface Standing {
  bidderId: string;
  bidderName: string;
  topCents: number;
  atMs: number;
}

export type HammerResult =
  | { kind: 'not-found' }
  | { kind: 'cancelled' }
  /** A counter-bid moved the end after this task was scheduled; the newer task closes it. */
  | { kind: 'stale'; version: number }
  /**
   * The task ran before the end and its settle window were over, by the book's clock: run it
   * again at `dueAtMs` on that clock, `dueAtMs - bookNowMs` from now.
   */
  | { kind: 'early'; dueAtMs: number; bookNowMs: number }
  /**
   * Closed now or before; the same answer every time. `standings` best first; `answers`, by
   * bidder id, each bidder's latest answer to edit with the result (its handle, as the bid carried it).
   */
  | { kind: 'closed'; snapshot: AuctionSnapshot; bids: BidRecord[]; standings: Standing[]; answers?: BidderAnswer[] };

/** A bidder's latest answer: the handle their last accepted bid carried (`BidRequest.responseToken`). */
export interface BidderAnswer {
  bidderId: string;
  responseToken: string;
}

export type OpenResult = { kind: 'opened' } | { kind: 'exists' } | { kind: 'channel-busy'; auctionId: string };
export type CancelResult = 'cancelled' | 'has-bids' | 'not-live' | 'not-found';

/** A bidder taken out of a live auction (`withdraw`): gone from it, never in it, or the auction is over or unknown. */
export type WithdrawResult = 'withdrawn' | 'not-bidding' | 'not-live' | 'not-found';

/**
 * One minute of a server's bids as the book tallied them once each was answered: counts by
 * name (`answered`, `answered-late` past Discord's 3 s, and each outcome or refusal).
 */
export interface MinuteTally {
  /** The minute's start, epoch ms. */
  minuteMs: number;
  counts: Record<string, number>;
}

/** How long the book keeps a minute's tally: the dashboard's show page reads the last hour. */
export const tallyKeptMs = 2 * 60 * 60 * 1000;

export interface AuctionBook {
  /** Loads an auction's live state; a second call for the same id changes nothing. One live auction per channel. */
  open(terms: AuctionTerms): Promise<OpenResult>;
  /**
   * Decides one bid atomically against every other bid on the same auction; a bid by
   * channel goes to the channel's live auction, found in the same round trip.
   */
  placeBid(target: BidTarget, bid: BidRequest, timing?: BidTiming): Promise<BidResult>;
  /** The live auction `/bid` reaches in a channel, if any. */
  liveAuctionIn(channelId: string): Promise<string | undefined>;
  /** The auction as anyone may see it, and whether its final call has begun, on the book's clock. */
  read(auctionId: string): Promise<AuctionReading | undefined>;
  /**
   * A trailing embed task asks for its edit: `now` when the last edit is a second old and
   * no newer one happened since `behindMs`; `trailing` to wait until `atMs`; `none` otherwise.
   */
  claimEmbedEdit(auctionId: string, behindMs: number, atMs: number): Promise<EmbedSlot>;
  /**
   * Freezes the auction if `version` is its current end and the final call's settle window has
   * passed by the book's clock (Redis's `TIME`: `atMs`, the caller's clock, only where the book's
   * clock is the caller's, in one process or a test's); idempotent.
   */
  hammer(auctionId: string, version: number, atMs: number): Promise<HammerResult>;
  /**
   * Only before the first bid, unless `evenWithBids`: the builder can no longer be paid
   * (they revoked C500's access to their account), so the bids it took will never be charged.
   */
  cancel(auctionId: string, how?: { evenWithBids: boolean }): Promise<CancelResult>;
  /**
   * Takes a bidder out of a live auction (a member who erased themselves): their max, name and
   * answer token are forgotten, and should they lead or set the price, the proxy rule is
   * applied again to the bidders left (as the hammer's `resultWithout` does). What the public was
   * shown in a final call stays, less their name. Idempotent.
   */
  withdraw(auctionId: string, bidderId: string): Promise<WithdrawResult>;
  /**
   * Forgets bidders (an erasure) in every auction the book holds, live or ended: a live one
   * withdraws them first (`withdraw`); an ended one keeps its price and winner's max, its result
   * being Firestore's already. Their bids, max, name and answer token go, and what named them (a
   * log entry's leader, an ended auction's leader or builder) names nobody. Trust goes; a ban
   * or a server's block stays, as a hash that still refuses them. Answers how many auctions
   * held any of them. Idempotent.
   */
  forget(bidderIds: readonly string[]): Promise<number>;
  /** Whether the auction holds a max of the bidder or a cooldown's time of their last bid (a refused one's too): `/c500 privacy`'s line, an erasure's look. */
  holdsBidder(auctionId: string, bidderId: string): Promise<boolean>;
  /** The lot's pre-bids are all in: live bids are taken from now on (see `AuctionTerms.preBidsUntilMs`). Idempotent. */
  preBidsIn(auctionId: string): Promise<void>;
  /** A banned bidder's bids are refused in every auction. */
  ban(bidderId: string): Promise<void>;
  /** Their strikes ended (a year after the last): their bids are taken again. Idempotent. */
  unban(bidderId: string): Promise<void>;
  /** A bidder who has paid for an order: no new-bidder limit for them, in any auction. */
  trust(bidderId: string): Promise<void>;
  /**
   * A server's trust rules, for its live auctions and those to come; ignored unless
   * `trust.version` is above the one the book holds. Until a server's rules are given, its
   * auctions apply none.
   */
  setGuildTrust(guildId: string, trust: GuildTrust): Promise<void>;
  /**
   * Adds one answered bid's counts to its server's minute (kept `tallyKeptMs`): the record
   * the show page reads, beside the book, so counting a bid never writes Firestore. The
   * Redis book gathers a second's counts in the process and sends them together (at most
   * one script call a second, not one a bid); a process reads its own counts at once.
   */
  tallyBid(guildId: string, atMs: number, counts: Readonly<Record<string, number>>): Promise<void>;
  /** The server's tallied minutes from `fromMs` to `toMs`, oldest first; a minute with nothing tallied is left out. */
  tallies(guildId: string, fromMs: number, toMs: number): Promise<MinuteTally[]>;
  /**
   * The synthetic probe's bid was decided (the book's outcome, or `book-unavailable`): kept
   * `probeDecisionKeptMs` under the probe bid's id for the probe to read, beside the book.
   */
  noteProbeDecision(probeId: string, decision: string): Promise<void>;
  /** What `noteProbeDecision` kept for the probe bid, if anything yet. */
  probeDecision(probeId: string): Promise<string | undefined>;
  /**
   * Counts one probe bid in the minute starting at `minuteMs` (one counter a minute, kept
   * `probeCountKeptMs`) and answers the minute's count, this bid included: the probe's rate limit.
   */
  countProbeBid(minuteMs: number): Promise<number>;
}

/**
 * How long a probe bid's decision is kept: the probe reads it within its run (15 reads a second
 * apart), so two minutes outlive a slow delivery; with the probe's rate limit, at most
 * `probeBidsPerMinute` × 2 decisions are ever in Redis.
 */
export const probeDecisionKeptMs = 2 * 60 * 1000;

/** How long a minute's count of probe bids is kept: past its minute, nothing reads it. */
export const probeCountKeptMs = 2 * 60 * 1000;

/** The minute an instant falls in, as tallies are keyed. */
export const minuteOf = (atMs: number) => Math.floor(atMs / 60_000) * 60_000;
