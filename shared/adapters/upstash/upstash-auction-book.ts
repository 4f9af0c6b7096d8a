/**
 * @module upstash-auction-book
 * The production auction book: each operation that reads and then writes is one Lua
 * script in Redis (through Upstash's REST API), so bids on one auction are decided one at
 * a time however many land at once. The bids an instance gets for one auction within a few
 * milliseconds are one EVALSHA (`gathering`), each bid's answer carrying the state
 * after it. The connection returns raw strings (no automatic deserialization), so every
 * reply is checked field by field here: a malformed answer is an error, never a guess.
 *
 * Keys (prefix P, auction A, server G): `P auction:{A}` hash of state, `:bids` stream log,
 * `:seen` bid ids, `:tops`/`:topsAt` bidders' best maxes and when, `:names`, `:tokens`,
 * `:last` each bidder's latest bid (the cooldown); `P channel:<id>:auction` the live auction
 * in a channel; `P bidders:banned` and `P bidders:trusted` sets and `P guild:G:trust` the
 * server's trust rules and block list, which keep bidders' ids as keyed hashes (`keyed-ids`). A bid, the hammer and a cancel run one script over an
 * auction's keys together with its channel's pointer, the bidder sets and the server's
 * rules, which belong to no one auction and so share no hash slot with it: the book needs all its keys in one database, as Upstash (and a
 * single Redis) keeps them, and would not run on Redis Cluster. The `{A}` braces group
 * nothing that matters there; they stay because renaming keys would lose the auctions
 * live during a deploy.
 */
import type { Redis } from '@upstash/redis';
import { minuteOf, tallyKeptMs, type AuctionBook, type GuildTrust, type MinuteTally } from '../../ports';
import {
  ladderText,
  type AuctionReading,
  type AuctionTerms,
  type BidRequest,
  type BidResult,
  type BidTarget,
  type BidTiming,
  type CancelResult,
  type EmbedSlot,
  type HammerResult,
  type OpenResult,
} from '../../auctions';
import { bidArgCount, maxBidsPerCall } from './auction-scripts';
import { talliesOf } from './bid-tally';
import { auctionBookKeys, bookScripts } from './book-layout';
import { bidderOperations } from './bidder-operations';
import { probeDecisions } from './probe-decisions';
import { idHasher, idPurposes, type IdHasher } from './keyed-ids';
import { tallyBuffer } from './tally-buffer';
import { gathering, type GatheringOptions, type GatheringScheduler } from './gathering';
import { at, bidResults, digits, embedAt, hammerResult, malformed, optionalString, readingAt, strings } from './auction-book-replies';

export { auctionBookKeys } from './book-layout';

export interface UpstashAuctionBookOptions {
  /** Namespaces every key; tests use a fresh one per test. */
  keyPrefix?: string;
  /**
   * Keys the hash under which the bidder lists keep ids (`ID_HASH_KEY`): every instance sharing
   * the prefix must be given the same one, or bans, trust and blocks one wrote the others miss.
   */
  idKey: string;
  /**
   * How long the bids reaching this instance for one auction wait for company before the
   * script decides them together (`gathering`); default `bidGatherMs`. 0 turns gathering
   * off: every bid is a script call of its own, sent at once.
   */
  gatherMs?: number;
  /** The gathering's timers (tests drive their own); the process's when not given. */
  gatherScheduler?: GatheringScheduler;
  /** Told how many bids each bid script call decided. */
  onBidBatch?: (size: number) => void;
  /**
   * Tests only: the book's clock is the caller's instead of Redis's `TIME` (each bid's
   * `receivedAtMs`, and this for a withdrawal or an erasure), so the differential tests can
   * hold the script to the model at every boundary. Production and the local runtime leave it
   * unset: whether the final call has begun is Redis's clock's to say, never a process's.
   */
  callerClock?: () => number;
  /**
   * The local runtime only: how far its clock runs ahead of this machine's (the playground
   * moves it; a test's clock runs where it likes). The book's clock is then Redis's `TIME`
   * moved as far: still one clock for every process, whatever skew each one's has.
   */
  clockOffsetMs?: () => number;
}

