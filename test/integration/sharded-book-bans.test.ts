/**
 * A database added to the book later, on real Redis: logical databases 3 and 4 of the local
 * Redis (other suites use 0 to 2), each reached by the book's own client over RESP. The bans
 * made while the book had one database are replayed onto the new one from Firestore's bidder
 * records before its first auction opens, once, however many processes race to open; and a
 * channel the new database took while its auction was live is found where it is, not opened
 * twice.
 */
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { shardedAuctionBook } from '../../shared/adapters/upstash/sharded-auction-book';
import { banReplayMarker } from '../../shared/adapters/upstash/ban-replay';
import { connectAuctionBookOverResp, type RespConnection } from '../../shared/local/upstash/resp-connection';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { bannedBidders, bidderPath, bookDatabaseOf, trustedBidders, type BidRequest } from '../../shared/auctions';
import { bansReplayVersion } from '../../shared/adapters/upstash/ban-replay';
import type { AuctionBook } from '../../shared/ports';
import { auctionTerms, GUILD, t0, testIdKey } from '../support/auction-book-fixtures';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The first database, and the one added later. */
const databases = [3, 4];
const urlOf = (db: number) => `${redisUrl.replace(/\/\d+$/, '')}/${db}`;
const keyPrefix = `test:shard-bans:${randomUUID()}:`;
const connections: RespConnection[] = [];
const raw = databases.map((db) => new IORedis(urlOf(db)));
const clockMs = t0 + 1_000;

/** Firestore's bidder records: cy banned, dee banned once and since let in, fay a buyer who has paid. */
const store = new LocalDocumentStore();
let listed = 0;
/** Runs once the replay has read who is banned, before it writes: where a test lets an unban in. */
let afterListing: () => Promise<void> = async () => undefined;
const replay = (markers: ReturnType<typeof banReplayMarker>[]) => ({
  markers,
  bannedBidders: async () => {
    listed += 1;
    const banned = await bannedBidders(store);
    const run = afterListing;
    afterListing = async () => undefined;
    await run();
    return banned;
  },
  trustedBidders: () => trustedBidders(store),
});

/** A process's view of the book over the first `count` databases: its own connections and memory. */
function aProcess(count: number): AuctionBook {
  const redis = databases.slice(0, count).map((db) => {
    const connection = connectAuctionBookOverResp(urlOf(db));
    connections.push(connection);
    return connection.redis;
  });
  const books = redis.map((r) => createUpstashAuctionBook(r, { idKey: testIdKey, keyPrefix, gatherMs: 0, callerClock: () => clockMs }));
  return shardedAuctionBook(books, replay(redis.map((r) => banReplayMarker(r, keyPrefix))));
}

/** Channels the added database takes from the first. */
const channels = Array.from({ length: 200 }, (_, i) => `13000000000000000${i}`);
const taken = channels.filter((c) => bookDatabaseOf(c, 2) === 1);

let n = 0;
function bid(bidderId: string, amountCents: number): BidRequest {
  n += 1;
  return {
    bidId: `interaction-${n}`,
    guildId: GUILD,
    bidderId,
    bidderName: `Name of ${bidderId}`,
    amountCents,
    maxCents: amountCents,
    responseToken: `answer-${n}`,
    atMs: clockMs,
    receivedAtMs: clockMs,
  };
}

const lot = (auctionId: string, channelId: string) =>
  auctionTerms({ auctionId, channelId, messageId: `m-${auctionId}`, opensAtMs: t0, endsAtMs: t0 + 600_000 });

beforeAll(async () => {
  await store.set(bidderPath('cy'), { bidderId: 'cy', strikes: 3, strikeOrders: [], banned: true });
  await store.set(bidderPath('dee'), { bidderId: 'dee', strikes: 0, strikeOrders: [], banned: false });
  await store.set(bidderPath('fay'), {
    bidderId: 'fay',
    strikes: 0,
    strikeOrders: [],
    banned: false,
    trustedAt: new Date(t0).toISOString(),
    trustedByOrder: 'o1',
  });
  // While the book had one database: cy banned there, and a lot live in a channel the added database will take.
  const before = aProcess(1);
  await before.ban('cy');
  await before.trust('fay');
  await before.open(lot('livelot', taken[0] as string));
});

