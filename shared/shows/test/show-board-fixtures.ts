/**
 * A show seeded as the run leaves it, for the board's tests: lots up next, one live in the
 * in-memory book, finished ones with their auctions' results, in the embedded store.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import type { ShowBoardDeps } from '../use-cases/show-board-view';
import { defaultLadder, auctionPath, type Auction } from '../../auctions';
import { showPath, type Show, type ShowLot } from '../rules/show';
import type { DocPath } from '../../ports';

export const nowMs = Date.parse('2026-11-27T21:00:00Z');
export const SHOW = 'sh0w0001';

export function lot(n: number, over: Partial<ShowLot> = {}): ShowLot {
  return {
    lotId: `lot0000${n}`.slice(-8),
    builderId: `builder-id-${n}`,
    builderName: `Builder ${n}`,
    item: `Board ${n}`,
    startCents: 2_500 * n,
    durationSeconds: 45,
    reserveCents: 0,
    suddenDeath: false,
    addedAt: '2026-11-27T20:00:00Z',
    state: 'up-next',
    ...over,
  };
}

export function aShow(lots: ShowLot[], over: Partial<Show> = {}): Show {
  return {
    showId: SHOW,
    guildId: 'g1',
    channelId: 'c1',
    hostId: 'host-id',
    hostName: 'Hosty',
    title: 'Friday night keebs',
    currency: 'usd',
    status: 'running',
    lots,
    hostCutBps: 1_000,
    gapSeconds: 10,
    createdAt: '2026-11-27T20:00:00Z',
    step: 3,
    ...over,
  };
}

/** A finished lot's auction as the hammer and the payments leave it. */
export function result(auctionId: string, over: Partial<Auction>): Auction {
  return {
    auctionId,
    guildId: 'g1',
    channelId: 'c1',
    builderId: 'builder-id',
    builderName: 'Builder',
    item: 'Board',
    currency: 'usd',
    startCents: 2_500,
    reserveCents: 0,
    counterBidSeconds: 10,
    suddenDeath: false,
    settleMs: 2_000,
    ladder: [...defaultLadder],
    startedAt: '2026-11-27T20:50:00Z',
    endsAt: '2026-11-27T20:51:00Z',
    status: 'unsold',
    unsoldReason: 'no-bids',
    bidCount: 0,
    ...over,
  };
}

export const won = (auctionId: string, name: string, priceCents: number, over: Partial<Auction> = {}) =>
  result(auctionId, {
    status: 'awaiting-payment',
    bidCount: 3,
    priceCents,
    winner: { bidderId: `${name}-id`, bidderName: name, priceCents },
    offer: { rank: 0, bidderId: `${name}-id`, bidderName: name, priceCents, orderId: `order-${auctionId}` },
    unsoldReason: undefined,
    ...over,
  });

/** A store that counts its reads by path. */
class CountingStore extends LocalDocumentStore {
  reads: string[] = [];
  override get<T>(path: DocPath<T>): Promise<T | undefined> {
    this.reads.push(path);
    return super.get(path);
  }
}

export async function world(show: Show, auctions: Auction[] = []) {
  const store = new CountingStore();
  const clock = { ms: nowMs, now: () => new Date(clock.ms) };
  // The book's clock is the show's: one process.
  const book = new InMemoryAuctionBook(undefined, () => clock.ms);
  await store.set(showPath(show.showId), show);
  for (const a of auctions) await store.set(auctionPath(a.auctionId), a);
  store.reads = [];
  const deps: ShowBoardDeps = { store, book, clock };
  return { store, book, clock, deps };
}

/** Opens a lot's auction in the book, ending in a minute, with these bids (name, amount in cents). */
export async function openLive(book: InMemoryAuctionBook, auctionId: string, item: string, bids: Array<[string, number]>) {
  await book.open({
    auctionId,
    guildId: 'g1',
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'builder-id-3',
    item,
    currency: 'usd',
    startCents: 7_500,
    reserveCents: 0,
    opensAtMs: nowMs - 60_000,
    endsAtMs: nowMs + 60_000,
    counterBidMs: 10_000,
    suddenDeath: false,
    settleMs: 2_000,
    streamDelayMs: 0,
    finalCallMs: 0,
    ladder: defaultLadder,
  });
  for (const [i, [name, cents]] of bids.entries())
    await book.placeBid(
      { auctionId },
      {
        bidId: `bid-${i}`,
        guildId: 'g1',
        bidderId: `${name}-id`,
        bidderName: name,
        amountCents: cents,
        maxCents: cents * 2,
        responseToken: 't',
        atMs: nowMs - 1_000,
        receivedAtMs: nowMs - 1_000,
      },
    );
}
