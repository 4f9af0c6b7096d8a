/**
 * The production book's clock (issue 76): whether the final call has begun is Redis's `TIME`
 * to say, one clock for every process, never the process's own. Margins of minutes either side
 * of the end: nothing here depends on how fast the machine is.
 */
import { randomUUID } from 'node:crypto';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import type { BidRequest } from '../../shared/auctions';
import { auctionTerms, GUILD, testIdKey } from '../support/auction-book-fixtures';

const endpoint = { url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string };
const redis = connectAuctionBook(endpoint);
const prefix = `test:book-clock:${randomUUID()}:`;
// No `callerClock`: the book as production runs it.
const book = createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix: prefix, gatherMs: 0 });

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
});

/** Redis's own time, ms. */
async function redisNow(): Promise<number> {
  const [seconds, micros] = (await redis.time()) as [number, number];
  return Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);
}

/** What anyone sees of an auction, less the book's clock at the read (which moves on its own). */
async function seen(auctionId: string) {
  const { bookNowMs: _bookNowMs, ...rest } = (await book.read(auctionId)) ?? {};
  return rest;
}

let n = 0;
const bidAt = (bidderId: string, amountCents: number, atMs: number, receivedAtMs: number): BidRequest => ({
  bidId: `clock-${++n}`,
  guildId: GUILD,
  bidderId,
  bidderName: bidderId,
  amountCents,
  maxCents: amountCents,
  responseToken: `t${n}`,
  atMs,
  receivedAtMs,
});

describe('the Redis book’s clock', () => {
  it('seals a bid stamped before the end from a process whose clock runs slow, once Redis’s clock has passed the end: nothing public moves, nothing extends', async () => {
    const now = await redisNow();
    const end = now - 60_000;
    await book.open(
      auctionTerms({ auctionId: 'slow', channelId: 'c-slow', opensAtMs: end - 600_000, endsAtMs: end, finalCallMs: 600_000, counterBidMs: 30_000 }),
    );
    const slowClock = end - 1_000;
    await book.placeBid({ auctionId: 'slow' }, bidAt('ann', 1_000, end - 300_000, slowClock));
    // Before the first bid nothing had begun the final call; the first bid began it on Redis's clock.
    const shown = await seen('slow');
    expect(shown).toMatchObject({ bidCount: 0, priceCents: 1_000 });
    const late = await book.placeBid({ auctionId: 'slow' }, bidAt('bob', 5_000, end - 500, slowClock));
    expect(late).toMatchObject({ outcome: 'sealed', extended: false });
    expect(await seen('slow')).toStrictEqual(shown);
  });

  it('takes a bid in the open while Redis’s clock is before the end, however far ahead a process’s clock runs', async () => {
    const now = await redisNow();
    const end = now + 600_000;
    await book.open(auctionTerms({ auctionId: 'fast', channelId: 'c-fast', opensAtMs: now - 60_000, endsAtMs: end, finalCallMs: 20_000 }));
    const fastClock = end + 5_000;
    const placed = await book.placeBid({ auctionId: 'fast' }, bidAt('ann', 1_000, now, fastClock));
    expect(placed).toMatchObject({ outcome: 'leading', snapshot: { leaderId: 'ann', bidCount: 1 } });
  });

  it('keeps what the public saw when an erasure takes out a sealed bidder once Redis’s clock has passed the end', async () => {
    const now = await redisNow();
    // Bids stamped in the open, handed over by a process whose clock is an hour behind: sealed all the same.
    const end = now - 1_000;
    await book.open(auctionTerms({ auctionId: 'erased', channelId: 'c-erased', opensAtMs: end - 7_200_000, endsAtMs: end, finalCallMs: 600_000 }));
    const hourAgo = end - 3_600_000;
    expect((await book.placeBid({ auctionId: 'erased' }, bidAt('ann', 1_000, hourAgo, hourAgo))).outcome).toBe('sealed');
    expect((await book.placeBid({ auctionId: 'erased' }, bidAt('bob', 2_000, hourAgo, hourAgo))).outcome).toBe('sealed');
    const shown = await seen('erased');
    expect(await book.withdraw('erased', 'bob')).toBe('withdrawn');
    expect(await seen('erased')).toStrictEqual(shown);
  });

  it('says the final call began only once Redis’s clock has reached the end, at Redis’s time, with no process’s clock asked', async () => {
    const now = await redisNow();
    await book.open(auctionTerms({ auctionId: 'ahead', channelId: 'c-ahead', opensAtMs: now - 60_000, endsAtMs: now + 600_000, finalCallMs: 20_000 }));
    await book.open(auctionTerms({ auctionId: 'past', channelId: 'c-past', opensAtMs: now - 660_000, endsAtMs: now - 60_000, finalCallMs: 600_000 }));
    const ahead = await book.read('ahead');
    expect(ahead?.finalCallBegun).toBe(false);
    expect(Math.abs((ahead?.bookNowMs ?? 0) - now)).toBeLessThan(60_000);
    expect((await book.read('past'))?.finalCallBegun).toBe(true);
  });

  it('lets no hammer fall before Redis’s clock has passed the final call and its settle window, however far ahead a process’s clock runs', async () => {
    const now = await redisNow();
    const end = now + 600_000;
    await book.open(auctionTerms({ auctionId: 'early', channelId: 'c-early', opensAtMs: now - 60_000, endsAtMs: end, finalCallMs: 20_000, settleMs: 2_000 }));
    const fastClock = end + 3_600_000;
    const hammer = await book.hammer('early', 0, fastClock);
    expect(hammer).toMatchObject({ kind: 'early', dueAtMs: end + 22_000 });
    // The book's clock, not the caller's: the queue is told to come back the book's time later.
    expect(hammer.kind === 'early' && hammer.dueAtMs - hammer.bookNowMs).toBeGreaterThan(22_000);
    expect((await book.read('early'))?.status).toBe('live');
  });
});
