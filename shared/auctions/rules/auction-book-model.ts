/**
 * @module auction-book-model
 * The bid engine's rules in plain TypeScript, over auctions held in memory. It is the
 * sequential reference the Lua script in Redis is held to (property and differential
 * tests run both and compare every answer), and the book itself when no Redis answers.
 * Every method is synchronous and decides one operation completely before the next, which
 * is exactly what Redis gives the script. Time comes only from the `atMs` arguments, so
 * both implementations see the same clock.
 */
import { withdrawBidder } from './auction-book-withdraw';
import { forgetBidders } from './auction-book-forget';
import { answer, beginFinalCall, extend, hammerAt, hammerDue, noEmbed, slotForBid, snapshotOf, type AuctionState } from './auction-book-state';
import { winsDraw } from './sealed-draw';
import {
  embedIntervalMs,
  inFinalCall,
  incrementAt,
  nextMinimum,
  noGuildTrust,
  tooSoon,
  type AuctionSnapshot,
  type AuctionReading,
  type AuctionTerms,
  type BidOutcome,
  type BidRequest,
  type BidResult,
  type BidTarget,
  type CancelResult,
  type WithdrawResult,
  type EmbedSlot,
  type GuildTrust,
  type HammerResult,
  type OpenResult,
  type Standing,
  compareStandings,
} from './auction-book';

/** A server's trust rules as the book holds them. */
interface HeldTrust extends Omit<GuildTrust, 'blocked'> {
  blocked: ReadonlySet<string>;
}

export class AuctionBookModel {
  private readonly auctions = new Map<string, AuctionState>();
  /** channel id → the auction opened there last: `/bid` reaches it while it is live. */
  private readonly channels = new Map<string, AuctionState>();
  private readonly banned = new Set<string>();
  /** Bidders who have paid for an order: no new-bidder limit. */
  private readonly trusted = new Set<string>();
  private readonly guilds = new Map<string, HeldTrust>();

  /**
   * `clock`: the book's clock for what carries no time of its own (a withdrawal, an erasure),
   * so that one made once the stated end has passed begins the final call first and moves
   * nothing public. A bid's `receivedAtMs` is its clock. Without one, only a bid begins it.
   */
  constructor(private readonly clock?: () => number) {}

  /** The final call begins if the book's clock has reached the stated end. */
  private beginByClock(a: AuctionState): void {
    if (this.clock && a.status === 'live' && this.clock() >= a.endsAtMs) beginFinalCall(a);
  }

  open(terms: AuctionTerms): OpenResult {
    if (this.auctions.has(terms.auctionId)) return { kind: 'exists' };
    const other = this.liveIn(terms.channelId);
    if (other) return { kind: 'channel-busy', auctionId: other.terms.auctionId };
    const a: AuctionState = {
      terms: { ...terms, ladder: terms.ladder.map((rung) => ({ ...rung })) },
      status: 'live',
      priceCents: terms.startCents,
      // Stryker disable StringLiteral: read only once a bid has made a leader, which sets both
      leaderName: '',
      leaderToken: '',
      // Stryker restore StringLiteral
      leaderMaxCents: 0,
      leaderAtMs: 0,
      endsAtMs: terms.endsAtMs,
      preBidsUntilMs: terms.preBidsUntilMs ?? 0,
      version: 0,
      bidCount: 0,
      embedAtMs: 0,
      bids: [],
      seen: new Map(),
      tops: new Map(),
      lastBids: new Map(),
      answers: new Map(),
    };
    this.auctions.set(terms.auctionId, a);
    this.channels.set(terms.channelId, a);
    return { kind: 'opened' };
  }