/**
 * A bid waits at most this long for others on its auction (`C500_BID_GATHER_MS` overrides it):
 * tens of milliseconds against the hundreds a bid's answer takes, and at a 50,000-viewer herd
 * a lot's database gets one script call per instance per window instead of one per few bids
 * (docs/capacity.md). Which bids share a call never changes an answer: each is decided as alone,
 * judged at the time Discord received it; the final call's start is Redis's clock's, as for a
 * bid delayed anywhere else on its way.
 */
export const bidGatherMs = 40;

/** The channel pointer moved between our read and the script this many times in a row: give up. */
const pointerAttempts = 5;

/** Channels whose live auction we remember; a busy server has a handful, so this bound is only a guard. */
const rememberedChannels = 10_000;

export function createUpstashAuctionBook(redis: Redis, options: UpstashAuctionBookOptions): AuctionBook {
  const bookKeys = auctionBookKeys(options.keyPrefix ?? 'c500:');
  const { hashKey, auctionKeys, pointerKey, trustKey, tallyKey } = bookKeys;
  const scripts = bookScripts(redis);
  const hashId = idHasher(options.idKey, idPurposes.bidders);
  const tally = tallyBuffer(async (guildId, minuteMs, counts) => {
    const args = [String(tallyKeptMs), ...Object.entries(counts).flatMap(([name, n]) => [name, digits(n)])];
    await scripts.tally.exec([tallyKey(guildId, minuteMs)], args);
  });
  /** The hammer and cancel clear the channel's pointer, a key named by the channel the hash holds (it never changes). */
  const channelOf = async (auctionId: string) => optionalString(await redis.hget<string>(hashKey(auctionId), 'channel'));
  const { clockArg, clockMode } = clockArgs(options.callerClock, options.clockOffsetMs);
  const book: Book = { ...channelMemory(), keys: bookKeys, scripts, hashId, channelOf, onBidBatch: options.onBidBatch, clockMode };
  const gatherBids = bidGathering(book, { windowMs: options.gatherMs ?? bidGatherMs, maxSize: maxBidsPerCall, scheduler: options.gatherScheduler });

  return {
    open: (terms: AuctionTerms): Promise<OpenResult> => openAuction(book, terms),

    placeBid: async (target: BidTarget, bid: BidRequest, timing?: BidTiming): Promise<BidResult> => gatherBids(target, bid, timing),

    async liveAuctionIn(channelId: string): Promise<string | undefined> {
      const auctionId = optionalString(await redis.get<string>(pointerKey(channelId)));
      if (auctionId === undefined) return undefined;
      return optionalString(await redis.hget<string>(hashKey(auctionId), 'status')) === 'live' ? auctionId : undefined;
    },

    async read(auctionId: string): Promise<AuctionReading | undefined> {
      const reply = strings(await scripts.read.exec([hashKey(auctionId)], [clockArg()]));
      return reply.length === 0 ? undefined : readingAt(auctionId, reply);
    },

    async claimEmbedEdit(auctionId: string, behindMs: number, atMs: number): Promise<EmbedSlot> {
      const reply = strings(await scripts.claimEmbed.exec([hashKey(auctionId)], [digits(behindMs), digits(atMs)]));
      return embedAt(reply, 0, 'claimEmbedEdit');
    },

    async hammer(auctionId: string, version: number, atMs: number): Promise<HammerResult> {
      const channelId = await channelOf(auctionId);
      if (channelId === undefined) return { kind: 'not-found' };
      const keys = [...auctionKeys(auctionId), pointerKey(channelId)];
      // Redis's clock decides, as it sealed the bids; the caller's only where it is the book's (tests).
      const clock = options.callerClock ? digits(atMs) : clockArg();
      return hammerResult(auctionId, strings(await scripts.hammer.exec(keys, [digits(version), clock, auctionId])));
    },

    async cancel(auctionId: string, how?: { evenWithBids: boolean }): Promise<CancelResult> {
      const channelId = await channelOf(auctionId);
      if (channelId === undefined) return 'not-found';
      const reply = await scripts.cancel.exec(
        [...auctionKeys(auctionId), pointerKey(channelId)],
        [auctionId, how?.evenWithBids ? 'even-with-bids' : 'before-bids'],
      );
      if (reply === 'cancelled' || reply === 'has-bids' || reply === 'not-live' || reply === 'not-found') return reply;
      throw malformed('cancel', reply);
    },

    ...bidderOperations(redis, bookKeys, scripts, hashId, clockArg),
    ...probeDecisions(redis, bookKeys.probeKey, bookKeys.probeCountKey),

    async setGuildTrust(guildId: string, trust: GuildTrust): Promise<void> {
      // '' would pass for "no alias" in the bid script.
      const blocked = [...new Set(trust.blocked.filter((id) => id !== '').map(hashId))];
      const args = [digits(trust.version), digits(trust.newBidderLimitCents), digits(trust.cooldownMs), ...blocked];
      const reply = await scripts.trust.exec([trustKey(guildId)], args);
      if (reply !== 'set' && reply !== 'stale') throw malformed('setGuildTrust', reply);
    },

    async tallyBid(guildId: string, atMs: number, counts: Readonly<Record<string, number>>): Promise<void> {
      tally.add(guildId, atMs, counts);
    },

    async tallies(guildId: string, fromMs: number, toMs: number): Promise<MinuteTally[]> {
      await tally.flush();
      const minutes: number[] = [];
      for (let minuteMs = minuteOf(fromMs); minuteMs <= toMs; minuteMs += 60_000) minutes.push(minuteMs);
      if (minutes.length === 0) return [];
      return talliesOf(
        minutes,
        await scripts.tallies.exec(
          minutes.map((m) => tallyKey(guildId, m)),
          [],
        ),
      );
    },
  };
}