afterAll(async () => {
  for (const redis of raw) {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
  await Promise.all(connections.map((c) => c.close()));
});

describe('a database added to the book later', () => {
  it('GIVEN a bidder banned before the database was added THEN their bid is refused in a lot it holds, and a bidder let in is not', async () => {
    const book = aProcess(2);
    expect((await book.open(lot('newlot', taken[1] as string))).kind).toBe('opened');
    const answers = [
      await book.placeBid({ channelId: taken[1] as string }, bid('cy', 5_000)),
      await book.placeBid({ channelId: taken[1] as string }, bid('dee', 5_000)),
    ];
    expect(answers.map((a) => a.outcome)).toEqual(['banned', 'leading']);
  });

  it('GIVEN processes racing to open lots on it THEN the bans are replayed onto it once for good, and a later process reads the marker alone', async () => {
    const [added] = raw.slice(1) as [IORedis];
    await added.del(`${keyPrefix}bidders:banned`, `${keyPrefix}bidders:banned:replayed`);
    listed = 0;
    const racers = [aProcess(2), aProcess(2), aProcess(2)];
    const opened = await Promise.all(racers.map((book, i) => book.open(lot(`race${i}`, taken[2 + i] as string))));
    expect(opened.map((o) => o.kind)).toEqual(['opened', 'opened', 'opened']);
    expect([await added.scard(`${keyPrefix}bidders:banned`), await added.get(`${keyPrefix}bidders:banned:replayed`)]).toEqual([1, String(bansReplayVersion)]);
    const racing = listed;
    const later = aProcess(2);
    await later.open(lot('later', taken[5] as string));
    expect([racing >= 1, listed - racing]).toEqual([true, 0]);
    expect((await later.placeBid({ channelId: taken[5] as string }, bid('cy', 5_000))).outcome).toBe('banned');
  });

  it('GIVEN a channel it took while the channel’s lot was live THEN that lot’s open is found where it is, and another lot waits as in a busy channel', async () => {
    const book = aProcess(2);
    expect(await book.open(lot('livelot', taken[0] as string))).toEqual({ kind: 'exists' });
    expect(await book.open(lot('secondlot', taken[0] as string))).toEqual({ kind: 'channel-busy', auctionId: 'livelot' });
    expect(await raw[1]?.exists(`${keyPrefix}auction:{secondlot}`)).toBe(0);
    expect((await book.read('livelot'))?.status).toBe('live');
  });

  it('GIVEN a channel it took while the channel’s lot was live THEN a bid by channel reaches that lot on the first database', async () => {
    const answer = await aProcess(2).placeBid({ channelId: taken[0] as string }, bid('eve', 2_000));
    expect([answer.outcome, answer.snapshot?.auctionId, answer.snapshot?.leaderId]).toEqual(['leading', 'livelot', 'eve']);
    expect(await raw[0]?.hexists(`${keyPrefix}auction:{livelot}:tops`, 'eve')).toBe(1);
  });

  it('GIVEN a buyer who paid before the database was added THEN in a lot it holds they bid past the new-bidder limit, as everywhere else', async () => {
    const [added] = raw.slice(1) as [IORedis];
    await added.del(`${keyPrefix}bidders:banned:replayed`);
    const book = aProcess(2);
    await book.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 10_000, cooldownMs: 0, blocked: [] });
    expect((await book.open(lot('trustlot', taken[6] as string))).kind).toBe('opened');
    const answers = [
      await book.placeBid({ channelId: taken[6] as string }, bid('fay', 50_000)),
      await book.placeBid({ channelId: taken[6] as string }, bid('gil', 60_000)),
    ];
    expect(answers.map((a) => a.outcome)).toEqual(['leading', 'over-new-bidder-limit']);
    await book.setGuildTrust(GUILD, { version: 2, newBidderLimitCents: 0, cooldownMs: 0, blocked: [] });
  });

  it('GIVEN an unban that runs while the replay writes the bans THEN the bidder is let in on the new database too, and the replay is marked done', async () => {
    const [added] = raw.slice(1) as [IORedis];
    await added.del(`${keyPrefix}bidders:banned`, `${keyPrefix}bidders:banned:replayed`);
    const book = aProcess(2);
    // The strikes' year ends for cy between the replay's reading of the banned list and its writing: the book first, then Firestore.
    afterListing = async () => {
      await book.unban('cy');
      await store.set(bidderPath('cy'), { bidderId: 'cy', strikes: 0, strikeOrders: [], banned: false });
    };
    expect((await book.open(lot('unbanlot', taken[7] as string))).kind).toBe('opened');
    expect(await added.get(`${keyPrefix}bidders:banned:replayed`)).toBe(String(bansReplayVersion));
    expect((await book.placeBid({ channelId: taken[7] as string }, bid('cy', 5_000))).outcome).toBe('leading');
  });
});
