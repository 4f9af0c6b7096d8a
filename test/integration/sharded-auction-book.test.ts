/**
 * The book on two databases, as a deployment with `UPSTASH_BOOK_SHARDS` runs it: two logical
 * databases of the local Redis, each reached by the book's own client (over RESP). Each lot is
 * decided whole on the database its channel picks, the other never sees it; a call naming only
 * the auction (the hammer's task) finds it from a fresh process; an erasure forgets a member on
 * both.
 */
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { shardedAuctionBook } from '../../shared/adapters/upstash/sharded-auction-book';
import { connectAuctionBookOverResp, type RespConnection } from '../../shared/local/upstash/resp-connection';
import { bookDatabaseOf, type BidRequest } from '../../shared/auctions';
import type { AuctionBook } from '../../shared/ports';
import { auctionTerms, GUILD, t0, testIdKey } from '../support/auction-book-fixtures';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Two logical databases other suites leave alone (they use 0). */
const databases = [1, 2];
const urlOf = (db: number) => `${redisUrl.replace(/\/\d+$/, '')}/${db}`;
const keyPrefix = `test:shards:${randomUUID()}:`;
const connections: RespConnection[] = [];
const raw = databases.map((db) => new IORedis(urlOf(db)));
let clockMs = t0;
/** A member who bids in both channels, then erases themselves. */
const ANA = '412345678901234567';

/** A process's view of the book: its own connections and its own memory of where auctions are. */
function aProcess(): AuctionBook {
  const books = databases.map((db) => {
    const connection = connectAuctionBookOverResp(urlOf(db));
    connections.push(connection);
    return createUpstashAuctionBook(connection.redis, { idKey: testIdKey, keyPrefix, gatherMs: 0, callerClock: () => clockMs });
  });
  return shardedAuctionBook(books);
}

/** Channels the rule puts on the first and on the second database. */
const channelOn = (index: number) => Array.from({ length: 100 }, (_, i) => `11800000000000000${i}`).find((c) => bookDatabaseOf(c, 2) === index) as string;
const [westChannel, eastChannel] = [channelOn(0), channelOn(1)];

let n = 0;
/** A bid a second after the last, on the book's clock. */
function bid(bidderId: string, amountCents: number, maxCents = amountCents): BidRequest {
  n += 1;
  clockMs += 1_000;
  return {
    bidId: `interaction-${n}`,
    guildId: GUILD,
    bidderId,
    bidderName: `Name of ${bidderId}`,
    amountCents,
    maxCents,
    responseToken: `answer-${bidderId}-${n}`,
    atMs: clockMs,
    receivedAtMs: clockMs,
  };
}

/** Every key under the prefix on one database, with what it holds, as text. */
async function dump(redis: IORedis): Promise<string> {
  const keys = await redis.keys(`${keyPrefix}*`);
  const parts = await Promise.all(keys.map(async (key) => `${key} ${JSON.stringify(await contents(redis, key))}`));
  return parts.join('\n');
}

async function contents(redis: IORedis, key: string): Promise<unknown> {
  const type = await redis.type(key);
  if (type === 'hash') return redis.hgetall(key);
  if (type === 'set') return redis.smembers(key);
  if (type === 'zset') return redis.zrange(key, 0, -1, 'WITHSCORES');
  if (type === 'list') return redis.lrange(key, 0, -1);
  if (type === 'stream') return redis.xrange(key, '-', '+');
  return redis.get(key);
}

afterAll(async () => {
  for (const redis of raw) {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
  await Promise.all(connections.map((c) => c.close()));
});

describe('the auction book on two databases', () => {
  const book = aProcess();

  beforeAll(async () => {
    await book.open(auctionTerms({ auctionId: 'westlot', channelId: westChannel, messageId: 'mw' }));
    await book.open(auctionTerms({ auctionId: 'eastlot', channelId: eastChannel, messageId: 'me' }));
  });

  it('decides each lot on its channel’s database, and the other database holds nothing of it', async () => {
    expect((await book.placeBid({ channelId: westChannel }, bid(ANA, 1_000, 1_500))).outcome).toBe('leading');
    expect((await book.placeBid({ channelId: eastChannel }, bid(ANA, 2_000))).outcome).toBe('leading');
    const outbid = await book.placeBid({ channelId: westChannel }, bid('bo', 1_200));
    expect([outbid.outcome, outbid.snapshot?.auctionId, outbid.snapshot?.leaderId]).toEqual(['outbid', 'westlot', ANA]);
    expect((await book.placeBid({ auctionId: 'eastlot', channelId: eastChannel }, bid('bo', 3_000))).outcome).toBe('leading');

    const [west, east] = await Promise.all(raw.map(dump));
    expect([west, east].map((keys) => [keys.includes('{westlot}'), keys.includes('{eastlot}')])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect([await book.liveAuctionIn(westChannel), await book.liveAuctionIn(eastChannel)]).toEqual(['westlot', 'eastlot']);
  });

  it('finds a lot named only by its id from a process that never met it, and brings each hammer down where it was decided', async () => {
    const hammerTask = aProcess();
    clockMs = t0 + 120_000;
    const [west, east] = await Promise.all([hammerTask.hammer('westlot', 0, clockMs), hammerTask.hammer('eastlot', 0, clockMs)]);
    expect(west.kind === 'closed' && [west.snapshot.leaderId, west.snapshot.priceCents]).toEqual([ANA, 1_300]);
    expect(east.kind === 'closed' && [east.snapshot.leaderId, east.snapshot.priceCents]).toEqual(['bo', 3_000]);
    expect((await hammerTask.read('nosuchlot'))?.status).toBeUndefined();
    expect(await hammerTask.hammer('nosuchlot', 0, clockMs)).toEqual({ kind: 'not-found' });
  });

  it('forgets a member who bid on both databases from both, when they erase themselves', async () => {
    expect([await book.holdsBidder('westlot', ANA), await book.holdsBidder('eastlot', ANA)]).toEqual([true, true]);
    expect(await aProcess().forget([ANA])).toBe(2);
    const [west, east] = await Promise.all(raw.map(dump));
    expect([west.includes(ANA), east.includes(ANA), west.includes(`Name of ${ANA}`)]).toEqual([false, false, false]);
    expect([west.includes('Name of bo'), east.includes('Name of bo')]).toEqual([true, true]);
  });

  it('bans a bidder on every database, where each lot’s bid script reads it', async () => {
    await book.open(auctionTerms({ auctionId: 'westlot2', channelId: westChannel, messageId: 'mw2', opensAtMs: clockMs, endsAtMs: clockMs + 600_000 }));
    await book.open(auctionTerms({ auctionId: 'eastlot2', channelId: eastChannel, messageId: 'me2', opensAtMs: clockMs, endsAtMs: clockMs + 600_000 }));
    await book.ban('cy');
    const answers = await Promise.all([
      book.placeBid({ channelId: westChannel }, bid('cy', 5_000)),
      book.placeBid({ channelId: eastChannel }, bid('cy', 5_000)),
    ]);
    expect(answers.map((a) => a.outcome)).toEqual(['banned', 'banned']);
  });
});
