/**
 * The production auction book (Lua in a real Redis, through the Upstash client and REST
 * bridge) held to the reference model: the rules operation by operation, random sequences
 * of every operation run on both with every answer compared, and herds of concurrent
 * bids whose decided order, replayed through the model, must give the very same answers.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Redis } from '@upstash/redis';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { retiredTtlMs } from '../../shared/adapters/upstash/auction-scripts';
import { newAuctionBookModel } from '../../shared/auctions';
import {
  acceptedOutcomes,
  type AuctionTerms,
  type BidRecord,
  type BidRequest,
  type BidResult,
  type BidTarget,
  type HammerResult,
  hammerAtMs,
  hammerDueMs,
} from '../../shared/auctions/rules/auction-book';
import type { AuctionBook, GuildTrust } from '../../shared/ports';
import { auctionTerms, GUILD, t0, testIdKey } from '../support/auction-book-fixtures';

// Runs against the real Redis behind the Upstash REST bridge started by jest's global setup.
const endpoint = { url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string };
const redis = connectAuctionBook(endpoint);
/** Several connections: bids from different ones reach Redis in no fixed order. */
const connections: Redis[] = [redis, connectAuctionBook(endpoint), connectAuctionBook(endpoint), connectAuctionBook(endpoint)];

const runId = randomUUID();
let books = 0;
const freshPrefix = () => `test:auction:${runId}:${++books}:`;
/**
 * The book's clock, given to the script and the model alike (`callerClock`): a bid's
 * `receivedAtMs`, and this for a withdrawal or an erasure. A random sequence moves it with its world.
 */
let bookClock: () => number = () => t0 + 1_000;
beforeEach(() => {
  bookClock = () => t0 + 1_000;
});
const callerClock = () => bookClock();
const freshBook = (prefix = freshPrefix()) => createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix: prefix, callerClock });

