/**
 * A `!bid` typed in Twitch chat in a lot's last second, when the sealed final call begins
 * between chat's read of the book (the final call has not begun) and the bid reaching it
 * (issue 76: "a public chat bid in the final call is never taken as sealed"). The chat path's
 * bid is flagged as typed in public, and the book refuses it in the same atomic step that
 * begins the final call: nothing is kept, and the chatter gets the private page's link, as
 * every chat bid in the final call does. Run on every book: the Lua script in a real Redis
 * (given the test's clock, `callerClock`), alone and sharded over two databases, and the
 * reference model (the in-memory book).
 */
import { randomUUID } from 'node:crypto';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { shardedAuctionBook } from '../../shared/adapters/upstash/sharded-auction-book';
import { InMemoryAuctionBook } from '../../shared/local/upstash/in-memory-auction-book';
import { InMemoryChatOutbox } from '../../shared/local/chat/in-memory-chat-outbox';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import type { AuctionBook, AuctionReading, TaskQueue } from '../../shared/ports';
import { auctionPath, type Auction } from '../../shared/auctions';
import { chatBiddingPath, twitchBidderPath } from '../../shared/chatbids/rules/chat-bidding';
import { ChatMemory } from '../../shared/chatbids/use-cases/chat-memory';
import { chatBidderReach } from '../../shared/chatbids/use-cases/chat-reach';
import { placeChatBid } from '../../shared/chatbids/use-cases/place-chat-bid';
import type { ChatDeps } from '../../shared/chatbids/use-cases/chat-deps';
import { auctionTerms, testIdKey } from '../support/auction-book-fixtures';

const BROADCASTER = '5551';
const OWNER = '800000000000000009';
const CHANNEL = '910000000000000001';
const AUCTION = 'auct0001';
const GUILD = '900000000000000001';
const RIVAL = '700000000000000077';
const BO = '4001';

const endpoint = { url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string };
const redis = connectAuctionBook(endpoint);
const runId = randomUUID();
afterAll(async () => {
  const keys = await redis.keys(`test:chat-race:${runId}:*`);
  if (keys.length > 0) await redis.del(...keys);
});

type BookKind = 'the Lua book in Redis' | 'the sharded Lua book (two databases)' | 'the reference model';
const luaBook = (clock: () => number) =>
  createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix: `test:chat-race:${runId}:${randomUUID()}:`, callerClock: clock });
const books: Record<BookKind, (clock: () => number) => AuctionBook> = {
  'the Lua book in Redis': luaBook,
  // As the cloud spreads shows over several databases: the bid reaches the channel's, flag and all.
  'the sharded Lua book (two databases)': (clock) => shardedAuctionBook([luaBook(clock), luaBook(clock)]),
  'the reference model': (clock) => new InMemoryAuctionBook(undefined, clock),
};

/**
 * The book as chat reaches it: its read is the real one, and `thenBeforeTheBid` runs once that
 * read has come back, before chat places the bid: the moment the final call may begin on the
 * book's clock.
 */
function readThenMoveOn(real: AuctionBook) {
  let between: (() => Promise<void>) | undefined;
  const reads: AuctionReading[] = [];
  const book: AuctionBook = Object.assign(Object.create(real) as AuctionBook, {
    read: async (auctionId: string) => {
      const reading = await real.read(auctionId);
      if (reading) reads.push(reading);
      const next = between;
      between = undefined;
      await next?.();
      return reading;
    },
  });
  return { book, reads, thenBeforeTheBid: (run: () => Promise<void>) => void (between = run) };
}