/**
 * The auction each channel's pointer named last time: a `/bid` without an auction id names it
 * to the script, which checks the pointer still does, so the bid is one round trip; only a new
 * auction in the channel costs a second.
 */
function channelMemory(): Pick<Book, 'liveInChannel' | 'remember'> {
  const liveInChannel = new Map<string, string>();
  const remember = (channelId: string, auctionId: string) => {
    if (liveInChannel.size >= rememberedChannels) liveInChannel.clear();
    if (auctionId === '') liveInChannel.delete(channelId);
    else liveInChannel.set(channelId, auctionId);
  };
  return { liveInChannel, remember };
}

/** The book's clock as the scripts take it: Redis's own TIME (''), moved by an offset, or a test's own. */
function clockArgs(callerClock: (() => number) | undefined, offsetMs: (() => number) | undefined): { clockArg: () => string; clockMode: () => string } {
  const moved = () => (offsetMs ? `offset:${Math.round(offsetMs())}` : '');
  return { clockArg: () => (callerClock ? digits(callerClock()) : moved()), clockMode: () => (callerClock ? 'caller' : moved()) };
}

/** What the book's operations share: its keys, its scripts, and what it remembers of the channels' pointers. */
interface Book {
  keys: ReturnType<typeof auctionBookKeys>;
  scripts: ReturnType<typeof bookScripts>;
  hashId: IdHasher;
  channelOf(auctionId: string): Promise<string | undefined>;
  liveInChannel: ReadonlyMap<string, string>;
  remember(channelId: string, auctionId: string): void;
  onBidBatch: ((size: number) => void) | undefined;
  /** The bid script's last ARGV: 'caller' when each bid's receivedAtMs is the book's clock, else Redis's TIME ('' or 'offset:<ms>'). */
  clockMode: () => string;
}

