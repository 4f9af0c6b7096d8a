/**
 * The book over several databases, routed in the process: each database an in-memory book, one
 * of them able to fail. A call naming only an auction finds its database once; a database that
 * is down fails only what it holds.
 */
import { shardedAuctionBook } from '../../../../shared/adapters/upstash/sharded-auction-book';
import { bansReplayVersion } from '../../../../shared/adapters/upstash/ban-replay';
import { InMemoryAuctionBook } from '../../../../shared/local/upstash/in-memory-auction-book';
import { bookDatabaseOf } from '../../../../shared/auctions';
import type { AuctionBook } from '../../../../shared/ports';
import { auctionTerms, GUILD, t0 } from '../../../support/auction-book-fixtures';

/** A book whose every call fails while `down` is set, and which counts its reads. */
function failing(inner: AuctionBook, state: { down: boolean; reads: number }): AuctionBook {
  return new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (name === 'read') state.reads += 1;
        if (state.down) return Promise.reject(new Error('the database does not answer'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const channelOn = (index: number, of: number) =>
  Array.from({ length: 200 }, (_, i) => `12000000000000000${i}`).find((c) => bookDatabaseOf(c, of) === index) as string;

describe('the book over three databases', () => {
  const states = [0, 1, 2].map(() => ({ down: false, reads: 0 }));
  const inner = [0, 1, 2].map(() => new InMemoryAuctionBook(undefined, () => t0 + 5_000));
  const books = inner.map((b, i) => failing(b, states[i] as { down: boolean; reads: number }));

  it('is the one database itself when there is one', () => {
    expect(shardedAuctionBook([inner[0] as AuctionBook])).toBe(inner[0]);
  });

  it('takes a pre-bid naming only its lot on the lot’s database, looking for it once, and answers an unknown lot as not found', async () => {
    const channel = channelOn(2, 3);
    await shardedAuctionBook(books).open(auctionTerms({ auctionId: 'lot9', channelId: channel }));
    const elsewhere = shardedAuctionBook(books);
    const before = states.map((s) => s.reads);
    const bid = {
      bidId: 'b1',
      guildId: GUILD,
      bidderId: 'ana',
      bidderName: 'Ana',
      amountCents: 1_000,
      maxCents: 1_000,
      responseToken: 't',
      atMs: t0 + 1_000,
      receivedAtMs: t0 + 1_000,
    };
    expect((await elsewhere.placeBid({ auctionId: 'lot9' }, bid)).outcome).toBe('leading');
    expect(await elsewhere.holdsBidder('lot9', 'ana')).toBe(true);
    expect(states.map((s, i) => s.reads - (before[i] as number))).toEqual([1, 1, 1]);
    expect(await inner[2]?.holdsBidder('lot9', 'ana')).toBe(true);
    expect(await elsewhere.cancel('nolot')).toBe('not-found');
  });

  it('reads a lot while another database is down, and fails only a lot it cannot find for it', async () => {
    const channel = channelOn(1, 3);
    await shardedAuctionBook(books).open(auctionTerms({ auctionId: 'lot7', channelId: channel }));
    (states[0] as { down: boolean }).down = true;
    try {
      expect((await shardedAuctionBook(books).read('lot7'))?.auctionId).toBe('lot7');
      await expect(shardedAuctionBook(books).read('nolot')).rejects.toThrow('the database does not answer');
    } finally {
      (states[0] as { down: boolean }).down = false;
    }
  });
});

describe('the bans a database added later is given', () => {
  /** A marker kept in the test, as ban-replay keeps it in Redis. */
  const marker = () => {
    let version = 0;
    return { replayedAt: async () => version, markReplayed: async (v: number) => void (version = v) };
  };

  it('GIVEN Firestore failing at the first open THEN the open fails, nothing is marked, and the next open replays the bans', async () => {
    const inner = [0, 1].map(() => new InMemoryAuctionBook(undefined, () => t0 + 5_000));
    const markers = [marker(), marker()];
    let calls = 0;
    const bannedBidders = async () => {
      calls += 1;
      if (calls === 1) throw new Error('Firestore does not answer');
      return ['cy'];
    };
    const book = shardedAuctionBook(inner, { markers, bannedBidders, trustedBidders: async () => [] });
    const channel = channelOn(1, 2);
    await expect(book.open(auctionTerms({ auctionId: 'lot1', channelId: channel }))).rejects.toThrow('Firestore does not answer');
    expect(await markers[1]?.replayedAt()).toBe(0);
    expect((await book.open(auctionTerms({ auctionId: 'lot1', channelId: channel }))).kind).toBe('opened');
    expect(await markers[1]?.replayedAt()).toBe(bansReplayVersion);
    // The failed read, then the replay's two: the list it bans from, and again before it marks the replay done.
    expect(calls).toBe(3);
    const bid = {
      bidId: 'b1',
      guildId: GUILD,
      bidderId: 'cy',
      bidderName: 'Cy',
      amountCents: 1_000,
      maxCents: 1_000,
      responseToken: 't',
      atMs: t0 + 1_000,
      receivedAtMs: t0 + 1_000,
    };
    expect((await book.placeBid({ channelId: channel }, bid)).outcome).toBe('banned');
  });

  it('GIVEN a database marked as replayed THEN its open reads no bans from Firestore', async () => {
    const inner = [0, 1].map(() => new InMemoryAuctionBook(undefined, () => t0 + 5_000));
    const markers = [marker(), marker()];
    await markers[1]?.markReplayed(bansReplayVersion);
    let calls = 0;
    const book = shardedAuctionBook(inner, { markers, bannedBidders: async () => [String((calls += 1))], trustedBidders: async () => [] });
    expect((await book.open(auctionTerms({ auctionId: 'lot1', channelId: channelOn(1, 2) }))).kind).toBe('opened');
    expect(calls).toBe(0);
  });
});
