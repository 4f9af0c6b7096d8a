/**
 * A lot's last seconds with a chat herd: every chat bid asks the book whether the sealed final
 * call has begun, and an instance's bids on the lot share that read (one at a time), so a herd
 * costs a bounded number of reads, not one a bid. The book's read is held until the test lets
 * it answer, so the count does not depend on how fast the machine is.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { InMemoryChatOutbox } from '../../local/chat/in-memory-chat-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { AuctionBook, AuctionReading, TaskQueue } from '../../ports';
import { auctionPath, type Auction } from '../../auctions';
import { auctionTerms } from '../../../test/support/auction-book-fixtures';
import { chatBiddingPath, twitchBidderPath } from '../rules/chat-bidding';
import { ChatMemory } from '../use-cases/chat-memory';
import { chatBidderReach } from '../use-cases/chat-reach';
import { placeChatBid } from '../use-cases/place-chat-bid';
import type { ChatDeps } from '../use-cases/chat-deps';

const BROADCASTER = '5551';
const OWNER = '800000000000000009';
const CHANNEL = '910000000000000001';
const AUCTION = 'auct0001';
const GUILD = '900000000000000001';
const HERD = 50;

/** The in-memory book, its reads counted and held until `answer` lets the waiting ones through. */
function heldReads(book: InMemoryAuctionBook) {
  const waiting: (() => void)[] = [];
  let reads = 0;
  const held: AuctionBook = Object.assign(Object.create(book) as AuctionBook, {
    read: (auctionId: string): Promise<AuctionReading | undefined> => {
      reads += 1;
      return new Promise<void>((resolve) => waiting.push(resolve)).then(() => book.read(auctionId));
    },
  });
  return { held, reads: () => reads, answer: () => waiting.splice(0).forEach((go) => go()) };
}

async function lastSeconds() {
  let nowMs = Date.parse('2026-11-27T20:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const store = new LocalDocumentStore();
  const book = new InMemoryAuctionBook(undefined, () => nowMs);
  const reads = heldReads(book);
  const outbox = new InMemoryChatOutbox();
  const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
  const deps: ChatDeps = {
    store,
    book: reads.held,
    discord: new DiscordOutbox(undefined, { clock }),
    tasks,
    clock,
    outbox,
    currency: 'usd',
    publicBaseUrl: 'https://c500.example',
    botUserId: '100000001',
    trustedOnRecord: async () => false,
    deleteChatMessage: async () => 'deleted',
  };
  const changedAt = clock.now().toISOString();
  await store.set(chatBiddingPath(BROADCASTER), {
    broadcasterId: BROADCASTER,
    login: 'keebstream',
    ownerId: OWNER,
    guildId: GUILD,
    on: true,
    changedBy: OWNER,
    changedAt,
  });
  const endsAt = new Date(nowMs + 60_000).toISOString();
  await store.set(auctionPath(AUCTION), {
    auctionId: AUCTION,
    guildId: GUILD,
    channelId: CHANNEL,
    builderId: OWNER,
    status: 'live',
    startedAt: changedAt,
    endsAt,
  } as Auction);
  await book.open(
    auctionTerms({
      auctionId: AUCTION,
      channelId: CHANNEL,
      builderId: OWNER,
      endsAtMs: nowMs + 60_000,
      settleMs: 2_000,
      startCents: 1_000,
      opensAtMs: nowMs,
      suddenDeath: true,
      counterBidMs: 0,
      finalCallMs: 20_000,
    }),
  );
  for (let i = 0; i < HERD; i += 1) {
    const id = String(4_000 + i);
    await store.set(twitchBidderPath(id), { twitchUserId: id, login: `viewer${i}`, displayName: `viewer${i}`, linkedAt: changedAt });
  }
  const memory = new ChatMemory(store, clock);
  const reach = chatBidderReach({ store: () => store, discord: () => deps.discord, outbox, tasks, clock, publicBaseUrl: deps.publicBaseUrl });
  // Into the final call: a second after the stated end.
  nowMs += 61_000;
  const herd = Array.from({ length: HERD }, (_, i) =>
    placeChatBid(deps, memory, reach, {
      chatMessageId: `msg-${i}`,
      broadcasterId: BROADCASTER,
      broadcasterLogin: 'keebstream',
      chatterId: String(4_000 + i),
      chatterLogin: `viewer${i}`,
      chatterName: `viewer${i}`,
      text: '!bid 60',
      sentAtMs: nowMs - 1_500,
    }),
  );
  return { reads, herd, memory, book };
}

/** Lets the waiting reads answer, turn after turn, until every bid of the herd has its outcome. */
async function answerUntilDone<T>(reads: { answer(): void }, herd: Promise<T>[]): Promise<T[]> {
  let done = false;
  const all = Promise.all(herd).finally(() => (done = true));
  while (!done) {
    reads.answer();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return all;
}

describe('chat bids in a lot’s last seconds', () => {
  it('share the book’s word on the final call: 50 at once cost at most 2 reads, and every one is still sent to bid in private', async () => {
    const { reads, herd, memory, book } = await lastSeconds();
    const outcomes = await answerUntilDone(reads, herd);
    expect(outcomes).toEqual(Array<string>(HERD).fill('final-call-in-private'));
    // The first bid's read, then one shared by all that arrived while it was on its way.
    expect(reads.reads()).toBeLessThanOrEqual(2);
    expect(memory.finalCallReads.size).toBe(0);
    expect(await book.read(AUCTION)).toMatchObject({ bidCount: 0 });
  });
});