async function openAuction({ keys: { hashKey, pointerKey }, scripts }: Book, terms: AuctionTerms): Promise<OpenResult> {
  const hash = hashKey(terms.auctionId);
  const state = openingState(terms);
  // Usually the channel is free: first assume no pointer, and learn the one there if not.
  let expected = '';
  for (let attempt = 0; attempt < pointerAttempts; attempt++) {
    const reply = strings(
      await scripts.open.exec([hash, pointerKey(terms.channelId), expected ? hashKey(expected) : hash], [expected, terms.auctionId, ...state]),
    );
    const kind = at(reply, 0);
    if (kind === 'opened' || kind === 'exists') return { kind };
    if (kind === 'channel-busy') return { kind, auctionId: at(reply, 1) };
    if (kind !== 'retry') throw malformed('open', reply);
    expected = at(reply, 1);
  }
  throw new Error(`the auction pointer of channel ${terms.channelId} kept moving while opening ${terms.auctionId}`);
}

/** A new auction's hash, as field, value, field, value…: live, at its starting price, with no leader and no bids. */
function openingState(terms: AuctionTerms): string[] {
  return [
    ['channel', terms.channelId],
    ['message', terms.messageId],
    ['builder', terms.builderId],
    // Space-separated, as the bid script reads a bidder's other names.
    ['builderLinked', builderLinked(terms)],
    ['item', terms.item],
    ['currency', terms.currency],
    ['start', digits(terms.startCents)],
    ['reserve', digits(terms.reserveCents)],
    ['price', digits(terms.startCents)],
    ['leader', ''],
    ['leaderName', ''],
    ['leaderMax', '0'],
    ['leaderAt', '0'],
    ['opensAt', digits(terms.opensAtMs)],
    ['preBidsUntil', digits(terms.preBidsUntilMs ?? 0)],
    ['endsAt', digits(terms.endsAtMs)],
    ['settle', digits(terms.settleMs)],
    ['delay', digits(terms.streamDelayMs)],
    ['finalCall', digits(terms.finalCallMs)],
    ['version', '0'],
    ['counterMs', digits(terms.counterBidMs)],
    ['suddenDeath', terms.suddenDeath ? '1' : '0'],
    ['ladder', ladderText(terms.ladder)],
    ['guild', terms.guildId],
    ['bidCount', '0'],
    ['status', 'live'],
    ['embedAt', '0'],
    ['trailFor', ''],
    // The final call's draw (sealed-draw): never read back, only ranked by.
    ['drawSeed', terms.drawSeed ?? ''],
  ].flat();
}

/** The builder's other accounts, space-separated: an id with a space in it would be two. */
function builderLinked(terms: AuctionTerms): string {
  const ids = (terms.builderLinkedIds ?? []).filter((id) => id !== '');
  if (ids.some((id) => /\s/.test(id))) throw new RangeError('a builder’s linked account has a space in it');
  return ids.join(' ');
}

/** The bid script's ARGV[10]: the alias and the linked member; a name with a space in it would be two. */
function otherNames(bid: BidRequest): string[] {
  const names = [bid.bidderAlias, bid.linkedBidderId].filter((n): n is string => n !== undefined && n !== '');
  if (names.some((n) => /\s/.test(n))) throw new RangeError('a bidder’s alias or linked member has a space in it');
  return names;
}

/**
 * One auction's bids from this instance, gathered by where they go: each batch shares its target and server.
 * A bid's `timing` is told how long it waited for its batch to leave, and how long the batch's script call took.
 */
function bidGathering(book: Book, options: GatheringOptions): (target: BidTarget, bid: BidRequest, timing?: BidTiming) => Promise<BidResult> {
  const gather = gathering<GatheredBid, BidResult>(options, (_group, bids) => {
    const leftAtMs = performance.now();
    for (const b of bids) b.leftAtMs = leftAtMs;
    return placeBids(book, bids);
  });
  return async (target, bid, timing) => {
    const gathered = gatheredBid(target, bid, book.hashId);
    const joinedAtMs = performance.now();
    const result = await gather(gathered.group, gathered);
    if (timing) {
      const leftAtMs = gathered.leftAtMs ?? joinedAtMs;
      timing.gatheredMs += leftAtMs - joinedAtMs;
      timing.scriptMs += performance.now() - leftAtMs;
    }
    return result;
  };
}

