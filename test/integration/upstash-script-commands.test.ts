/**
 * What the connection counts as Upstash's commands (upstash/script-commands) equals what a real
 * Redis runs for the book's and the chat outbox's operations on their usual paths: every
 * command MONITOR shows under the test's key prefix, the script call and each command inside
 * it. A script that gains or loses a command on its path fails here until its entry in
 * `scriptCommands` says so, so the `redis.commands` line cannot drift from the scripts.
 * MONITOR's stream is read up to a marker command sent after the operation: Redis shows
 * commands in the order it runs them, so no wait on time is needed.
 */
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { monitorRedis, type RedisMonitor } from '../support/redis-monitor';
import { connectAuctionBookOverResp, type RespConnection } from '../../shared/local/upstash/resp-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { createUpstashChatOutbox } from '../../shared/adapters/chat/upstash-chat-outbox';
import { countCommands } from '../../shared/adapters/upstash/script-commands';
import type { AuctionBook, ChatOutbox } from '../../shared/ports';
import type { BidRequest } from '../../shared/auctions/rules/auction-book';
import { auctionTerms, GUILD, t0, testIdKey } from '../support/auction-book-fixtures';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test:commands:${randomUUID()}:`;
let connection: RespConnection | undefined;
let marker: IORedis | undefined;
/** Read on a socket of its own (support/redis-monitor says why not ioredis's `monitor()`). */
let monitor: RedisMonitor | undefined;
let book: AuctionBook;
let outbox: ChatOutbox;
let counted = 0;
/** Each command MONITOR showed under the prefix, as its words. */
const seen: string[][] = [];
let markerSeen: (() => void) | undefined;

beforeAll(async () => {
  connection = connectAuctionBookOverResp(redisUrl);
  countCommands(connection.redis, (n) => (counted += n));
  book = createUpstashAuctionBook(connection.redis, { idKey: testIdKey, keyPrefix: prefix, gatherMs: 0, callerClock: () => t0 + 1_000 });
  outbox = createUpstashChatOutbox(connection.redis, { keyPrefix: prefix, idKey: testIdKey, gatherMs: 0 });
  marker = new IORedis(redisUrl);
  monitor = await monitorRedis(redisUrl, (args) => {
    if (args[0]?.toLowerCase() === 'echo' && args[1] === `${prefix}marker`) return markerSeen?.();
    if (args.some((arg) => arg.includes(prefix))) seen.push(args);
  });
});

// Each part closed whether or not beforeAll got as far as making it: a connection left open
// keeps the test run from ever exiting.
afterAll(async () => {
  monitor?.close();
  if (marker) {
    const keys = await marker.keys(`${prefix}*`);
    if (keys.length > 0) await marker.del(...keys);
    marker.disconnect();
  }
  await connection?.close();
});

/** What the connection counted and what Redis ran while `run` ran (its scripts loaded by a first run before). */
async function measured(run: () => Promise<unknown>): Promise<{ counted: number; ran: number; commands: string[] }> {
  // Up to a marker before (what earlier work ran may still be on its way) and one after.
  await markAndWait();
  counted = 0;
  seen.length = 0;
  await run();
  await markAndWait();
  return { counted, ran: seen.length, commands: seen.map((args) => args[0]?.toLowerCase() ?? '') };
}

async function markAndWait(): Promise<void> {
  const markerArrived = new Promise<void>((resolve) => (markerSeen = resolve));
  if (!marker) throw new Error('the marker connection was never made (see beforeAll)');
  await marker.echo(`${prefix}marker`);
  await markerArrived;
}

let n = 0;
const bid = (bidderId: string, amountCents: number, over: Partial<BidRequest> = {}): BidRequest => ({
  bidId: `bid:${++n}`,
  guildId: GUILD,
  bidderId,
  bidderName: `Name of ${bidderId}`,
  amountCents,
  maxCents: amountCents,
  responseToken: `token-${n}`,
  atMs: t0 + 1_000,
  receivedAtMs: t0 + 1_000,
  ...over,
});

const budget = { perWindow: 20, windowMs: 30_000, spacingMs: 1_000, marginMs: 500 };
let auctions = 0;
/** A fresh auction, opened in a channel of its own. */
async function opened(): Promise<string> {
  const auctionId = `a${++auctions}`;
  await book.open(auctionTerms({ auctionId, channelId: `c${auctions}` }));
  return auctionId;
}

/** Each operation on its usual path, with what it needs made before (not measured). */
const operations: Array<[string, () => Promise<() => Promise<unknown>>]> = [
  ['an auction opened in a free channel', async () => () => book.open(auctionTerms({ auctionId: `a${++auctions}`, channelId: `c${auctions}` }))],
  [
    'a bid accepted',
    async () => {
      const auctionId = await opened();
      await book.placeBid({ auctionId }, bid('u1', 1_000));
      return () => book.placeBid({ auctionId }, bid('u2', 1_500));
    },
  ],
  [
    'three bids accepted in one call',
    async () => {
      const auctionId = await opened();
      await book.placeBid({ auctionId }, bid('u1', 1_000));
      return () => Promise.all([bid('u2', 1_500), bid('u3', 2_000), bid('u4', 2_500)].map((b) => book.placeBid({ auctionId }, b)));
    },
  ],
  [
    'a read of a live book',
    async () =>
      (
        (auctionId) => () =>
          book.read(auctionId)
      )(await opened()),
  ],
  [
    'an embed edit claimed',
    async () =>
      (
        (auctionId) => () =>
          book.claimEmbedEdit(auctionId, 1_000, t0 + 2_000)
      )(await opened()),
  ],
  [
    'an auction with no bids hammered',
    async () =>
      (
        (auctionId) => () =>
          book.hammer(auctionId, 0, t0 + 200_000)
      )(await opened()),
  ],
  [
    'an auction with no bids cancelled',
    async () =>
      (
        (auctionId) => () =>
          book.cancel(auctionId)
      )(await opened()),
  ],
  [
    'pre-bids let in',
    async () =>
      (
        (auctionId) => () =>
          book.preBidsIn(auctionId)
      )(await opened()),
  ],
  [
    'a bidder withdrawn',
    async () =>
      (
        (auctionId) => () =>
          book.withdraw(auctionId, 'u9')
      )(await opened()),
  ],
  ['a server’s trust rules set', async () => () => book.setGuildTrust(GUILD, { version: ++n, newBidderLimitCents: 0, cooldownMs: 0, blocked: [] })],
  ['a minute’s bid tally sent', async () => () => book.tallyBid(GUILD, t0 + 60_000 * ++n, { accepted: 1 }).then(() => book.tallies(GUILD, t0, t0))],
  ['three minutes of tallies read', async () => () => book.tallies(GUILD, t0 - 120_000, t0)],
  ['a chat line queued', async () => () => outbox.add('b1', { text: `line ${++n}`, must: true })],
  ['a channel’s chat lines taken', async () => () => outbox.takeAll('b1')],
  ['a chat send claimed', async () => () => outbox.claimSend('b2', t0 + 5_000 * ++n, budget)],
];

describe('the commands counted for what the connection sends, against what Redis runs', () => {
  beforeAll(async () => {
    // Every script loaded once (EVALSHA, NOSCRIPT, EVAL): what a running instance has long done.
    for (const [, made] of operations) await (await made())();
  });

  it.each(operations)('GIVEN %s THEN the count is what Redis ran', async (_what, made) => {
    const run = await made();
    const { counted: got, ran, commands } = await measured(run);
    expect({ got, commands }).toEqual({ got: ran, commands });
    expect(ran).toBeGreaterThan(0);
  });
});
