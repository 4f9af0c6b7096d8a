/**
 * @module sharded-auction-book
 * The auction book over several databases, as one book: every user of the book (the bids
 * from Discord and Twitch chat, the hammer, the embed, the overlays, an erasure) is handed
 * this, so none of them chooses a database. A channel's auctions and its pointer live on the
 * database `bookDatabaseOf(channelId, n)` picks (shared/auctions/rules/book-shards), so a lot,
 * its bids and its sealed final call are decided by one script on one Redis with one clock;
 * the lists that hold in every auction (bans, trust, a server's rules) are written to every
 * database, and an erasure forgets on every one. A server's minute tallies and the probe's
 * notes, which belong to no channel, stay on the first database (`UPSTASH_REDIS_REST_URL`),
 * with the chat outbox and Stripe's write budget.
 *
 * A call that names only an auction (the hammer's task, the embed's, an overlay, a pre-bid)
 * finds its database by reading it on each, once per process: an auction never moves while the
 * list of databases stays the same, so what was found is remembered.
 *
 * A database added later holds none of the bans made before it: before an auction opens on a
 * database, its marker (ban-replay) is read once per process, and if the bans were never
 * replayed there, every bidder Firestore lists as banned is banned there, then the marker set.
 * Two processes racing both replay; a ban is a set member, so the second changes nothing. A ban
 * made meanwhile is written to every database anyway. An open also asks the other databases
 * whether the channel has a live auction there (a channel moved by an added database): the
 * open of that same auction is `exists`, another's is `channel-busy`, never a second live lot;
 * and a bid by channel that finds no lot at home looks there too, once per channel and process
 * when nothing is (so a herd of late bids after a hammer costs the others one read each).
 *
 * An instance started before a database was appended runs the shorter list (book-layout-marker):
 * with the marker, every open raises the count on the first database to its list's length, and an
 * instance behind it throws `BookBehindError` rather than open a lot or answer "none" (a bid by
 * channel, a lookup by auction that found nothing): the platform retries it on another instance.
 * A bid that found nothing reads the count after its answer came; the misses that came while one
 * read waited to start share it (a herd of late bids costs about a read per batch, not per bid).
 */
import type { AuctionBook, AuctionReading, BidTarget, OpenResult } from '../../ports';
import { bookDatabaseOf } from '../../auctions';
import { bansReplayVersion, type BanReplayMarker } from './ban-replay';
import { BookBehindError, type BookLayoutMarker } from './book-layout-marker';

/** How a sharded book finds the bans a database may lack. */
export interface BanReplay {
  /** Each database's marker, in the order of the books. */
  markers: readonly BanReplayMarker[];
  /** Every bidder banned now, from the system of record (the auctions module's `bannedBidders`). */
  bannedBidders: () => Promise<string[]>;
}

/** Bans one replay sends at once. */
const bansPerRound = 100;

/** Auctions whose database a process remembers; a guard, as a process meets a handful a show. */
const rememberedAuctions = 10_000;

/**
 * One book when there is one database and no layout marker; the books by channel when there are
 * several (in the order the rule names them). With the marker, even one database is guarded: an
 * instance started before the first database was added runs exactly that list.
 */