/** A bid waiting for its batch: where it goes, the group of bids that go there too, and its part of the script's ARGV. */
interface GatheredBid {
  target: BidTarget;
  guildId: string;
  group: string;
  args: string[];
  /** When its batch's script call left (`performance.now()`), stamped as the batch leaves. */
  leftAtMs?: number;
}

/** Checked here, so a bid the book cannot take fails alone, never its batch. */
function gatheredBid(target: BidTarget, bid: BidRequest, hashId: IdHasher): GatheredBid {
  // '' is how the hash says "no leader": an empty bidder id would pass for one.
  if (bid.bidderId === '') throw new RangeError('a bid needs a bidder id');
  const others = otherNames(bid);
  const args = [
    bid.bidId,
    bid.bidderId,
    bid.bidderName,
    digits(bid.amountCents),
    digits(bid.maxCents),
    bid.responseToken,
    digits(bid.atMs),
    digits(bid.receivedAtMs),
    bid.guildId,
    others.join(' '),
    bid.proxy ? '1' : '',
    // The lists keep ids hashed: the script looks each name up in both forms.
    hashId(bid.bidderId),
    others.map(hashId).join(' '),
    bid.typedInPublic ? '1' : '',
  ];
  if (args.length !== bidArgCount) throw new Error('a bid’s arguments are out of step with the bid script');
  const where = 'auctionId' in target ? ['auction', target.auctionId, target.channelId ?? ''] : ['channel', target.channelId];
  return { target, guildId: bid.guildId, group: JSON.stringify([...where, bid.guildId]), args };
}

/** One script call (two when the channel's auction changed) for bids that share a target and a server, answered in order. */
async function placeBids(book: Book, bids: readonly GatheredBid[]): Promise<BidResult[]> {
  const { keys, scripts } = book;
  const { bidKeys, pointerKey } = keys;
  const first = bids[0];
  if (first === undefined) return [];
  const { target, guildId } = first;
  const count = bids.length;
  const args = bids.flatMap((b) => b.args);
  const notFound = () => bidResults('', ['not-found'], count);
  const run = (keyList: string[], expected: string) => {
    book.onBidBatch?.(count);
    return scripts.bid.exec(keyList, [expected, String(count), ...args, book.clockMode()]).then(strings);
  };
  const keysOf = (auctionId: string) => bidKeys(auctionId, guildId);
  const byId = async (auctionId: string) => bidResults(auctionId, await run(keysOf(auctionId), ''), count);
  if ('auctionId' in target) {
    if (target.channelId === undefined) return byId(target.auctionId);
    // One trip when the auction is the channel's live one: the script checks the pointer names it.
    const reply = await run([...keysOf(target.auctionId), pointerKey(target.channelId)], target.auctionId);
    if (at(reply, 0) !== 'retry') return bidResults(target.auctionId, reply, count);
    // Not the channel's live auction: an earlier one of this channel answers for itself
    // (closed), and one of any other channel or server is not found from here.
    return (await book.channelOf(target.auctionId)) === target.channelId ? byId(target.auctionId) : notFound();
  }
  const pointer = pointerKey(target.channelId);
  let expected = book.liveInChannel.get(target.channelId) ?? '';
  for (let attempt = 0; attempt < pointerAttempts; attempt++) {
    const reply = await run(expected ? [...keysOf(expected), pointer] : [pointer], expected);
    if (at(reply, 0) !== 'retry') {
      book.remember(target.channelId, expected);
      return bidResults(expected, reply, count);
    }
    expected = at(reply, 1);
    book.remember(target.channelId, expected);
    if (expected === '') return notFound();
  }
  throw new Error(`the auction pointer of channel ${target.channelId} kept moving while bidding`);
}