/** A lot a minute from its stated end with a 20 s final call, led by a Discord bidder at $30; bo is signed in with Twitch. */
async function lastSecond(kind: BookKind) {
  let nowMs = Date.parse('2026-11-27T20:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const store = new LocalDocumentStore();
  const real = books[kind](() => nowMs);
  const { book, reads, thenBeforeTheBid } = readThenMoveOn(real);
  const outbox = new InMemoryChatOutbox();
  const deleted: string[] = [];
  const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
  const deps: ChatDeps = {
    store,
    book,
    discord: new DiscordOutbox(undefined, { clock }),
    tasks,
    clock,
    outbox,
    currency: 'usd',
    publicBaseUrl: 'https://c500.example',
    botUserId: '100000001',
    trustedOnRecord: async () => false,
    deleteChatMessage: async (message) => (deleted.push(message.messageId), 'deleted'),
  };
  const startedAt = clock.now().toISOString();
  await store.set(chatBiddingPath(BROADCASTER), {
    broadcasterId: BROADCASTER,
    login: 'keebstream',
    ownerId: OWNER,
    guildId: GUILD,
    on: true,
    changedBy: OWNER,
    changedAt: startedAt,
  });
  const endsAtMs = nowMs + 60_000;
  await store.set(auctionPath(AUCTION), {
    auctionId: AUCTION,
    guildId: GUILD,
    channelId: CHANNEL,
    builderId: OWNER,
    status: 'live',
    startedAt,
    endsAt: new Date(endsAtMs).toISOString(),
  } as Auction);
  const terms = auctionTerms({
    auctionId: AUCTION,
    channelId: CHANNEL,
    builderId: OWNER,
    endsAtMs,
    opensAtMs: nowMs,
    settleMs: 2_000,
    counterBidMs: 10_000,
    finalCallMs: 20_000,
  });
  expect(await real.open(terms)).toEqual({ kind: 'opened' });
  const discordBid = (bidderId: string, cents: number, atMs: number) =>
    real.placeBid(
      { auctionId: AUCTION },
      {
        bidId: `discord-${atMs}`,
        guildId: GUILD,
        bidderId,
        bidderName: bidderId,
        amountCents: cents,
        maxCents: cents,
        responseToken: `t-${atMs}`,
        atMs,
        receivedAtMs: atMs,
      },
    );
  expect((await discordBid(RIVAL, 3_000, nowMs + 1_000)).outcome).toBe('leading');
  await store.set(twitchBidderPath(BO), { twitchUserId: BO, login: 'bo', displayName: 'bo', linkedAt: startedAt });
  const memory = new ChatMemory(store, clock);
  const reach = chatBidderReach({ store: () => store, discord: () => deps.discord, outbox, tasks, clock, publicBaseUrl: deps.publicBaseUrl });
  return {
    real,
    reads,
    deleted,
    endsAtMs,
    discordBid,
    moveTo: (ms: number) => void (nowMs = ms),
    thenBeforeTheBid,
    chatBid: (text: string, sentAtMs: number) =>
      placeChatBid(deps, memory, reach, {
        chatMessageId: 'msg-last-second',
        broadcasterId: BROADCASTER,
        broadcasterLogin: 'keebstream',
        chatterId: BO,
        chatterLogin: 'bo',
        chatterName: 'bo',
        text,
        sentAtMs,
      }),
    said: async () => (await outbox.takeAll(BROADCASTER)).map((l) => (l.group ? `@${l.group.login}: ${l.text}` : l.text)),
  };
}

const privateLink = `@bo: the final call is sealed, so a bid typed in chat isn't taken: bid in private at https://c500.example/bid/${AUCTION}`;

describe.each(Object.keys(books) as BookKind[])('a chat !bid that meets the final call’s first moment, on %s', (kind) => {
  it.each([
    ['a Discord bid after the stated end begins it', 'sealed-by-bid'],
    ['the book’s clock reaches the stated end', 'by-clock'],
  ] as const)('is never taken sealed when, between chat’s read and the bid, %s', async (_, how) => {
    const w = await lastSecond(kind);
    const typedAt = w.endsAtMs - 1_000;
    w.moveTo(typedAt);
    w.thenBeforeTheBid(async () => {
      w.moveTo(w.endsAtMs + 200);
      if (how === 'sealed-by-bid') expect((await w.discordBid('700000000000000078', 3_200, w.endsAtMs + 200)).outcome).toBe('sealed');
    });
    const shown = await w.real.read(AUCTION);
    expect(await w.chatBid('!bid 60', typedAt)).toBe('final-call-in-private');
    // The read chat made said the final call had not begun: the book alone turned the bid away.
    expect(w.reads.map((r) => r.finalCallBegun)).toEqual([false]);
    expect(await w.said()).toEqual([privateLink]);
    expect(w.deleted).toEqual(['msg-last-second']);
    expect(await w.real.holdsBidder(AUCTION, `twitch:${BO}`)).toBe(false);
    expect(await w.real.read(AUCTION)).toMatchObject({ leaderId: RIVAL, priceCents: shown?.priceCents, bidCount: 1 });
    // At the hammer bo's $60 is nowhere: the result is the Discord bidders'.
    w.moveTo(w.endsAtMs + 22_000);
    const closed = await w.real.hammer(AUCTION, 0, w.endsAtMs + 22_000);
    expect(closed.kind === 'closed' && closed.standings.map((s) => s.bidderId)).not.toContain(`twitch:${BO}`);
  });

  it('takes the same last-second chat bid as a bid when the final call has not begun by the time it reaches the book', async () => {
    const w = await lastSecond(kind);
    const typedAt = w.endsAtMs - 1_000;
    w.moveTo(typedAt);
    w.thenBeforeTheBid(async () => w.moveTo(w.endsAtMs - 900));
    expect(await w.chatBid('!bid 60', typedAt)).toBe('leading');
    expect(await w.said()).toEqual(['bo (Twitch) leads at $60.00 · next $63.00']);
    expect(w.deleted).toEqual([]);
  });
});
