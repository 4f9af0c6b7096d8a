/**
 * A database appended to UPSTASH_BOOK_SHARDS reaches instances as they start: for a while, an
 * instance running the old list serves beside one running the new. The old one must never open
 * a second lot in a channel the new database took, nor tell a bidder there is no lot there: it
 * refuses (BookBehindError), and the platform retries on another instance.
 */
import { shardedAuctionBook } from '../../../../shared/adapters/upstash/sharded-auction-book';
import { BookBehindError, type BookLayoutMarker } from '../../../../shared/adapters/upstash/book-layout-marker';
import { InMemoryAuctionBook } from '../../../../shared/local/upstash/in-memory-auction-book';
import { bookDatabaseOf } from '../../../../shared/auctions';
import type { BidRequest } from '../../../../shared/ports';
import { auctionTerms, GUILD, t0 } from '../../../support/auction-book-fixtures';

/** The first database's count, as book-layout-marker keeps it in Redis. */
function layout(): BookLayoutMarker & { reads: number } {
  let count = 0;
  return {
    reads: 0,
    raise: async (databases) => (count = Math.max(count, databases)),
    async highest() {
      this.reads += 1;
      return count;
    },
  };
}

const bid = (bidId: string): BidRequest => ({
  bidId,
  guildId: GUILD,
  bidderId: 'ana',
  bidderName: 'Ana',
  amountCents: 1_000,
  maxCents: 1_000,
  responseToken: 't',
  atMs: t0 + 1_000,
  receivedAtMs: t0 + 1_000,
});

/** A channel the third database takes when it is added. */
const movedChannel = Array.from({ length: 200 }, (_, i) => `13000000000000000${i}`).find((c) => bookDatabaseOf(c, 3) === 2) as string;

describe('an instance started before a database was added', () => {
  const databases = () => [0, 1, 2].map(() => new InMemoryAuctionBook(undefined, () => t0 + 5_000));

  it('refuses to open a lot in a channel whose lot a newer instance opened on the new database, and opens no second one', async () => {
    const [d0, d1, d2] = databases() as [InMemoryAuctionBook, InMemoryAuctionBook, InMemoryAuctionBook];
    const marker = layout();
    const newer = shardedAuctionBook([d0, d1, d2], undefined, marker);
    const older = shardedAuctionBook([d0, d1], undefined, marker);
    expect((await newer.open(auctionTerms({ auctionId: 'lot1', channelId: movedChannel }))).kind).toBe('opened');
    await expect(older.open(auctionTerms({ auctionId: 'lot2', channelId: movedChannel }))).rejects.toThrow(BookBehindError);
    expect([await d0.liveAuctionIn(movedChannel), await d1.liveAuctionIn(movedChannel)]).toEqual([undefined, undefined]);
  });

  it('refuses a bid by channel and a lookup by auction it finds nothing for, instead of answering that there is no lot', async () => {
    const [d0, d1, d2] = databases() as [InMemoryAuctionBook, InMemoryAuctionBook, InMemoryAuctionBook];
    const marker = layout();
    await shardedAuctionBook([d0, d1, d2], undefined, marker).open(auctionTerms({ auctionId: 'lot1', channelId: movedChannel }));
    const older = shardedAuctionBook([d0, d1], undefined, marker);
    await expect(older.placeBid({ channelId: movedChannel }, bid('b1'))).rejects.toThrow(BookBehindError);
    await expect(older.read('lot1')).rejects.toThrow(BookBehindError);
    // The newer instance takes the retried bid.
    expect((await shardedAuctionBook([d0, d1, d2], undefined, marker).placeBid({ channelId: movedChannel }, bid('b1'))).outcome).toBe('leading');
  });

  it('with one database, is guarded too: the first database added is the first change of list', async () => {
    const [d0, d1] = databases() as [InMemoryAuctionBook, InMemoryAuctionBook];
    const marker = layout();
    const channel = Array.from({ length: 200 }, (_, i) => `14000000000000000${i}`).find((c) => bookDatabaseOf(c, 2) === 1) as string;
    await shardedAuctionBook([d0, d1], undefined, marker).open(auctionTerms({ auctionId: 'lot1', channelId: channel }));
    await expect(shardedAuctionBook([d0], undefined, marker).placeBid({ channelId: channel }, bid('b1'))).rejects.toThrow(BookBehindError);
  });

  it('answers as before while no instance has run more databases: no lot is no lot, and a herd of misses shares one read', async () => {
    const [d0, d1] = databases() as [InMemoryAuctionBook, InMemoryAuctionBook];
    const marker = layout();
    const book = shardedAuctionBook([d0, d1], undefined, marker);
    const outcomes = await Promise.all(['b1', 'b2', 'b3'].map((id) => book.placeBid({ channelId: movedChannel }, bid(id))));
    expect(outcomes.map((r) => r.outcome)).toEqual(['not-found', 'not-found', 'not-found']);
    expect(marker.reads).toBe(1);
    expect((await book.open(auctionTerms({ auctionId: 'lot1', channelId: movedChannel }))).kind).toBe('opened');
  });
});