afterAll(async () => {
  const keys = await redis.keys(`test:auction:${runId}:*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
});

const isAccepted = (outcome: string) => (acceptedOutcomes as readonly string[]).includes(outcome);

// Quotes, a colon and a percent sign: the item must come back from Lua exactly as sent.
const terms = (over: Partial<AuctionTerms> = {}): AuctionTerms => auctionTerms({ item: 'Keyboard “Mk II”: 65%', ...over });

let seq = 0;
function bid(bidderId: string, amountCents: number, over: Partial<BidRequest> = {}): BidRequest {
  seq += 1;
  return {
    bidId: `bid:${seq}`,
    guildId: GUILD,
    bidderId,
    bidderName: `Name of ${bidderId} ✨`,
    amountCents,
    maxCents: amountCents,
    responseToken: `token-${bidderId}-${seq}`,
    atMs: t0 + 1_000,
    ...over,
    receivedAtMs: over.receivedAtMs ?? over.atMs ?? t0 + 1_000,
  };
}

/**
 * The Upstash book and the model side by side: every call goes to both, the answers must
 * be identical (`toStrictEqual`: no extra or missing field), and the book's is returned.
 */
function twin(book: AuctionBook = freshBook()) {
  const model = newAuctionBookModel(callerClock);
  const same = async <T>(fromBook: Promise<T>, fromModel: T): Promise<T> => {
    const answer = await fromBook;
    expect(answer).toStrictEqual(fromModel);
    return answer;
  };
  return {
    model,
    book,
    open: (t: AuctionTerms) => same(book.open(t), model.open(t)),
    placeBid: (target: BidTarget, b: BidRequest) => same(book.placeBid(target, b), model.placeBid(target, b)),
    liveAuctionIn: (channelId: string) => same(book.liveAuctionIn(channelId), model.liveAuctionIn(channelId)),
    // The book's word on the final call, on the clock both are given.
    read: (auctionId: string) => same(book.read(auctionId), model.reading(auctionId, callerClock())),
    claimEmbedEdit: (auctionId: string, behindMs: number, atMs: number) =>
      same(book.claimEmbedEdit(auctionId, behindMs, atMs), model.claimEmbedEdit(auctionId, behindMs, atMs)),
    hammer: (auctionId: string, version: number, atMs: number) => same(book.hammer(auctionId, version, atMs), model.hammer(auctionId, version, atMs)),
    cancel: (auctionId: string, how?: { evenWithBids: boolean }) => same(book.cancel(auctionId, how), model.cancel(auctionId, how)),
    preBidsIn: (auctionId: string) => same(book.preBidsIn(auctionId), model.preBidsIn(auctionId)),
    withdraw: (auctionId: string, bidderId: string) => same(book.withdraw(auctionId, bidderId), model.withdraw(auctionId, bidderId)),
    forget: (bidderIds: readonly string[]) => same(book.forget(bidderIds), model.forget(bidderIds)),
    holdsBidder: (auctionId: string, bidderId: string) => same(book.holdsBidder(auctionId, bidderId), model.holdsBidder(auctionId, bidderId)),
    ban: (bidderId: string) => same(book.ban(bidderId), model.ban(bidderId)),
    unban: (bidderId: string) => same(book.unban(bidderId), model.unban(bidderId)),
    trust: (bidderId: string) => same(book.trust(bidderId), model.trust(bidderId)),
    setGuildTrust: (guildId: string, trust: GuildTrust) => same(book.setGuildTrust(guildId, trust), model.setGuildTrust(guildId, trust)),
  };
}

/** A server's rules with no limit, cooldown or block unless told. */
const rules = (over: Partial<GuildTrust> = {}): GuildTrust => ({ version: 1, newBidderLimitCents: 0, cooldownMs: 0, blocked: [], ...over });

function closedOf(result: HammerResult): Extract<HammerResult, { kind: 'closed' }> {
  if (result.kind !== 'closed') throw new Error(`expected the auction closed, got ${result.kind}`);
  return result;
}

describe('the Upstash auction book, operation by operation (the model answering alongside)', () => {
  it('opens an auction once, and answers exists after', async () => {
    const both = twin();
    await expect(both.open(terms())).resolves.toEqual({ kind: 'opened' });
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000));
    await expect(both.open(terms({ startCents: 1 }))).resolves.toEqual({ kind: 'exists' });
    await expect(both.read('a1')).resolves.toMatchObject({ startCents: 1_000, bidCount: 1, status: 'live' });
    await expect(both.liveAuctionIn('c1')).resolves.toBe('a1');
  });

  it('keeps one live auction per channel, and frees the channel when it ends', async () => {
    const both = twin();
    await both.open(terms());
    await expect(both.open(terms({ auctionId: 'a2' }))).resolves.toEqual({ kind: 'channel-busy', auctionId: 'a1' });
    await expect(both.open(terms({ auctionId: 'a3', channelId: 'c2' }))).resolves.toEqual({ kind: 'opened' });
    closedOf(await both.hammer('a1', 0, t0 + 60_000));
    await expect(both.liveAuctionIn('c1')).resolves.toBeUndefined();
    await expect(both.open(terms({ auctionId: 'a2' }))).resolves.toEqual({ kind: 'opened' });
    await expect(both.liveAuctionIn('c1')).resolves.toBe('a2');
  });

  it('opens over a channel pointer left naming an auction that is gone', async () => {
    const prefix = freshPrefix();
    const book = freshBook(prefix);
    await redis.set(`${prefix}channel:c1:auction`, 'vanished');
    await expect(book.liveAuctionIn('c1')).resolves.toBeUndefined();
    await expect(book.open(terms())).resolves.toEqual({ kind: 'opened' });
    await expect(book.liveAuctionIn('c1')).resolves.toBe('a1');
  });

  it('leaves a channel pointer that names another auction when one closes or is cancelled', async () => {
    const prefix = freshPrefix();
    const book = freshBook(prefix);
    const pointer = `${prefix}channel:c1:auction`;
    await book.open(terms());
    await book.open(terms({ auctionId: 'a2', channelId: 'c2' }));
    // Not reachable through the book (one live auction per channel): a pointer rewritten under it.
    await redis.set(pointer, 'other');
    closedOf(await book.hammer('a1', 0, t0 + 60_000));
    expect(await redis.get(pointer)).toBe('other');
    await redis.set(`${prefix}channel:c2:auction`, 'other');
    await expect(book.cancel('a2')).resolves.toBe('cancelled');
    expect(await redis.get(`${prefix}channel:c2:auction`)).toBe('other');
  });

  it('bids by channel in one round trip once it knows the channel’s auction, and follows the channel to a new one', async () => {
    const both = twin();
    await both.open(terms());
    const roundTrips = jest.spyOn(globalThis, 'fetch');
    try {
      const trips = async (run: () => Promise<unknown>) => {
        roundTrips.mockClear();
        await run();
        return roundTrips.mock.calls.length;
      };
      // The first bid learns which auction the channel's pointer names; later ones name it to the script.
      expect(await trips(() => both.placeBid({ channelId: 'c1' }, bid('ann', 1_000)))).toBe(2);
      expect(await trips(() => both.placeBid({ channelId: 'c1' }, bid('bob', 1_100)))).toBe(1);
      closedOf(await both.hammer('a1', 0, t0 + 60_000));
      await both.open(terms({ auctionId: 'a2' }));
      // The pointer moved: the script says so and the bid follows it.
      const moved = await both.placeBid({ channelId: 'c1' }, bid('cat', 1_000, { atMs: t0 + 61_000 }));
      expect(moved.snapshot?.auctionId).toBe('a2');
      await both.placeBid({ channelId: 'c9' }, bid('dan', 1_000));
    } finally {
      roundTrips.mockRestore();
    }
  });

  it('finds an auction named by id only from the channel it was posted in, and places nothing from anywhere else', async () => {
    const both = twin();
    await both.open(terms());
    const notFound = { outcome: 'not-found', repeat: false, extended: false, embed: { kind: 'none' } };
    await expect(both.placeBid({ auctionId: 'a1', channelId: 'c-other-guild' }, bid('ann', 1_000))).resolves.toEqual(notFound);
    await expect(both.read('a1')).resolves.toMatchObject({ bidCount: 0 });
    expect((await both.placeBid({ auctionId: 'a1', channelId: 'c1' }, bid('ann', 1_000))).outcome).toBe('leading');
    // A later auction in the same channel: the earlier one, named from its own channel, answers closed.
    closedOf(await both.hammer('a1', 0, t0 + 60_000));
    await both.open(terms({ auctionId: 'a2' }));
    expect((await both.placeBid({ auctionId: 'a1', channelId: 'c1' }, bid('bob', 2_000))).outcome).toBe('closed');
    expect((await both.placeBid({ auctionId: 'a2', channelId: 'c1' }, bid('bob', 2_000))).outcome).toBe('leading');
    await expect(both.placeBid({ auctionId: 'a2', channelId: 'c2' }, bid('cy', 5_000))).resolves.toEqual(notFound);
  });

  it('answers not-found for an auction it never opened', async () => {
    const both = twin();
    await expect(both.placeBid({ auctionId: 'nope' }, bid('ann', 1_000))).resolves.toEqual({
      outcome: 'not-found',
      repeat: false,
      extended: false,
      embed: { kind: 'none' },
    });
    await expect(both.read('nope')).resolves.toBeUndefined();
    await expect(both.hammer('nope', 0, t0)).resolves.toEqual({ kind: 'not-found' });
    await expect(both.cancel('nope')).resolves.toBe('not-found');
    await expect(both.claimEmbedEdit('nope', 0, t0)).resolves.toEqual({ kind: 'none' });
  });

  it('refuses bids at the end, after the hammer, from banned bidders and from the builder', async () => {
    const both = twin();
    await both.open(terms());
    await both.open(terms({ auctionId: 'a2', channelId: 'c2' }));
    await both.ban('bob');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_000))).outcome).toBe('banned');
    expect((await both.placeBid({ auctionId: 'a2' }, bid('bob', 1_000))).outcome).toBe('banned');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('builder', 1_000))).outcome).toBe('own-auction');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 60_000 }))).outcome).toBe('closed');
    await both.hammer('a1', 0, t0 + 60_000);
    expect((await both.placeBid({ auctionId: 'a2' }, bid('ann', 1_000, { atMs: t0 - 1, receivedAtMs: t0 + 1_000 }))).outcome).toBe('too-early');
    const late = await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000));
    expect(late).toMatchObject({ outcome: 'closed', snapshot: { status: 'closed', bidCount: 0 } });
  });

  it('takes a bidder’s bids again once their ban ended, in every auction, and an unban of nobody banned changes nothing', async () => {
    const both = twin();
    await both.open(terms());
    await both.ban('bob');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_000))).outcome).toBe('banned');
    await both.unban('bob');
    await both.unban('cyd');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_000))).outcome).toBe('leading');
  });

  it('refuses as the builder’s own a bid from their linked Twitch account, or from a chatter linked to them', async () => {
    const both = twin();
    await both.open(terms({ builderLinkedIds: ['twitch:77'] }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('twitch:77', 1_000, { bidderAlias: 'twitch-login:maker' }))).outcome).toBe('own-auction');
    const linked = bid('twitch:78', 1_000, { bidderAlias: 'twitch-login:maker2', linkedBidderId: 'builder' });
    expect((await both.placeBid({ auctionId: 'a1' }, linked)).outcome).toBe('own-auction');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('twitch:79', 1_000, { bidderAlias: 'twitch-login:fan' }))).outcome).toBe('leading');
  });

  it('refuses a bid below the next minimum, and leaves a leader within their max alone', async () => {
    const both = twin();
    await both.open(terms());
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 999))).outcome).toBe('too-low');
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 2_900, { maxCents: 4_000 }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 2_999))).outcome).toBe('too-low');
    const within = await both.placeBid({ auctionId: 'a1' }, bid('ann', 3_500, { maxCents: 4_000 }));
    expect(within).toMatchObject({ outcome: 'already-leading', yourMaxCents: 4_000, snapshot: { priceCents: 2_900, bidCount: 1, nextMinimumCents: 3_000 } });
  });

  it('bids by proxy: a higher max leads one step over the old one and displaces it; a lower or equal one is outbid at once', async () => {
    const both = twin();
    await both.open(terms());
    const ann = bid('ann', 1_000, { maxCents: 4_000 });
    await both.placeBid({ auctionId: 'a1' }, ann);
    const lower = await both.placeBid({ auctionId: 'a1' }, bid('bob', 2_000, { maxCents: 3_000 }));
    expect(lower).toMatchObject({ outcome: 'outbid', snapshot: { leaderId: 'ann', priceCents: 3_200 } });
    const tie = await both.placeBid({ auctionId: 'a1' }, bid('cat', 4_000));
    expect(tie).toMatchObject({ outcome: 'outbid', snapshot: { leaderId: 'ann', priceCents: 4_000 } });
    const over = await both.placeBid({ auctionId: 'a1' }, bid('dan', 4_200, { maxCents: 9_000 }));
    expect(over).toMatchObject({
      outcome: 'leading',
      yourMaxCents: 9_000,
      displaced: { bidderId: 'ann', responseToken: ann.responseToken },
      snapshot: { leaderId: 'dan', priceCents: 4_200 },
    });
    const raised = await both.placeBid({ auctionId: 'a1' }, bid('dan', 4_200, { maxCents: 12_000 }));
    expect(raised).toMatchObject({ outcome: 'raised-max', yourMaxCents: 12_000, snapshot: { priceCents: 4_200 } });
  });

  it('lifts the price to the reserve once the leader’s max meets it', async () => {
    const both = twin();
    await both.open(terms({ reserveCents: 5_000 }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 4_999 }))).snapshot).toMatchObject({ priceCents: 1_000, reserveMet: false });
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { maxCents: 5_000 }))).snapshot).toMatchObject({
      priceCents: 5_000,
      reserveMet: true,
      leaderId: 'bob',
    });
  });

  it('never lets a price fall below zero in an auction with no reserve, when a max under the amount is answered at once', async () => {
    const both = twin();
    await both.open(terms({ startCents: 0 }));
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 0, { maxCents: 100 }));
    // A max under its amount (the command refuses those): the leader answers one step over it, −1¢, held at the reserve of 0.
    const answered = await both.placeBid({ auctionId: 'a1' }, bid('bob', 100, { maxCents: -101 }));
    expect(answered).toMatchObject({ outcome: 'outbid', snapshot: { leaderId: 'ann', priceCents: 0, nextMinimumCents: 100 } });
    expect(closedOf(await both.hammer('a1', 0, t0 + 60_000)).bids.map((b: BidRecord) => b.priceCents)).toEqual([0, 0]);
  });

  it('moves the end for a counter-bid near it, to a whole second, bumping the version the hammer must match', async () => {
    const both = twin();
    await both.open(terms({ endsAtMs: t0 + 60_000, counterBidMs: 10_000 }));
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 2_000, atMs: t0 + 30_000 }));
    const counter = await both.placeBid({ auctionId: 'a1' }, bid('bob', 3_000, { atMs: t0 + 55_300 }));
    expect(counter).toMatchObject({ outcome: 'leading', extended: true, snapshot: { endsAtMs: t0 + 66_000, version: 1 } });
    const sameSecond = await both.placeBid({ auctionId: 'a1' }, bid('ann', 3_200, { atMs: t0 + 55_800 }));
    expect(sameSecond).toMatchObject({ extended: false, snapshot: { endsAtMs: t0 + 66_000, version: 1 } });
    await expect(both.hammer('a1', 0, t0 + 66_000)).resolves.toEqual({ kind: 'stale', version: 1 });
    await expect(both.hammer('a1', 1, t0 + 65_999)).resolves.toEqual({ kind: 'early', dueAtMs: t0 + 66_000, bookNowMs: t0 + 65_999 });
    expect(closedOf(await both.hammer('a1', 1, t0 + 66_000)).snapshot).toMatchObject({ status: 'closed', leaderId: 'ann', priceCents: 3_200 });
  });

  it('takes bids in the final call after the stated end sealed: nothing public moves, and the hammer gives the proxy rule’s result', async () => {
    const both = twin();
    await both.open(terms({ endsAtMs: t0 + 60_000, streamDelayMs: 12_000, finalCallMs: 20_000, counterBidMs: 10_000, settleMs: 2_000 }));
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, atMs: t0 + 30_000 }));
    // Made after the stated end: sealed, never extending, whatever it does to the book.
    const sealed = await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { maxCents: 5_000, atMs: t0 + 61_500 }));
    expect(sealed).toMatchObject({
      outcome: 'sealed',
      extended: false,
      embed: { kind: 'none' },
      snapshot: { leaderId: 'ann', priceCents: 1_000, bidCount: 1 },
    });
    expect(sealed.displaced).toBeUndefined();
    // Made before the end, reaching the book after it: sealed too.
    const late = await both.placeBid({ auctionId: 'a1' }, bid('cat', 1_100, { maxCents: 4_000, atMs: t0 + 59_000, receivedAtMs: t0 + 60_500 }));
    expect(late).toMatchObject({ outcome: 'sealed', extended: false, snapshot: { leaderId: 'ann', priceCents: 1_000, version: 0 } });
    expect(await both.read('a1')).toMatchObject({ leaderId: 'ann', priceCents: 1_000, bidCount: 1, finalCallMs: 20_000 });
    expect((await both.placeBid({ auctionId: 'a1' }, bid('dan', 9_000, { atMs: t0 + 80_000 }))).outcome).toBe('closed');
    await expect(both.hammer('a1', 0, t0 + 81_999)).resolves.toEqual({ kind: 'early', dueAtMs: t0 + 82_000, bookNowMs: t0 + 81_999 });
    // Bob's 5,000 beats cat's 4,000 and ann's 3,000: one step over the second-best max.
    expect(closedOf(await both.hammer('a1', 0, t0 + 82_000)).snapshot).toMatchObject({
      leaderId: 'bob',
      priceCents: 4_200,
      bidCount: 3,
      endsAtMs: t0 + 60_000,
    });
  });

  it('refuses a bid typed in public chat once the final call has begun, keeping nothing, and takes it as any bid before', async () => {
    const both = twin();
    await both.open(terms({ finalCallMs: 20_000, counterBidMs: 10_000, settleMs: 2_000 }));
    await both.setGuildTrust(GUILD, rules({ cooldownMs: 1_000 }));
    const inPublic = (bidderId: string, cents: number, over: Partial<BidRequest>) => bid(bidderId, cents, { ...over, typedInPublic: true });
    // Before the final call: a bid like any other, which leads.
    expect(await both.placeBid({ auctionId: 'a1' }, inPublic('ann', 1_000, { atMs: t0 + 30_000 }))).toMatchObject({ outcome: 'leading' });
    const shown = await both.read('a1');
    // Stamped before the end, reaching the book once its clock passed it: the book decides the final call has begun, and refuses it.
    expect(await both.placeBid({ auctionId: 'a1' }, inPublic('bob', 5_000, { atMs: t0 + 59_500, receivedAtMs: t0 + 60_100 }))).toMatchObject({
      outcome: 'private-only',
      extended: false,
      embed: { kind: 'none' },
    });
    // Made after the end: refused too. Nothing kept, not even bob's cooldown: his private bid 10 ms later is taken, sealed.
    expect((await both.placeBid({ auctionId: 'a1' }, inPublic('bob', 5_000, { atMs: t0 + 61_000 }))).outcome).toBe('private-only');
    expect(await both.holdsBidder('a1', 'bob')).toBe(false);
    expect(await both.read('a1')).toEqual(shown);
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 5_000, { atMs: t0 + 61_010 }))).outcome).toBe('sealed');
    // Once a sealed bid began it, one stamped and read before the end is refused as well.
    expect((await both.placeBid({ auctionId: 'a1' }, inPublic('cat', 9_000, { atMs: t0 + 59_000, receivedAtMs: t0 + 59_000 }))).outcome).toBe('private-only');
    expect(closedOf(await both.hammer('a1', 0, t0 + 82_000)).snapshot).toMatchObject({ leaderId: 'bob', bidCount: 2 });
  });

  it('takes a sudden-death bid made a millisecond before the final call’s end, sealed, and none made at it', async () => {
    const both = twin();
    await both.open(terms({ suddenDeath: true, counterBidMs: 0, streamDelayMs: 12_000, finalCallMs: 17_000 }));
    expect(await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 76_999 }))).toMatchObject({ outcome: 'sealed', extended: false });
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 5_000, { atMs: t0 + 77_000 }))).outcome).toBe('closed');
  });

  it('places a proxy at the book’s own minimum, however the price moved since it was read, and never refuses it as too low', async () => {
    const both = twin();
    await both.open(terms());
    await both.placeBid({ auctionId: 'a1' }, bid('live', 3_000, { maxCents: 3_000, atMs: t0 + 1_000 }));
    // Read at the open (1,000), placed after a live bid made it 3,000: it leads one step over the live max.
    expect(await both.placeBid({ auctionId: 'a1' }, bid('pre', 1_000, { maxCents: 8_500, atMs: t0, proxy: true }))).toMatchObject({
      outcome: 'leading',
      snapshot: { leaderId: 'pre', priceCents: 3_200 },
    });
    // A proxy whose max is under the minimum is outbid at once, and still raises the price to one step over it.
    expect(await both.placeBid({ auctionId: 'a1' }, bid('low', 1_000, { maxCents: 4_000, atMs: t0, proxy: true }))).toMatchObject({
      outcome: 'outbid',
      snapshot: { leaderId: 'pre', priceCents: 4_200 },
    });
  });

  it('opens a lot to its pre-bids first: a live bid is too early until they are in (or the hold lapses), a pre-bid’s proxy is taken', async () => {
    const both = twin();
    await both.open(terms({ preBidsUntilMs: t0 + 30_000 }));
    expect(await both.placeBid({ auctionId: 'a1' }, bid('live', 3_000, { atMs: t0 + 500 }))).toMatchObject({ outcome: 'too-early' });
    expect(await both.placeBid({ auctionId: 'a1' }, bid('pre', 1_000, { maxCents: 8_500, atMs: t0, proxy: true }))).toMatchObject({ outcome: 'leading' });
    await both.preBidsIn('a1');
    await both.preBidsIn('a1');
    await both.preBidsIn('nope');
    expect(await both.placeBid({ auctionId: 'a1' }, bid('live', 3_000, { atMs: t0 + 1_000 }))).toMatchObject({
      outcome: 'outbid',
      snapshot: { leaderId: 'pre', priceCents: 3_200 },
    });
    // Another lot whose placer never said so: live bids are taken once the hold lapses, by when they reach the book.
    await both.open(terms({ auctionId: 'a2', channelId: 'c2', preBidsUntilMs: t0 + 30_000 }));
    expect(await both.placeBid({ auctionId: 'a2' }, bid('late', 3_000, { atMs: t0 + 29_000, receivedAtMs: t0 + 29_999 }))).toMatchObject({
      outcome: 'too-early',
    });
    expect(await both.placeBid({ auctionId: 'a2' }, bid('late', 3_000, { atMs: t0 + 29_000, receivedAtMs: t0 + 30_000 }))).toMatchObject({
      outcome: 'leading',
    });
  });

  it('withdraws an erased bidder who led: the best of the rest leads at the proxy rule’s price, and a later bid meets only those left', async () => {
    const both = twin();
    await both.open(terms());
    await both.placeBid({ auctionId: 'a1' }, bid('bo', 4_000, { atMs: t0 + 1_000 }));
    await both.placeBid({ auctionId: 'a1' }, bid('cy', 4_200, { maxCents: 4_500, atMs: t0 + 2_000 }));
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 5_000, { maxCents: 9_000, atMs: t0 + 3_000 }));
    expect(await both.read('a1')).toMatchObject({ leaderId: 'ann' });
    expect(await both.holdsBidder('a1', 'ann')).toBe(true);
    expect(await both.withdraw('a1', 'ann')).toBe('withdrawn');
    expect(await both.holdsBidder('a1', 'ann')).toBe(false);
    expect(await both.holdsBidder('nope', 'ann')).toBe(false);
    // cy's $45 max leads one step over bo's $40, never under the most anyone left bid ($42).
    expect(await both.read('a1')).toMatchObject({ leaderId: 'cy', priceCents: 4_200 });
    expect(await both.withdraw('a1', 'ann')).toBe('not-bidding');
    // ann's max no longer answers: a new bid meets cy's.
    expect(await both.placeBid({ auctionId: 'a1' }, bid('dee', 5_000, { atMs: t0 + 4_000 }))).toMatchObject({
      outcome: 'leading',
      snapshot: { priceCents: 5_000 },
    });
    expect(closedOf(await both.hammer('a1', 0, t0 + 200_000)).standings.map((s) => s.bidderId)).toEqual(['dee', 'cy', 'bo']);
    expect(await both.withdraw('a1', 'dee')).toBe('not-live');
    expect(await both.withdraw('nope', 'dee')).toBe('not-found');
  });

  it('withdraws the bidder whose max set the price, lowering it to the next best, and leaves it alone for anyone else', async () => {
    const both = twin();
    await both.open(terms({ reserveCents: 4_500 }));
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 3_000, { maxCents: 10_000, atMs: t0 + 1_000 }));
    expect(await both.placeBid({ auctionId: 'a1' }, bid('bo', 4_800, { atMs: t0 + 2_000 }))).toMatchObject({ outcome: 'outbid' });
    expect(await both.placeBid({ auctionId: 'a1' }, bid('eve', 6_000, { atMs: t0 + 3_000 }))).toMatchObject({ outcome: 'outbid' });
    const before = await both.read('a1');
    expect(await both.withdraw('a1', 'bo')).toBe('withdrawn');
    expect(await both.read('a1')).toStrictEqual(before);
    expect(await both.withdraw('a1', 'eve')).toBe('withdrawn');
    // Nobody else is left (bo went first, and his bids count no more): the most ann bid, lifted to the reserve her max meets.
    expect(await both.read('a1')).toMatchObject({ leaderId: 'ann', priceCents: 4_500, reserveMet: true });
  });

  it('withdraws the shown leader of a final call: the public keeps what it saw, less their name', async () => {
    const both = twin();
    await both.open(terms({ finalCallMs: 10_000 }));
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 4_000, { atMs: t0 + 1_000 }));
    const end = terms().endsAtMs;
    expect(await both.placeBid({ auctionId: 'a1' }, bid('bo', 5_000, { atMs: end + 1_000 }))).toMatchObject({ outcome: 'sealed' });
    expect(await both.withdraw('a1', 'ann')).toBe('withdrawn');
    expect(await both.read('a1')).toMatchObject({ leaderId: 'ann', leaderName: '', priceCents: 4_000 });
    // bo's sealed $50 is a max: alone, he pays the shown minimum.
    expect(closedOf(await both.hammer('a1', 0, end + 200_000)).snapshot).toMatchObject({ leaderId: 'bo', priceCents: 4_200 });
  });

  it('never moves the end of a sudden-death auction', async () => {
    const both = twin();
    await both.open(terms({ suddenDeath: true, counterBidMs: 0 }));
    expect(await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 59_999 }))).toMatchObject({
      extended: false,
      snapshot: { endsAtMs: t0 + 60_000, version: 0 },
    });
  });

  it('hands out one embed edit a second and one trailing task per edit', async () => {
    const both = twin();
    await both.open(terms());
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 10_000 }))).embed).toEqual({ kind: 'now' });
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { atMs: t0 + 10_100 }))).embed).toEqual({
      kind: 'trailing',
      atMs: t0 + 11_000,
      behindMs: t0 + 10_000,
    });
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_200, { atMs: t0 + 10_200 }))).embed).toEqual({ kind: 'none' });
    await expect(both.claimEmbedEdit('a1', t0 + 10_000, t0 + 10_900)).resolves.toEqual({ kind: 'trailing', atMs: t0 + 11_000, behindMs: t0 + 10_000 });
    await expect(both.claimEmbedEdit('a1', t0 + 10_000, t0 + 11_000)).resolves.toEqual({ kind: 'now' });
    await expect(both.claimEmbedEdit('a1', t0 + 10_000, t0 + 12_000)).resolves.toEqual({ kind: 'none' });
  });

  it('closes with the full bid log and standings, the same answer every time, and retires the keys', async () => {
    const prefix = freshPrefix();
    const both = twin(freshBook(prefix));
    await both.open(terms());
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 2_000, atMs: t0 + 1, bidderName: 'Ann: "the first"' }));
    await both.placeBid({ auctionId: 'a1' }, bid('000123', 1_500, { maxCents: 2_000, atMs: t0 + 2 }));
    await both.placeBid({ auctionId: 'a1' }, bid('cat', 2_100, { maxCents: 2_500, atMs: t0 + 3 }));
    await both.placeBid({ auctionId: 'a1' }, bid('dan', 100, { atMs: t0 + 4 }));
    const closed = closedOf(await both.hammer('a1', 0, t0 + 60_000));
    expect(closed.bids.map((b: BidRecord) => [b.bidderId, b.outcome, b.priceCents, b.leaderId])).toEqual([
      ['ann', 'leading', 1_000, 'ann'],
      ['000123', 'outbid', 2_000, 'ann'],
      ['cat', 'leading', 2_100, 'cat'],
    ]);
    expect(closed.standings).toEqual([
      { bidderId: 'cat', bidderName: 'Name of cat ✨', topCents: 2_500, atMs: t0 + 3 },
      { bidderId: 'ann', bidderName: 'Ann: "the first"', topCents: 2_000, atMs: t0 + 1 },
      { bidderId: '000123', bidderName: 'Name of 000123 ✨', topCents: 2_000, atMs: t0 + 2 },
    ]);
    await expect(both.hammer('a1', 5, t0)).resolves.toStrictEqual(closed);
    await expect(both.liveAuctionIn('c1')).resolves.toBeUndefined();
    for (const suffix of ['', ':bids', ':seen', ':tops', ':topsAt', ':names', ':tokens']) {
      const ttl = Number(await redis.pttl(`${prefix}auction:{a1}${suffix}`));
      expect(ttl).toBeGreaterThan(retiredTtlMs - 60_000);
      expect(ttl).toBeLessThanOrEqual(retiredTtlMs);
    }
  });

  it('ranks runner-ups by the time they first reached their best, then by id', async () => {
    const both = twin();
    await both.open(terms());
    await both.placeBid({ auctionId: 'a1' }, bid('zed', 1_000, { maxCents: 3_000, atMs: t0 + 5 }));
    await both.placeBid({ auctionId: 'a1' }, bid('bob', 3_000, { atMs: t0 + 5 }));
    await both.placeBid({ auctionId: 'a1' }, bid('amy', 3_200, { maxCents: 3_000, atMs: t0 + 5 }));
    await both.placeBid({ auctionId: 'a1' }, bid('cat', 3_200, { maxCents: 3_000, atMs: t0 + 4 }));
    // A max that only equals bob's best (under its amount: the command refuses those) keeps his time.
    await both.placeBid({ auctionId: 'a1' }, bid('bob', 3_200, { maxCents: 3_000, atMs: t0 + 9 }));
    const closed = closedOf(await both.hammer('a1', 0, t0 + 60_000));
    expect(closed.standings.map((s) => [s.bidderId, s.atMs])).toEqual([
      ['cat', t0 + 4],
      ['amy', t0 + 5],
      ['bob', t0 + 5],
      ['zed', t0 + 5],
    ]);
  });

  it('cancels only before the first bid', async () => {
    const both = twin();
    await both.open(terms());
    await both.open(terms({ auctionId: 'a2', channelId: 'c2' }));
    await both.placeBid({ auctionId: 'a2' }, bid('ann', 1_000));
    await expect(both.cancel('a2')).resolves.toBe('has-bids');
    await expect(both.cancel('a1')).resolves.toBe('cancelled');
    await expect(both.cancel('a1')).resolves.toBe('not-live');
    await expect(both.hammer('a1', 0, t0 + 60_000)).resolves.toEqual({ kind: 'cancelled' });
    await expect(both.liveAuctionIn('c1')).resolves.toBeUndefined();
    await expect(both.liveAuctionIn('c2')).resolves.toBe('a2');
  });

  it('cancels an auction with bids when asked to even so (its builder cannot be paid): the next bid is refused as closed, the hammer says cancelled', async () => {
    const both = twin();
    await both.open(terms());
    await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000));
    await expect(both.cancel('a1', { evenWithBids: true })).resolves.toBe('cancelled');
    await expect(both.cancel('a1', { evenWithBids: true })).resolves.toBe('not-live');
    const refused = await both.placeBid({ auctionId: 'a1' }, bid('bob', 5_000));
    expect(refused).toMatchObject({ outcome: 'closed', snapshot: { status: 'cancelled' } });
    await expect(both.liveAuctionIn('c1')).resolves.toBeUndefined();
    await expect(both.hammer('a1', 0, t0 + 600_000)).resolves.toEqual({ kind: 'cancelled' });
  });

  it('counts a redelivered bid once, answering it as a repeat', async () => {
    const both = twin();
    await both.open(terms());
    const first = bid('ann', 1_000, { maxCents: 3_000 });
    await both.placeBid({ auctionId: 'a1' }, first);
    const again = await both.placeBid({ auctionId: 'a1' }, { ...first, atMs: t0 + 2_000 });
    expect(again).toMatchObject({ outcome: 'leading', repeat: true, yourMaxCents: 3_000, snapshot: { bidCount: 1 } });
    await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { maxCents: 5_000 }));
    const late = await both.placeBid({ auctionId: 'a1' }, first);
    expect(late.repeat).toBe(true);
    expect(late.yourMaxCents).toBeUndefined();
    expect(closedOf(await both.hammer('a1', 0, t0 + 60_000)).bids).toHaveLength(2);
  });
});

describe('the Upstash auction book’s trust rules, operation by operation (the model answering alongside)', () => {
  it('finds an auction only from its own server', async () => {
    const both = twin();
    await both.open(terms());
    const elsewhere = await both.placeBid({ auctionId: 'a1', channelId: 'c1' }, bid('ann', 1_000, { guildId: 'another-server' }));
    expect(elsewhere).toEqual({ outcome: 'not-found', repeat: false, extended: false, embed: { kind: 'none' } });
    await expect(both.read('a1')).resolves.toMatchObject({ bidCount: 0 });
  });

  it('applies no rules in a server the book was never given rules for', async () => {
    const both = twin();
    await both.open(terms());
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 90_000_000 }))).outcome).toBe('leading');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 95_000_000 }))).outcome).toBe('raised-max');
  });

  it('refuses a blocked member, and a chatter blocked by login alias before they ever bid, in a live auction; unblocked, they bid', async () => {
    const both = twin();
    await both.open(terms());
    await both.setGuildTrust(GUILD, rules({ blocked: ['bob', 'twitch-login:cyd'] }));
    const blocked = await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_000));
    expect(blocked).toMatchObject({ outcome: 'blocked', repeat: false, snapshot: { bidCount: 0 } });
    expect((await both.placeBid({ auctionId: 'a1' }, bid('twitch:42', 1_000, { bidderAlias: 'twitch-login:cyd' }))).outcome).toBe('blocked');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('twitch:43', 1_000, { bidderAlias: 'twitch-login:dee' }))).outcome).toBe('leading');
    // A chatter whose Twitch account is linked to a blocked member.
    const linked = bid('twitch:44', 1_100, { bidderAlias: 'twitch-login:eve', linkedBidderId: 'bob' });
    expect((await both.placeBid({ auctionId: 'a1' }, linked)).outcome).toBe('blocked');
    await both.setGuildTrust(GUILD, rules({ version: 2, blocked: ['twitch-login:cyd'] }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_100))).outcome).toBe('leading');
    // Blocked in one server only.
    await both.open(terms({ auctionId: 'a2', channelId: 'c2', guildId: 'g2' }));
    expect((await both.placeBid({ auctionId: 'a2' }, bid('twitch:42', 1_000, { guildId: 'g2', bidderAlias: 'twitch-login:cyd' }))).outcome).toBe('leading');
  });

  it('keeps the newest rules it was given, whatever order they arrive in', async () => {
    const both = twin();
    await both.open(terms());
    await both.setGuildTrust(GUILD, rules({ version: 3, blocked: ['bob'] }));
    await both.setGuildTrust(GUILD, rules({ version: 2 }));
    await both.setGuildTrust(GUILD, rules({ version: 3 }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_000))).outcome).toBe('blocked');
    await both.setGuildTrust(GUILD, rules({ version: 4 }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_000))).outcome).toBe('leading');
  });

  it('holds a new bidder’s amount and max to the limit, naming it, until they are trusted', async () => {
    const both = twin();
    await both.open(terms());
    await both.setGuildTrust(GUILD, rules({ newBidderLimitCents: 50_000 }));
    const over = await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 50_001 }));
    expect(over).toMatchObject({ outcome: 'over-new-bidder-limit', newBidderLimitCents: 50_000, snapshot: { bidCount: 0 } });
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 60_000))).outcome).toBe('over-new-bidder-limit');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 50_000 }))).outcome).toBe('leading');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 70_000 }))).outcome).toBe('over-new-bidder-limit');
    await both.trust('ann');
    const trusted = await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 70_000 }));
    expect(trusted).toMatchObject({ outcome: 'raised-max', yourMaxCents: 70_000 });
    expect(trusted.newBidderLimitCents).toBeUndefined();
    await both.setGuildTrust(GUILD, rules({ version: 2, newBidderLimitCents: 0 }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 80_000))).outcome).toBe('leading');
  });

  it('tells a bidder to slow down within the cooldown, by when their bids were made, however late they arrive', async () => {
    const both = twin();
    await both.open(terms());
    await both.setGuildTrust(GUILD, rules({ cooldownMs: 1_000 }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 5_000 }))).outcome).toBe('leading');
    const soon = await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 5_999, maxCents: 2_000 }));
    expect(soon).toMatchObject({ outcome: 'slow-down', cooldownMs: 1_000, snapshot: { bidCount: 1 } });
    // Made before the last one and arriving after it: judged by when it was made.
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 4_500, receivedAtMs: t0 + 6_000 }))).outcome).toBe('slow-down');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 3_900, receivedAtMs: t0 + 6_000 }))).outcome).toBe('already-leading');
    // Another bidder's cooldown is their own; a second after ann's last, she bids again.
    expect((await both.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { atMs: t0 + 5_500 }))).outcome).toBe('leading');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 1_200, { atMs: t0 + 6_000, maxCents: 3_000 }))).outcome).toBe('leading');
  });

  it('never slows a bid down for itself: a refused bid delivered again is decided afresh', async () => {
    const both = twin();
    await both.open(terms());
    await both.setGuildTrust(GUILD, rules({ cooldownMs: 2_000 }));
    const low = bid('ann', 500, { atMs: t0 + 5_000 });
    expect((await both.placeBid({ auctionId: 'a1' }, low)).outcome).toBe('too-low');
    expect((await both.placeBid({ auctionId: 'a1' }, { ...low, receivedAtMs: t0 + 5_500 })).outcome).toBe('too-low');
    expect((await both.placeBid({ auctionId: 'a1' }, { ...low, amountCents: 1_000, maxCents: 1_000 })).outcome).toBe('leading');
  });

  it('checks a blocked bidder before the builder, and the cooldown before the limit', async () => {
    const both = twin();
    await both.open(terms());
    await both.setGuildTrust(GUILD, rules({ cooldownMs: 1_000, newBidderLimitCents: 5_000, blocked: ['builder'] }));
    expect((await both.placeBid({ auctionId: 'a1' }, bid('builder', 1_000))).outcome).toBe('blocked');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 9_000, { atMs: t0 + 1_000 }))).outcome).toBe('over-new-bidder-limit');
    expect((await both.placeBid({ auctionId: 'a1' }, bid('ann', 9_000, { atMs: t0 + 1_500 }))).outcome).toBe('slow-down');
  });
});

// ---------------------------------------------------------------------------------------
// Differential: random sequences of every operation, on both, every answer compared.

type Op =
  | {
      kind: 'open';
      auction: number;
      channel: number;
      startCents: number;
      reserveCents: number;
      endsInMs: number;
      counterBidMs: number;
      suddenDeath: boolean;
      settleMs: number;
      streamDelayMs: number;
      finalCallMs: number;
      /** The final call's draw: a tie between equal maxes in it goes by this, never by speed. */
      drawSeed: string;
    }
  | {
      kind: 'bid';
      auction: number;
      bidder: number;
      over: number;
      extra: number;
      atReserve: boolean;
      byChannel: boolean;
      dtMs: number;
      lateMs: number;
      timing: Timing;
      /** Now and then from another server, or with a chatter's login alias. */
      fromGuild: 'own' | 'other';
      alias: number | undefined;
      /** The last bid's bidder again: a bidder's bids close together meet the cooldown. */
      again: boolean;
      /** A pre-bid's proxy: it bids the book's own minimum. */
      proxy: boolean;
      /** Typed in public chat: refused once the final call has begun, never taken sealed. */
      inPublic: boolean;
      /** Now and then the very max of an earlier bid: ties, in open bidding and in the final call. */
      sameMaxAs: number | undefined;
    }
  | { kind: 'redeliver'; pick: number; dtMs: number }
  | { kind: 'claim'; auction: number; pick: number; dtMs: number }
  | { kind: 'hammer'; auction: number; version: 'current' | 'older' | 'newer'; atEnd: boolean; afterSettle: boolean }
  | { kind: 'cancel'; auction: number }
  | { kind: 'ban'; bidder: number }
  | { kind: 'unban'; bidder: number }
  | { kind: 'trust'; bidder: number }
  | { kind: 'rules'; limitCents: number; cooldownMs: number; blocked: number[]; stale: boolean }
  | { kind: 'look'; auction: number; channel: number }
  /** An erasure: the bidders forgotten in every auction, live or ended. */
  | { kind: 'forget'; bidders: number[] }
  /** One bidder taken out of one live auction, at a moment the book's clock may have passed its end. */
  | { kind: 'withdraw'; auction: number; bidder: number; dtMs: number };

/**
 * A bid a moment later, or exactly where a rule's boundary lies: the counter-bid window's
 * edge before the stated end, the stated end itself (the final call's first millisecond), a
 * moment into the final call, its last millisecond, or reaching the book after it (in the
 * settle window or not).
 */
type Timing = 'later' | 'window-edge' | 'stated-end' | 'final-call' | 'last-ms' | 'after-end';

const auctionIds = ['a0', 'a1', 'a2'];
const channelIds = ['c0', 'c1', 'c2'];
/** The builder bids too, now and then: it must be refused. */
const bidderIds = ['u0', 'u1', 'u2', 'u3', 'u4', 'builder'];
/** What the server may block: bidders by id, and logins a bid may carry as its alias. */
const blockable = [...bidderIds, 'twitch-login:l0', 'twitch-login:l1'];
const aliases = ['twitch-login:l0', 'twitch-login:l1', 'twitch-login:l2'];
const cents = (max: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: max / 100 }).map((d) => d * 100),
    fc.integer({ min: 0, max }),
  );

const openOp = (auction: number) =>
  fc.record({
    kind: fc.constant('open' as const),
    auction: fc.constant(auction),
    // Mostly a channel of its own; now and then one another auction may hold.
    channel: fc.oneof({ weight: 3, arbitrary: fc.constant(auction) }, { weight: 1, arbitrary: fc.nat({ max: 2 }) }),
    startCents: cents(5_000),
    reserveCents: fc.oneof(fc.constant(0), cents(12_000)),
    endsInMs: fc.oneof(
      fc.integer({ min: 5_000, max: 60_000 }),
      fc.integer({ min: 5, max: 60 }).map((s) => s * 1_000),
    ),
    counterBidMs: fc.oneof(
      fc.integer({ min: 0, max: 15_000 }),
      fc.integer({ min: 0, max: 15 }).map((s) => s * 1_000),
    ),
    suddenDeath: fc.nat({ max: 4 }).map((n) => n === 0),
    settleMs: fc.oneof(fc.constant(0), fc.constant(2_000), fc.nat({ max: 3_000 })),
    // Off, Twitch's low-latency and normal modes, or any whole second up to a quarter minute.
    streamDelayMs: fc.oneof(
      fc.constant(0),
      fc.constantFrom(3_000, 12_000),
      fc.integer({ min: 0, max: 15 }).map((s) => s * 1_000),
    ),
    // None (as an auction from before final calls with no delay), the defaults, or any whole second up to 20.
    finalCallMs: fc.oneof(
      fc.constant(0),
      fc.constantFrom(10_000, 20_000),
      fc.integer({ min: 0, max: 20 }).map((s) => s * 1_000),
    ),
    drawSeed: fc.constantFrom('', 'seed-a', 'seed-b', 'seed-c'),
  });
const rulesOp = fc.record({
  kind: fc.constant('rules' as const),
  // Limits near the amounts bid (they climb from a few dollars), or none.
  limitCents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12_000 }), fc.constantFrom(2_000, 5_000)),
  cooldownMs: fc.oneof(fc.constant(0), fc.constantFrom(500, 1_000, 2_000), fc.nat({ max: 3_000 })),
  blocked: fc.uniqueArray(fc.nat({ max: blockable.length - 1 }), { maxLength: 3 }),
  // Now and then a copy older than the one the book holds: it must change nothing.
  stale: fc.nat({ max: 4 }).map((n) => n === 0),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.nat({ max: 2 }).chain(openOp) },
  {
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant('bid' as const),
      auction: fc.nat({ max: 2 }),
      bidder: fc.nat({ max: bidderIds.length - 1 }),
      over: fc.oneof(
        fc.constant(0),
        fc.integer({ min: -2, max: 30 }).map((d) => d * 100),
        fc.integer({ min: -200, max: 3_000 }),
      ),
      // Now and then a max under the amount, which the command refuses: the two must agree even so.
      extra: fc.oneof({ weight: 6, arbitrary: fc.oneof(fc.constant(0), cents(6_000)) }, { weight: 1, arbitrary: fc.integer({ min: -500, max: -1 }) }),
      atReserve: fc.nat({ max: 9 }).map((n) => n === 0),
      byChannel: fc.nat({ max: 4 }).map((n) => n === 0),
      // Whole seconds often, so that "a second since the last edit" lands exactly.
      dtMs: fc.oneof(fc.nat({ max: 400 }), fc.nat({ max: 3_000 }), fc.constantFrom(0, 500, 1_000, 2_000)),
      // Made this long before it reached the book: bids arrive out of the order they were made in.
      lateMs: fc.oneof(fc.constant(0), fc.constant(0), fc.nat({ max: 2_500 }), fc.constantFrom(1_000, 2_000)),
      timing: fc.constantFrom<Timing>('later', 'later', 'later', 'later', 'window-edge', 'stated-end', 'final-call', 'final-call', 'last-ms', 'after-end'),
      fromGuild: fc.constantFrom<'own' | 'other'>('own', 'own', 'own', 'own', 'own', 'own', 'own', 'own', 'own', 'other'),
      alias: fc.option(fc.nat({ max: aliases.length - 1 }), { freq: 3, nil: undefined }),
      again: fc.nat({ max: 3 }).map((n) => n === 0),
      proxy: fc.nat({ max: 5 }).map((n) => n === 0),
      inPublic: fc.nat({ max: 3 }).map((n) => n === 0),
      sameMaxAs: fc.option(fc.nat(), { freq: 4, nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('redeliver' as const), pick: fc.nat(), dtMs: fc.nat({ max: 1_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('claim' as const), auction: fc.nat({ max: 2 }), pick: fc.nat(), dtMs: fc.nat({ max: 1_500 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('hammer' as const),
      auction: fc.nat({ max: 2 }),
      version: fc.constantFrom('current' as const, 'older' as const, 'newer' as const),
      atEnd: fc.nat({ max: 3 }).map((n) => n === 0),
      afterSettle: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), auction: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ban' as const), bidder: fc.nat({ max: bidderIds.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unban' as const), bidder: fc.nat({ max: bidderIds.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('trust' as const), bidder: fc.nat({ max: bidderIds.length - 1 }) }) },
  { weight: 2, arbitrary: rulesOp },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('look' as const), auction: fc.nat({ max: 2 }), channel: fc.nat({ max: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      auction: fc.nat({ max: 2 }),
      bidder: fc.nat({ max: bidderIds.length - 1 }),
      dtMs: fc.oneof(fc.nat({ max: 1_000 }), fc.nat({ max: 30_000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('forget' as const),
      bidders: fc.uniqueArray(fc.nat({ max: bidderIds.length - 1 }), { minLength: 1, maxLength: 2 }),
    }),
  },
);
/** Every run opens its auctions first (two may want the same channel), mostly with the server's rules set, then anything goes. */
const ops: fc.Arbitrary<Op[]> = fc
  .tuple(fc.option(rulesOp, { freq: 3, nil: undefined }), openOp(0), openOp(1), openOp(2), fc.array(op, { minLength: 5, maxLength: 50 }))
  .map(([rules, o0, o1, o2, rest]) => [...(rules && !rules.stale ? [rules] : []), o0, o1, o2, ...rest]);

interface World {
  now: number;
  /** The server's rules' version, as the admins' changes would bump it. */
  rulesVersion: number;
  /** Every bid sent, and where: a redelivery goes to the same auction. */
  sent: { auctionId: string; request: BidRequest }[];
  embeds: Map<string, number[]>;
}

type OpOf<K extends Op['kind']> = Extract<Op, { kind: K }>;
type Both = ReturnType<typeof twin>;

/** Runs one operation on both books (answers compared inside `twin`), steering inputs by the model's state. */
async function step(both: Both, o: Op, world: World): Promise<void> {
  const auctionId = 'auction' in o ? (auctionIds[o.auction] as string) : '';
  switch (o.kind) {
    case 'open':
      return openBoth(both, o, auctionId, world);
    case 'bid':
      return bidOnBoth(both, o, auctionId, world);
    case 'redeliver':
      return redeliverOnBoth(both, o, world);
    case 'claim':
      return claimOnBoth(both, o, auctionId, world);
    case 'hammer':
      return hammerBoth(both, o, auctionId, world);
    case 'cancel':
      await both.cancel(auctionId);
      return;
    case 'ban':
      await both.ban(bidderIds[o.bidder] as string);
      return;
    case 'unban':
      await both.unban(bidderIds[o.bidder] as string);
      return;
    case 'trust':
      await both.trust(bidderIds[o.bidder] as string);
      return;
    case 'rules':
      return setRulesOnBoth(both, o, world);
    case 'look':
      await both.read(auctionId);
      await both.liveAuctionIn(channelIds[o.channel] as string);
      return;
    case 'forget':
      await both.forget(o.bidders.map((i) => bidderIds[i] as string));
      return;
    case 'withdraw':
      world.now += o.dtMs;
      await both.withdraw(auctionId, bidderIds[o.bidder] as string);
      return;
  }
}

async function openBoth(both: Both, o: OpOf<'open'>, auctionId: string, world: World): Promise<void> {
  await both.open(
    terms({
      auctionId,
      channelId: channelIds[o.channel] as string,
      startCents: o.startCents,
      reserveCents: o.reserveCents,
      // Opened now: a bid made (late) before it is refused by both.
      opensAtMs: world.now,
      endsAtMs: world.now + o.endsInMs,
      counterBidMs: o.suddenDeath ? 0 : o.counterBidMs,
      suddenDeath: o.suddenDeath,
      settleMs: o.settleMs,
      streamDelayMs: o.streamDelayMs,
      finalCallMs: o.finalCallMs,
      ...(o.drawSeed !== '' ? { drawSeed: o.drawSeed } : {}),
    }),
  );
}

async function bidOnBoth(both: Both, o: OpOf<'bid'>, auctionId: string, world: World): Promise<void> {
  world.now += o.dtMs;
  // Again: the last bid's bidder, on the same auction, from the same server.
  const last = o.again ? world.sent.at(-1) : undefined;
  const bidOn = last?.auctionId || auctionId;
  const state = both.model.read(bidOn);
  if (state) moveToTiming(world, o, state);
  const tie = o.sameMaxAs !== undefined ? world.sent[o.sameMaxAs % Math.max(1, world.sent.length)]?.request : undefined;
  const amountCents = tie ? tie.maxCents : Math.max(0, (state?.nextMinimumCents ?? 1_000) + o.over);
  const maxCents = tie ? tie.maxCents : o.atReserve ? Math.max(amountCents, state?.reserveCents ?? 0) : amountCents + o.extra;
  const request = bidRequestOf(world, o, last, amountCents, maxCents);
  // Now and then by channel, as `/bid` without an auction id: it reaches whatever is live there.
  const target: BidTarget = o.byChannel && !last ? { channelId: channelIds[o.auction] as string } : { auctionId: bidOn };
  const result = await both.placeBid(target, request);
  world.sent.push({ auctionId: result.snapshot?.auctionId ?? bidOn, request });
  noteEmbed(world, result.snapshot?.auctionId ?? bidOn, result, world.now);
}

/** The edges: the counter-bid window before the stated end, the end itself, the final call after it, and the hammer. */
function moveToTiming(world: World, o: OpOf<'bid'>, state: NonNullable<ReturnType<Both['model']['read']>>): void {
  const hammer = hammerAtMs(state);
  if (o.timing === 'window-edge') world.now = Math.max(world.now, state.endsAtMs - state.counterBidMs);
  if (o.timing === 'stated-end') world.now = Math.max(world.now, state.endsAtMs);
  if (o.timing === 'final-call') world.now = Math.max(world.now, state.endsAtMs + o.dtMs);
  if (hammer && o.timing === 'last-ms') world.now = Math.max(world.now, hammer - 1);
  // Reaching the book after the hammer, made before it or not, within the settle window or past it.
  if (hammer && o.timing === 'after-end') world.now = Math.max(world.now, hammer + o.dtMs);
}

function bidRequestOf(world: World, o: OpOf<'bid'>, last: World['sent'][number] | undefined, amountCents: number, maxCents: number): BidRequest {
  const n = world.sent.length;
  return {
    bidId: `i${n}`,
    guildId: last?.request.guildId ?? (o.fromGuild === 'own' ? GUILD : 'another-server'),
    ...(o.alias !== undefined ? { bidderAlias: aliases[o.alias] as string } : {}),
    bidderId: last?.request.bidderId ?? (bidderIds[o.bidder] as string),
    bidderName: `Bidder ${o.bidder} (${n})`,
    amountCents,
    maxCents,
    responseToken: `tok${n}`,
    atMs: world.now - o.lateMs,
    receivedAtMs: world.now,
    ...(o.proxy ? { proxy: true } : {}),
    ...(o.inPublic ? { typedInPublic: true } : {}),
  };
}

async function redeliverOnBoth(both: Both, o: OpOf<'redeliver'>, world: World): Promise<void> {
  const earlier = world.sent[o.pick % Math.max(1, world.sent.length)];
  if (!earlier) return;
  world.now += o.dtMs;
  // The same interaction again, later (the same id, so the same time it was made):
  // recognised if it was accepted, decided afresh if not.
  noteEmbed(world, earlier.auctionId, await both.placeBid({ auctionId: earlier.auctionId }, { ...earlier.request, receivedAtMs: world.now }), world.now);
}

async function claimOnBoth(both: Both, o: OpOf<'claim'>, auctionId: string, world: World): Promise<void> {
  world.now += o.dtMs;
  const seen = world.embeds.get(auctionId) ?? [0];
  // The last edit (a live task) or an older one (a task a newer edit made pointless).
  const behindMs = seen[seen.length - 1 - (o.pick % seen.length)] as number;
  const slot = await both.claimEmbedEdit(auctionId, behindMs, world.now);
  if (slot.kind === 'now') seen.push(world.now);
  world.embeds.set(auctionId, seen);
}

async function hammerBoth(both: Both, o: OpOf<'hammer'>, auctionId: string, world: World): Promise<void> {
  const state = both.model.read(auctionId);
  const current = state?.version ?? 0;
  const version = o.version === 'current' ? current : o.version === 'older' ? current - 1 : current + 1;
  // At the end itself (early while a settle window runs), or once it has passed.
  if (o.atEnd && state) world.now = Math.max(world.now, o.afterSettle ? hammerDueMs(state) : hammerAtMs(state));
  await both.hammer(auctionId, version, world.now);
}

async function setRulesOnBoth(both: Both, o: OpOf<'rules'>, world: World): Promise<void> {
  if (!o.stale) world.rulesVersion += 1;
  const blocked = o.blocked.map((i) => blockable[i] as string);
  await both.setGuildTrust(GUILD, {
    version: o.stale ? world.rulesVersion - 1 : world.rulesVersion,
    newBidderLimitCents: o.limitCents,
    cooldownMs: o.cooldownMs,
    blocked,
  });
}

/** The embed edits a claim may wait behind: every edit a bid made, or a trailing task names. */
function noteEmbed(world: World, auctionId: string, result: BidResult, atMs: number): void {
  const seen = world.embeds.get(auctionId) ?? [0];
  if (result.embed.kind === 'now') seen.push(atMs);
  if (result.embed.kind === 'trailing' && !seen.includes(result.embed.behindMs)) seen.push(result.embed.behindMs);
  world.embeds.set(auctionId, seen);
}

describe('the Upstash auction book against the model (differential)', () => {
  it('answers every random sequence of operations exactly as the model does', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (sequence) => {
        const both = twin();
        const world: World = { now: t0, rulesVersion: 0, sent: [], embeds: new Map() };
        bookClock = () => world.now;
        for (const o of sequence) await step(both, o, world);
        for (const id of auctionIds) await both.read(id);
        for (const channel of channelIds) await both.liveAuctionIn(channel);
        for (const id of auctionIds) await both.hammer(id, both.model.read(id)?.version ?? 0, world.now + 70_000);
        // An erasure once it is all over, of a winner where there is one: the results, asked again, must agree.
        const winner = auctionIds.map((id) => both.model.read(id)?.leaderId).find((id) => id !== undefined);
        await both.forget([winner ?? 'u0']);
        for (const id of auctionIds) await both.hammer(id, 0, world.now + 70_000);
      }),
      { numRuns: 120 },
    );
  }, 180_000);
});

/**
 * The server's rules under pressure: one long auction, a few bidders bidding close together
 * (made up to a second and a half before they arrive, so out of order), redeliveries, the
 * rules changing and bidders becoming trusted along the way.
 */
const trustStep = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('bid' as const),
      bidder: fc.nat({ max: 3 }),
      alias: fc.option(fc.nat({ max: 1 }), { freq: 2, nil: undefined }),
      // The member a chatter is linked to: one of the members, or the auction's builder.
      linked: fc.option(fc.nat({ max: 2 }), { freq: 2, nil: undefined }),
      overCents: fc.oneof(fc.constant(0), fc.integer({ min: -100, max: 2_000 })),
      extraCents: fc.oneof(fc.constant(0), fc.nat({ max: 8_000 })),
      dtMs: fc.oneof(fc.nat({ max: 600 }), fc.constantFrom(0, 999, 1_000, 1_001)),
      lateMs: fc.oneof(fc.constant(0), fc.nat({ max: 1_500 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('redeliver' as const), pick: fc.nat(), dtMs: fc.nat({ max: 500 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('trust' as const), bidder: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: rulesOp },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const), bidder: fc.nat({ max: 3 }) }) },
);

describe('the Upstash auction book’s trust rules against the model (differential)', () => {
  it('answers every random run of close bids under changing rules exactly as the model does', async () => {
    const bidders = ['u0', 'u1', 'twitch:7', 'twitch:8'];
    const logins = ['twitch-login:l0', 'twitch-login:l1'];
    await fc.assert(
      fc.asyncProperty(rulesOp, fc.array(trustStep, { minLength: 10, maxLength: 60 }), async (first, steps) => {
        const both = twin();
        await both.setGuildTrust(GUILD, {
          version: 1,
          newBidderLimitCents: first.limitCents,
          cooldownMs: first.cooldownMs,
          blocked: first.blocked.map((i) => blockable[i] as string),
        });
        // Opened as the first bids come, some made before it; the builder linked twitch:8.
        await both.open(terms({ opensAtMs: t0 + 1_000, endsAtMs: t0 + 3_600_000, settleMs: 2_000, builderLinkedIds: ['twitch:8'] }));
        let now = t0 + 1_000;
        let version = 1;
        const sent: BidRequest[] = [];
        for (const step of steps) {
          if (step.kind === 'trust') await both.trust(bidders[step.bidder] as string);
          // An erasure: their trust goes, a block of them stays, and they may bid again as anyone new.
          else if (step.kind === 'forget') await both.forget([bidders[step.bidder] as string]);
          else if (step.kind === 'rules') {
            if (!step.stale) version += 1;
            const blocked = step.blocked.map((i) => blockable[i] as string).concat(step.stale ? [] : logins.slice(0, step.blocked.length % 2));
            await both.setGuildTrust(GUILD, {
              version: step.stale ? version - 1 : version,
              newBidderLimitCents: step.limitCents,
              cooldownMs: step.cooldownMs,
              blocked,
            });
          } else if (step.kind === 'redeliver') {
            const again = sent[step.pick % Math.max(1, sent.length)];
            now += step.dtMs;
            if (again) await both.placeBid({ auctionId: 'a1' }, { ...again, receivedAtMs: now });
          } else {
            now += step.dtMs;
            const next = both.model.read('a1')?.nextMinimumCents ?? 1_000;
            const bidderId = bidders[step.bidder] as string;
            const amountCents = Math.max(1, next + step.overCents);
            const request: BidRequest = {
              ...bid(bidderId, amountCents, { maxCents: amountCents + step.extraCents, atMs: now - step.lateMs, receivedAtMs: now }),
              ...(step.alias !== undefined && bidderId.startsWith('twitch:') ? { bidderAlias: logins[step.alias] as string } : {}),
              ...(step.linked !== undefined && bidderId.startsWith('twitch:') ? { linkedBidderId: ['u0', 'u1', 'builder'][step.linked] as string } : {}),
            };
            sent.push(request);
            await both.placeBid({ auctionId: 'a1' }, request);
          }
        }
        await both.read('a1');
        await both.hammer('a1', both.model.read('a1')?.version ?? 0, t0 + 3_700_000);
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});

// ---------------------------------------------------------------------------------------
// Concurrency: a herd of bids at once, explained by the order the book decided them in.

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Fires every request at one auction at once, spread over several connections (so they
 * reach Redis in no fixed order), then takes the order the book decided them in (its log,
 * from the hammer) and replays those requests through a fresh model: each accepted bid's
 * answer, and the closed auction, must be exactly the model's. A refused bid changes
 * nothing, so the log alone explains the final state. Nothing lost, nothing counted twice.
 */
async function herd(auction: AuctionTerms, requests: readonly BidRequest[], delaysMs: readonly number[] = [], trust?: HerdTrust): Promise<void> {
  const prefix = freshPrefix();
  const [first, ...others] = connections.map((connection) => createUpstashAuctionBook(connection, { idKey: testIdKey, keyPrefix: prefix, callerClock }));
  if (!first) throw new Error('no connection');
  const handles = [first, ...others];
  const model = newAuctionBookModel();
  for (const book of [first, model]) {
    if (trust) await book.setGuildTrust(auction.guildId, trust.rules);
    for (const bidderId of trust?.trusted ?? []) await book.trust(bidderId);
  }
  await first.open(auction);
  const results = await Promise.all(
    requests.map(async (request, i) => {
      const delay = delaysMs[i] ?? 0;
      if (delay > 0) await sleep(delay);
      return (handles[i % handles.length] as AuctionBook).placeBid({ auctionId: auction.auctionId }, request);
    }),
  );
  const live = await first.read(auction.auctionId);
  if (!live) throw new Error('the auction vanished');
  const closed = closedOf(await first.hammer(auction.auctionId, live.version, hammerDueMs(live)));

  const logged = closed.bids.map((b) => b.bidId);
  expect(new Set(logged).size).toBe(logged.length);
  expect(closed.snapshot.bidCount).toBe(logged.length);
  const decided = new Map<string, BidResult>();
  results.forEach((result, i) => {
    const bidId = (requests[i] as BidRequest).bidId;
    if (result.repeat) expect(logged).toContain(bidId);
    // A leader bidding within their max in the final call is answered `sealed` like anyone, and changes nothing.
    else if (isAccepted(result.outcome) && !(result.outcome === 'sealed' && !logged.includes(bidId))) {
      // Its copy may reach the book after they were outbid: then it is a bid of its own, logged
      // once (the log holds no id twice) and answered with the same words as the first copy.
      if (result.outcome === 'sealed' && decided.get(bidId)?.outcome === 'sealed') return;
      expect(decided.has(bidId)).toBe(false);
      decided.set(bidId, result);
      // A bid received past the end and its 2 s settle (stamps reach 22 s on a 20 s lot) is refused `closed`, unless a
      // soft close's extension reached the book first: which comes first is the herd's arrival order.
    } else expect(['too-low', 'already-leading', 'sealed', 'blocked', 'over-new-bidder-limit', 'closed']).toContain(result.outcome);
  });
  expect([...decided.keys()].sort()).toEqual([...logged].sort());

  model.open(auction);
  const byId = new Map(requests.map((r) => [r.bidId, r]));
  for (const bidId of logged) expect(model.placeBid({ auctionId: auction.auctionId }, byId.get(bidId) as BidRequest)).toStrictEqual(decided.get(bidId));
  expect(model.reading(auction.auctionId, callerClock())).toStrictEqual(live);
  expect(model.hammer(auction.auctionId, live.version, hammerDueMs(live))).toStrictEqual(closed);
}

/**
 * A server's rules for a herd. Without a cooldown a refused bid changes nothing, so the log
 * alone still explains the final state; the cooldown (whose refusals follow the order bids
 * arrive in) is held to the model by the sequential differential above.
 */
interface HerdTrust {
  rules: GuildTrust;
  trusted: string[];
}

/** Ends soon after the bids' times, with a long counter-bid window: the end moves, and no bid comes too late. */
const herdTerms = (auctionId: string, reserveCents: number) => terms({ auctionId, endsAtMs: t0 + 20_000, counterBidMs: 30_000, reserveCents, settleMs: 2_000 });

describe('the Upstash auction book under a herd of concurrent bids', () => {
  it('decides 500 bids from 100 bidders at once as the model does in the same order, losing and double-counting none', async () => {
    // mulberry32, seeded: the same herd every run.
    let state = 42;
    const random = (n: number) => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    // A bidding war: amounts climb about 1% a bid with ±4% noise, most with a proxy max up
    // to 60% above, so that in any order many are accepted (leading, outbid by a proxy,
    // raising a max) and many come too low.
    const requests: BidRequest[] = Array.from({ length: 500 }, (_, i) => {
      const bidder = random(100);
      const amountCents = Math.round((1_000 * 1.01 ** i * (96 + random(9))) / 100);
      const maxCents = random(3) === 0 ? amountCents : amountCents + Math.round((amountCents * random(61)) / 100);
      // Made any time before the end; reaching the book up to a second and a half later, some after the end.
      const atMs = t0 + random(19_000);
      return {
        bidId: `herd${i}`,
        guildId: GUILD,
        ...(bidder % 7 === 0 ? { bidderAlias: `twitch-login:user${bidder}` } : {}),
        bidderId: `user${bidder}`,
        bidderName: `User ${bidder}`,
        amountCents,
        maxCents,
        responseToken: `tok${i}`,
        atMs,
        receivedAtMs: atMs + random(1_500),
      };
    });
    // All in flight at once, leaving in waves a millisecond apart with jitter: many HTTP
    // pipelines on four connections race each other to Redis.
    const leaving = requests.map((_, i) => Math.floor(i / 25) + random(4));
    // Some interactions are delivered twice, at about the same moment as the first.
    const twice = requests.flatMap((request, i) => (i % 10 === 3 ? [{ request, delay: (leaving[i] as number) + random(3) }] : []));
    // A server that holds new bidders to $150 (a third of them have paid) and blocks a few, by id and by login.
    const trust: HerdTrust = {
      rules: { version: 1, newBidderLimitCents: 15_000, cooldownMs: 0, blocked: ['user3', 'user50', 'twitch-login:user14', 'twitch-login:user70'] },
      trusted: Array.from({ length: 100 }, (_, i) => `user${i}`).filter((_, i) => i % 3 === 0),
    };
    await herd(herdTerms('herd', 20_000), [...requests, ...twice.map((t) => t.request)], [...leaving, ...twice.map((t) => t.delay)], trust);
  }, 60_000);

  it('decides any small herd, whatever order the bids arrive in, as the model does in the book’s order', async () => {
    const herdBid = fc.record({
      bidder: fc.nat({ max: 9 }),
      /** Cents above the previous bid's amount: amounts climb, with ties and near-misses. */
      bumpCents: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 8 }).map((d) => d * 100),
        fc.nat({ max: 700 }),
      ),
      extra: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 20 }).map((d) => d * 100),
      ),
      atOffsetMs: fc.nat({ max: 19_000 }),
      lateMs: fc.oneof(fc.constant(0), fc.nat({ max: 3_000 })),
      twice: fc.nat({ max: 9 }).map((n) => n === 0),
      delayMs: fc.nat({ max: 6 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(herdBid, { minLength: 30, maxLength: 30 }), async (bids) => {
        run += 1;
        const requests: BidRequest[] = [];
        const delays: number[] = [];
        let amountCents = 1_000;
        bids.forEach((b, i) => {
          amountCents += b.bumpCents;
          const request = {
            bidId: `h${run}-${i}`,
            guildId: GUILD,
            bidderId: `user${b.bidder}`,
            bidderName: `User ${b.bidder}`,
            amountCents,
            maxCents: amountCents + b.extra,
            responseToken: `tok${i}`,
            atMs: t0 + b.atOffsetMs,
            receivedAtMs: t0 + b.atOffsetMs + b.lateMs,
          };
          requests.push(request);
          delays.push(b.delayMs);
          if (b.twice) {
            requests.push(request);
            delays.push(b.delayMs);
          }
        });
        await herd(herdTerms(`small-herd-${run}`, 4_000), requests, delays);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