export function shardedAuctionBook(books: readonly AuctionBook[], replay?: BanReplay, layout?: BookLayoutMarker): AuctionBook {
  const [first] = books;
  if (!first) throw new RangeError('a book needs at least one database');
  if (books.length === 1 && !layout) return first;
  const guard = layoutGuard(layout, books.length);
  const homes = auctionHomes(books, guard);
  const bansOn = banReplays(books, replay);
  /** Channels whose bids found no lot at home and none live on another database (see placeBid). */
  const settledChannels = new Set<string>();
  const inChannel = (channelId: string) => books[bookDatabaseOf(channelId, books.length)] as AuctionBook;
  const everywhere = async <T>(call: (book: AuctionBook) => Promise<T>): Promise<T[]> => Promise.all(books.map(call));
  return {
    async open(terms) {
      const index = bookDatabaseOf(terms.channelId, books.length);
      const [, , moved] = await Promise.all([guard.opening(), bansOn(index), liveElsewhere(terms.channelId, index)]);
      if (moved !== undefined) return openOfMoved(terms.auctionId, moved);
      const result = await (books[index] as AuctionBook).open(terms);
      if (result.kind !== 'channel-busy') homes.remember(terms.auctionId, index);
      return result;
    },
    async placeBid(target, bid, timing) {
      const result = await (await bookFor(target)).placeBid(target, bid, timing);
      if (target.channelId === undefined) return result;
      const home = bookDatabaseOf(target.channelId, books.length);
      // A bid by channel names the auction it reached: the hammer and the embed then need not look for it.
      if (result.snapshot) homes.remember(result.snapshot.auctionId, home);
      if (result.outcome !== 'not-found') return result;
      // The lot may be on a database this instance does not know: then it answers nothing.
      await guard.nothingFound();
      if (settledChannels.has(target.channelId)) return result;
      const moved = await liveElsewhere(target.channelId, home);
      if (moved === undefined || ('auctionId' in target && target.auctionId !== moved.auctionId)) {
        // Nothing moved holds this channel: later misses in it (the late bids after a hammer) ask no other database.
        if (settledChannels.size >= rememberedAuctions) settledChannels.clear();
        settledChannels.add(target.channelId);
        return result;
      }
      homes.remember(moved.auctionId, moved.index);
      return (books[moved.index] as AuctionBook).placeBid(target, bid, timing);
    },
    liveAuctionIn: (channelId) => inChannel(channelId).liveAuctionIn(channelId),
    read: (auctionId) => homes.read(auctionId),
    claimEmbedEdit: async (auctionId, behindMs, atMs) => (await homes.bookOf(auctionId)).claimEmbedEdit(auctionId, behindMs, atMs),
    hammer: async (auctionId, version, atMs) => (await homes.bookOf(auctionId)).hammer(auctionId, version, atMs),
    cancel: async (auctionId, how) => (await homes.bookOf(auctionId)).cancel(auctionId, how),
    withdraw: async (auctionId, bidderId) => (await homes.bookOf(auctionId)).withdraw(auctionId, bidderId),
    holdsBidder: async (auctionId, bidderId) => (await homes.bookOf(auctionId)).holdsBidder(auctionId, bidderId),
    preBidsIn: async (auctionId) => (await homes.bookOf(auctionId)).preBidsIn(auctionId),
    // An erasure sweeps every database: a bidder may have bid in channels on each.
    forget: async (bidderIds) => (await everywhere((book) => book.forget(bidderIds))).reduce((sum, n) => sum + n, 0),
    // What holds in every auction is on every database, where the bid script reads it.
    ban: async (bidderId) => void (await everywhere((book) => book.ban(bidderId))),
    unban: async (bidderId) => void (await everywhere((book) => book.unban(bidderId))),
    trust: async (bidderId) => void (await everywhere((book) => book.trust(bidderId))),
    setGuildTrust: async (guildId, trust) => void (await everywhere((book) => book.setGuildTrust(guildId, trust))),
    tallyBid: (guildId, atMs, counts) => first.tallyBid(guildId, atMs, counts),
    tallies: (guildId, fromMs, toMs) => first.tallies(guildId, fromMs, toMs),
    noteProbeDecision: (probeId, decision) => first.noteProbeDecision(probeId, decision),
    probeDecision: (probeId) => first.probeDecision(probeId),
    countProbeBid: (minuteMs) => first.countProbeBid(minuteMs),
  };

  /** The channel's live auction on a database other than its own, and where: a channel an added database took. A database that fails is passed over. */
  async function liveElsewhere(channelId: string, home: number): Promise<{ auctionId: string; index: number } | undefined> {
    const found = await Promise.allSettled(books.map((book, index) => (index === home ? Promise.resolve(undefined) : book.liveAuctionIn(channelId))));
    const index = found.findIndex((r) => r.status === 'fulfilled' && r.value !== undefined);
    const live = found[index];
    return live?.status === 'fulfilled' && live.value !== undefined ? { auctionId: live.value, index } : undefined;
  }

  /** The open of the auction live where the channel was is the same auction (`exists`); another's waits as a busy channel's does. */
  function openOfMoved(auctionId: string, moved: { auctionId: string; index: number }): OpenResult {
    if (moved.auctionId !== auctionId) return { kind: 'channel-busy', auctionId: moved.auctionId };
    homes.remember(auctionId, moved.index);
    return { kind: 'exists' };
  }

  /** A bid naming its channel goes to the channel's database (an auction of another channel is not found there, as anywhere else). */
  async function bookFor(target: BidTarget): Promise<AuctionBook> {
    if (target.channelId !== undefined) return inChannel(target.channelId);
    return 'auctionId' in target ? homes.bookOf(target.auctionId) : first;
  }
}