  placeBid(target: BidTarget, bid: BidRequest): BidResult {
    const a = 'auctionId' in target ? this.auctions.get(target.auctionId) : this.liveIn(target.channelId);
    if (!a || ('auctionId' in target && target.channelId !== undefined && target.channelId !== a.terms.channelId) || bid.guildId !== a.terms.guildId)
      return { outcome: 'not-found', repeat: false, extended: false, embed: noEmbed() };

    const seen = a.seen.get(bid.bidId);
    if (seen) {
      // The bidder's max is theirs to see only while it is still the leading one.
      const stillLeads = (seen.outcome === 'leading' || seen.outcome === 'raised-max') && a.leaderId === seen.bidderId;
      return answer(a, seen.outcome, { repeat: true, yourMaxCents: stillLeads ? a.leaderMaxCents : undefined });
    }
    // Made once the hammer fell (the stated end plus the stream's delay), or reaching the book after its settle window: too late either way.
    if (a.status !== 'live' || bid.atMs >= hammerAt(a) || bid.receivedAtMs >= hammerDue(a)) return answer(a, 'closed');
    // Bounded by the start as by the end: made before it opened, it bid on nothing (and would win every tie as made first).
    if (bid.atMs < a.terms.opensAtMs) return answer(a, 'too-early');
    // A lot's pre-bids go in first: a live bid reaching the book before they are (or their hold lapsed) waits.
    if (!bid.proxy && bid.receivedAtMs < a.preBidsUntilMs) return answer(a, 'too-early');
    // The in-memory book is one process: the caller's clock is the book's.
    const sealed = inFinalCall({ endsAtMs: a.endsAtMs, begun: a.shown !== undefined }, bid.atMs, bid.receivedAtMs);
    // Typed in public chat, a bid in the final call was seen by all: refused in the same step that
    // decides the final call has begun, before anything (the cooldown's last bid) is kept. With no
    // final call (an auction from before them), one made in time and reaching the book late counts.
    if (sealed && bid.typedInPublic && hammerAt(a) > a.endsAtMs) return answer(a, 'private-only');
    if (this.banned.has(bid.bidderId)) return answer(a, 'banned');
    const trust = this.guilds.get(a.terms.guildId) ?? { ...noGuildTrust, blocked: new Set<string>() };
    const names = [bid.bidderId, bid.bidderAlias, bid.linkedBidderId];
    if (names.some((name) => name && trust.blocked.has(name))) return answer(a, 'blocked');
    // The builder by any account of theirs: their linked Twitch account, or a chatter linked to them.
    if (names.some((name) => name === a.terms.builderId || a.terms.builderLinkedIds?.some((id) => id === name))) return answer(a, 'own-auction');
    const refused = this.judgeTrust(a, bid, trust);
    if (refused) return refused;

    const ladder = a.terms.ladder;
    const before = { priceCents: a.priceCents, leaderId: a.leaderId };
    const least = nextMinimum({ leaderId: a.leaderId, priceCents: a.priceCents, startCents: a.terms.startCents }, ladder);
    // In the final call a bid need only beat what the public was shown; what it then buys is the proxy rule's.
    const floor = sealed && a.shown ? nextMinimum({ ...a.shown, startCents: a.terms.startCents }, ladder) : least;
    // Every sealed bid is a max (a second-price round): its amount is only the most it would pay.
    const topCents = sealed && !bid.proxy ? Math.max(bid.amountCents, bid.maxCents) : bid.maxCents;
    const amountCents = bid.proxy ? Math.min(bid.maxCents, Math.max(bid.amountCents, least)) : sealed ? floor : bid.amountCents;
    const notTaken = this.refusal(a, bid, { sealed, floor, topCents, amountCents });
    if (notTaken) return notTaken;
    // A refused bid changes nothing; an accepted one in the final call begins it first (if nothing had).
    if (sealed) beginFinalCall(a);
    let outcome: BidOutcome;
    let displaced: BidResult['displaced'];
    if (bid.bidderId === a.leaderId) {
      a.leaderMaxCents = topCents;
      a.leaderAtMs = bid.atMs;
      outcome = 'raised-max';
    } else if (a.leaderId === undefined) {
      a.leaderId = bid.bidderId;
      a.leaderMaxCents = topCents;
      a.leaderAtMs = bid.atMs;
      a.priceCents = amountCents;
      outcome = 'leading';
    } else if (topCents > a.leaderMaxCents || (topCents === a.leaderMaxCents && winsTie(a, bid, sealed))) {
      // The old leader's max answers first: the newcomer pays one step over it, at most their own max.
      const theirs = a.leaderMaxCents;
      a.priceCents = Math.max(amountCents, Math.min(topCents, theirs + incrementAt(theirs, ladder)));
      displaced = { bidderId: a.leaderId, responseToken: a.leaderToken };
      a.leaderId = bid.bidderId;
      a.leaderMaxCents = topCents;
      a.leaderAtMs = bid.atMs;
      outcome = 'leading';
    } else {
      // A lower max, or an equal one that lost the tie: the leader's max answers this bid at once.
      // Never below the price: a final call's bid (or a proxy) may be under what it stands at.
      a.priceCents = Math.max(a.priceCents, Math.min(a.leaderMaxCents, topCents + incrementAt(topCents, ladder)));
      outcome = 'outbid';
    }
    // A leader whose max meets the reserve pays at least the reserve (no reserve: 0, which every price meets).
    const reserve = a.terms.reserveCents;
    if (a.leaderMaxCents >= reserve) a.priceCents = Math.max(a.priceCents, reserve);

    const answered: BidOutcome = sealed ? 'sealed' : outcome;
    // The amount as asked (a proxy's is its hint): what the bidder chose, never what others' maxima made it.
    // A sealed bid is a max: it asked the shown minimum, up to its max.
    const asked = sealed && !bid.proxy ? { amountCents: floor, maxCents: topCents } : { amountCents: bid.amountCents, maxCents: bid.maxCents };
    this.record(a, { ...bid, ...asked }, answered, topCents);
    if (sealed) return answer(a, 'sealed');
    const moved = a.priceCents !== before.priceCents || a.leaderId !== before.leaderId;
    const extended = moved && extend(a, bid.atMs);
    return answer(a, outcome, {
      yourMaxCents: outcome === 'outbid' ? undefined : a.leaderMaxCents,
      displaced,
      extended,
      embed: slotForBid(a, bid.receivedAtMs),
    });
  }

