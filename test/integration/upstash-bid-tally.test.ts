/**
 * The auction book's per-minute tally of answered bids on a real Redis, through the Upstash
 * client and REST bridge as in production, held to the in-memory book's answers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { tallyScript } from '../../shared/adapters/upstash/bid-tally';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { InMemoryAuctionBook } from '../../shared/local/upstash/in-memory-auction-book';
import { tallyKeptMs, type AuctionBook } from '../../shared/ports';
import { testIdKey } from '../support/auction-book-fixtures';

const endpoint = { url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string };
const redis = connectAuctionBook(endpoint);
const prefix = `test:tally:${randomUUID()}:`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
});

const t0 = Date.parse('2026-11-27T20:00:30Z');
const G = '900000000000000001';

describe.each([
  ['the Lua book on Redis', () => createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix: `${prefix}${randomUUID()}:` })],
  ['the in-memory book', () => new InMemoryAuctionBook()],
] as Array<[string, () => AuctionBook]>)('%s', (_name, bookOf) => {
  it('adds each bid’s counts to its server’s minute and reads the minutes back oldest first, leaving out empty ones', async () => {
    const book = bookOf();
    await book.tallyBid(G, t0, { answered: 1, leading: 1 });
    await book.tallyBid(G, t0 + 20_000, { answered: 1, 'answered-late': 1, 'too-low': 1 });
    await book.tallyBid(G, t0 + 120_000, { answered: 1, leading: 1 });
    await book.tallyBid('900000000000000002', t0, { answered: 5 });
    const minute = Date.parse('2026-11-27T20:00:00Z');
    expect(await book.tallies(G, t0 - 600_000, t0 + 600_000)).toEqual([
      { minuteMs: minute, counts: { answered: 2, leading: 1, 'answered-late': 1, 'too-low': 1 } },
      { minuteMs: minute + 120_000, counts: { answered: 1, leading: 1 } },
    ]);
  });

  it('reads nothing for a server with no bids', async () => {
    expect(await bookOf().tallies(G, t0 - 3_600_000, t0)).toEqual([]);
  });
});

it('lets Redis expire a minute’s tally after the two hours the page could read it', async () => {
  const keyPrefix = `${prefix}${randomUUID()}:`;
  const book = createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix });
  await book.tallyBid(G, t0, { answered: 1 });
  await book.tallies(G, t0, t0);
  const [key] = await redis.keys(`${keyPrefix}*`);
  const ttl = await redis.pttl(key as string);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(tallyKeptMs);
});

it('sends a second’s bids to Redis in one script call, not one a bid, and another process reads them once sent', async () => {
  const keyPrefix = `${prefix}${randomUUID()}:`;
  const tallySha = createHash('sha1').update(tallyScript).digest('hex');
  let tallyCalls = 0;
  // The writer's Redis, counting the script calls it makes (the book's scripts call through it).
  const counted = new Proxy(redis, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if ((name === 'evalsha' || name === 'eval') && (args[0] === tallySha || args[0] === tallyScript)) tallyCalls++;
        return (value as (...a: unknown[]) => unknown).apply(receiver, args);
      };
    },
  });
  const writer = createUpstashAuctionBook(counted, { idKey: testIdKey, keyPrefix });
  const reader = createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix });
  try {
    for (let i = 0; i < 50; i++) await writer.tallyBid(G, t0 + i, { answered: 1, leading: 1 });
    expect(tallyCalls).toBe(0);
    expect(await reader.tallies(G, t0, t0)).toEqual([]);
    await writer.tallies(G, t0, t0);
    // One call, or two where Redis had not seen the script yet (EVALSHA refused, then EVAL).
    expect(tallyCalls).toBeGreaterThanOrEqual(1);
    expect(tallyCalls).toBeLessThanOrEqual(2);
    expect(await reader.tallies(G, t0, t0)).toEqual([{ minuteMs: Date.parse('2026-11-27T20:00:00Z'), counts: { answered: 50, leading: 50 } }]);
  } finally {
    await writer.tallies(G, t0, t0);
  }
});