/** Refuses, on an instance behind the most databases any has run, an open and an answer of "none" (the module's comment). */
function layoutGuard(layout: BookLayoutMarker | undefined, known: number) {
  const refuseIfBehind = (highest: number) => {
    if (highest > known) throw new BookBehindError(known, highest);
  };
  /** The count read after every miss that asks before the read starts. */
  let next: Promise<number> | undefined;
  const highestAfterNow = (marker: BookLayoutMarker) =>
    (next ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      next = undefined;
      return marker.highest();
    }));
  return {
    async opening(): Promise<void> {
      if (layout) refuseIfBehind(await layout.raise(known));
    },
    async nothingFound(): Promise<void> {
      if (layout) refuseIfBehind(await highestAfterNow(layout));
    },
  };
}

/** Which database holds each auction a process has met: found by reading it on each, then remembered. */
function auctionHomes(books: readonly AuctionBook[], guard: ReturnType<typeof layoutGuard>) {
  const known = new Map<string, number>();
  const remember = (auctionId: string, index: number) => {
    if (known.size >= rememberedAuctions) known.clear();
    known.set(auctionId, index);
  };
  /** The auction read where it is; undefined where it is on none. A database that fails fails the call only if no other holds it. */
  const find = async (auctionId: string): Promise<{ index: number; reading: AuctionReading } | undefined> => {
    const readings = await Promise.allSettled(books.map((book) => book.read(auctionId)));
    const index = readings.findIndex((r) => r.status === 'fulfilled' && r.value !== undefined);
    const found = readings[index];
    if (found?.status === 'fulfilled' && found.value !== undefined) {
      remember(auctionId, index);
      return { index, reading: found.value };
    }
    const failed = readings.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    await guard.nothingFound();
    return undefined;
  };
  return {
    remember,
    async read(auctionId: string): Promise<AuctionReading | undefined> {
      const index = known.get(auctionId);
      if (index !== undefined) return (books[index] as AuctionBook).read(auctionId);
      return (await find(auctionId))?.reading;
    },
    /** The auction's database; one no database holds is asked of the first, whose answer is its "not found". */
    async bookOf(auctionId: string): Promise<AuctionBook> {
      const index = known.get(auctionId) ?? (await find(auctionId))?.index ?? 0;
      return books[index] as AuctionBook;
    },
  };
}

/** Makes sure a database holds the bans made before it was added (the module's comment): once per database and process. */
function banReplays(books: readonly AuctionBook[], replay: BanReplay | undefined): (index: number) => Promise<void> {
  const done = new Set<number>();
  const running = new Map<number, Promise<void>>();
  const replayOnce = async (index: number, marker: BanReplayMarker, bannedBidders: BanReplay['bannedBidders']): Promise<void> => {
    if ((await marker.replayedAt()) < bansReplayVersion) {
      const book = books[index] as AuctionBook;
      const banned = await bannedBidders();
      for (let i = 0; i < banned.length; i += bansPerRound) await Promise.all(banned.slice(i, i + bansPerRound).map((id) => book.ban(id)));
      await marker.markReplayed(bansReplayVersion);
    }
    done.add(index);
  };
  return async (index) => {
    const marker = replay?.markers[index];
    if (!replay || !marker || done.has(index)) return;
    // Opens racing in one process wait on one replay; a failed one is tried again by the next open.
    let run = running.get(index);
    if (!run) {
      run = replayOnce(index, marker, replay.bannedBidders).finally(() => running.delete(index));
      running.set(index, run);
    }
    await run;
  };
}