  /**
   * What refuses a bid once the trust rules passed it: under the minimum (in the final call,
   * the shown one, judged first for everyone, the leader too: their probe is answered as
   * anyone's), or the leader bidding within their own max.
   */
  private refusal(a: AuctionState, bid: BidRequest, d: { sealed: boolean; floor: number; topCents: number; amountCents: number }): BidResult | undefined {
    if (d.sealed && !bid.proxy && d.topCents < d.floor) return answer(a, 'too-low');
    if (bid.bidderId === a.leaderId) {
      if (d.topCents > a.leaderMaxCents) return undefined;
      return d.sealed ? answer(a, 'sealed') : answer(a, 'already-leading', { yourMaxCents: a.leaderMaxCents });
    }
    // A proxy is never too low once someone leads: under the minimum, it is outbid at once below.
    if (d.amountCents < d.floor && !(bid.proxy && a.leaderId !== undefined)) return answer(a, 'too-low');
    return undefined;
  }

  liveAuctionIn(channelId: string): string | undefined {
    return this.liveIn(channelId)?.terms.auctionId;
  }

  /** The channel's auction while it is live: once it closes or is cancelled the channel has none. */
  private liveIn(channelId: string): AuctionState | undefined {
    const a = this.channels.get(channelId);
    return a?.status === 'live' ? a : undefined;
  }

  read(auctionId: string): AuctionSnapshot | undefined {
    const a = this.auctions.get(auctionId);
    return a && snapshotOf(a);
  }

  /**
   * The snapshot, and whether the final call has begun by the book's clock, `nowMs` (a
   * bid's `receivedAtMs` is its clock as well): the stated end has passed, or a bid sealed it.
   */
  reading(auctionId: string, nowMs: number): AuctionReading | undefined {
    const a = this.auctions.get(auctionId);
    if (!a) return undefined;
    return { ...snapshotOf(a), finalCallBegun: a.status === 'live' && (a.shown !== undefined || nowMs >= a.endsAtMs), bookNowMs: nowMs };
  }

  claimEmbedEdit(auctionId: string, behindMs: number, atMs: number): EmbedSlot {
    const a = this.auctions.get(auctionId);
    // A newer edit since `behindMs` means later bids scheduled their own trailing task.
    if (!a || a.status !== 'live' || a.embedAtMs !== behindMs) return noEmbed();
    if (atMs - a.embedAtMs >= embedIntervalMs) {
      a.embedAtMs = atMs;
      return { kind: 'now' };
    }
    return { kind: 'trailing', atMs: a.embedAtMs + embedIntervalMs, behindMs: a.embedAtMs };
  }

  hammer(auctionId: string, version: number, atMs: number): HammerResult {
    const a = this.auctions.get(auctionId);
    if (!a) return { kind: 'not-found' };
    if (a.status === 'cancelled') return { kind: 'cancelled' };
    if (a.status === 'live') {
      if (version !== a.version) return { kind: 'stale', version: a.version };
      if (atMs < hammerDue(a)) return { kind: 'early', dueAtMs: hammerDue(a), bookNowMs: atMs };
      a.status = 'closed';
    }
    const standings: Standing[] = [...a.tops].map(([bidderId, top]) => ({ bidderId, ...top }));
    const answers = [...a.answers].map(([bidderId, responseToken]) => ({ bidderId, responseToken })).sort((x, y) => (x.bidderId < y.bidderId ? -1 : 1));
    return { kind: 'closed', snapshot: snapshotOf(a), bids: a.bids.map((b) => ({ ...b })), standings: standings.sort(compareStandings), answers };
  }

  holdsBidder(auctionId: string, bidderId: string): boolean {
    const a = this.auctions.get(auctionId);
    return (a?.tops.has(bidderId) ?? false) || (a?.lastBids.has(bidderId) ?? false);
  }

  withdraw(auctionId: string, bidderId: string): WithdrawResult {
    const a = this.auctions.get(auctionId);
    if (!a) return 'not-found';
    if (a.status !== 'live') return 'not-live';
    this.beginByClock(a);
    return withdrawBidder(a, bidderId) ? 'withdrawn' : 'not-bidding';
  }

  /** Forgets bidders in every auction (`forgetBidders`) and the trusted list; a ban or block stays. Answers how many auctions held them. */
  forget(bidderIds: readonly string[]): number {
    const ids = [...new Set(bidderIds)].filter((id) => id !== '');
    let held = 0;
    for (const a of this.auctions.values()) {
      if (ids.length === 0) continue;
      this.beginByClock(a);
      if (forgetBidders(a, ids)) held += 1;
    }
    for (const id of ids) this.trusted.delete(id);
    return held;
  }

  preBidsIn(auctionId: string): void {
    const a = this.auctions.get(auctionId);
    if (a) a.preBidsUntilMs = 0;
  }

  cancel(auctionId: string, how?: { evenWithBids: boolean }): CancelResult {
    const a = this.auctions.get(auctionId);
    if (!a) return 'not-found';
    if (a.status !== 'live') return 'not-live';
    if (a.bidCount > 0 && !how?.evenWithBids) return 'has-bids';
    a.status = 'cancelled';
    return 'cancelled';
  }

  ban(bidderId: string): void {
    this.banned.add(bidderId);
  }

  unban(bidderId: string): void {
    this.banned.delete(bidderId);
  }

  trust(bidderId: string): void {
    this.trusted.add(bidderId);
  }

  setGuildTrust(guildId: string, trust: GuildTrust): void {
    if (trust.version <= (this.guilds.get(guildId)?.version ?? noGuildTrust.version)) return;
    this.guilds.set(guildId, { ...trust, blocked: new Set(trust.blocked) });
  }

  /**
   * The server's cooldown, then its new-bidder limit. A bid that passes the cooldown becomes
   * the bidder's latest (when made later than the one before), whatever is decided next.
   */
  private judgeTrust(a: AuctionState, bid: BidRequest, trust: HeldTrust): BidResult | undefined {
    if (trust.cooldownMs > 0) {
      const last = a.lastBids.get(bid.bidderId);
      if (tooSoon(last, bid, trust.cooldownMs)) return answer(a, 'slow-down', { cooldownMs: trust.cooldownMs });
      // It becomes the latest unless the latest was made after it (one made at the same moment is this same bid again).
      if (bid.atMs === Math.max(bid.atMs, last?.atMs ?? bid.atMs)) a.lastBids.set(bid.bidderId, { atMs: bid.atMs, bidId: bid.bidId });
    }
    const limit = trust.newBidderLimitCents;
    if (limit > 0 && Math.max(bid.amountCents, bid.maxCents) > limit && !this.trusted.has(bid.bidderId))
      return answer(a, 'over-new-bidder-limit', { newBidderLimitCents: limit });
    return undefined;
  }

  /** Everything an accepted bid leaves behind: standings, the log, and its id for redeliveries. */
  /** `answered`: what the bidder was told, which the log keeps too (a final call's bids, `sealed`). */
  /** `topCents`: the most the bid would pay (a sealed bid's amount counts as its max). */
  private record(a: AuctionState, bid: BidRequest, answered: BidOutcome, topCents: number): void {
    const top = a.tops.get(bid.bidderId);
    // The time a top was set breaks ties between runner-ups: it moves only when the top rises.
    const best = top && topCents <= top.topCents ? top : { topCents, atMs: bid.atMs };
    a.tops.set(bid.bidderId, { topCents: best.topCents, atMs: best.atMs, bidderName: bid.bidderName });
    a.answers.set(bid.bidderId, bid.responseToken);
    if (a.leaderId === bid.bidderId) {
      a.leaderName = bid.bidderName;
      a.leaderToken = bid.responseToken;
    }
    a.bidCount += 1;
    a.bids.push({
      bidId: bid.bidId,
      bidderId: bid.bidderId,
      bidderName: bid.bidderName,
      amountCents: bid.amountCents,
      maxCents: bid.maxCents,
      outcome: answered,
      priceCents: a.priceCents,
      // Stryker disable next-line StringLiteral: an accepted bid always leaves a leader; the fallback only satisfies the type
      leaderId: a.leaderId ?? '',
      atMs: bid.atMs,
    });
    // A redelivery is answered as the bid was: a sealed one stays sealed.
    a.seen.set(bid.bidId, { outcome: answered, bidderId: bid.bidderId });
  }
}

/**
 * Whether a bid with a max equal to the leader's takes the lead: in open bidding the earlier
 * made wins (eBay's rule, and the later bidder is told at once); in the final call the draw
 * committed to before it began decides, never speed.
 */
function winsTie(a: AuctionState, bid: BidRequest, sealed: boolean): boolean {
  if (!sealed) return bid.atMs < a.leaderAtMs;
  return a.leaderId !== undefined && winsDraw(a.terms.drawSeed ?? '', bid.bidderId, a.leaderId);
}
