/**
 * Each answered bid is tallied in its server's minute of the auction book (what a server's
 * show page reads): by outcome, late past Discord's 3 s, once however often it is delivered,
 * and never at the bid's expense.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { AuctionBook, TaskQueue } from '../../ports';
import { placeBid, type PlaceBidDeps } from '../use-cases/place-bid';
import { auctionTerms } from '../../../test/support/auction-book-fixtures';
import { command, useInteractionClock } from '../../../test/support/interactions';
import { discordMembersOnly } from '../../../test/support/bidders';

const GUILD = '900000000000000001';
const CHANNEL = '910000000000000001';

function world(book: AuctionBook = new InMemoryAuctionBook()) {
  let nowMs = Date.parse('2026-11-27T20:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  useInteractionClock(clock);
  const discord = new DiscordOutbox(undefined, { clock });
  const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
  const deps: PlaceBidDeps = { book, discord, tasks, clock, currency: 'usd', bidders: discordMembersOnly };
  const open = () => book.open(auctionTerms({ auctionId: 'auct0001', channelId: CHANNEL, messageId: 'embed1', endsAtMs: nowMs + 60_000, settleMs: 2_000 }));
  const tallied = async () => (await book.tallies(GUILD, nowMs - 3_600_000, nowMs)).map((t) => t.counts);
  return { deps, book, discord, open, tallied, advance: (ms: number) => void (nowMs += ms) };
}

const bid = (userId: string, amount: string) => command({ name: 'bid', options: { amount }, userId });

describe('tallying answered bids', () => {
  it('counts each answered bid in its server’s minute, by its outcome', async () => {
    const w = world();
    await w.open();
    await placeBid(w.deps, bid('800000000000000001', '12'));
    await placeBid(w.deps, bid('800000000000000002', '5'));
    expect(await w.tallied()).toEqual([{ answered: 2, leading: 1, 'too-low': 1 }]);
  });

  it('counts a bid answered more than 3 s after Discord stamped it as late', async () => {
    const w = world();
    await w.open();
    const slow = bid('800000000000000001', '12');
    w.advance(3_001);
    await placeBid(w.deps, slow);
    expect(await w.tallied()).toEqual([{ answered: 1, 'answered-late': 1, leading: 1 }]);
  });

  it('counts a bid delivered twice once', async () => {
    const w = world();
    await w.open();
    const twice = bid('800000000000000001', '12');
    await placeBid(w.deps, twice);
    await placeBid(w.deps, twice);
    expect(await w.tallied()).toEqual([{ answered: 1, leading: 1 }]);
  });

  it('counts a bid refused before the book is asked by why', async () => {
    const w = world();
    await w.open();
    await placeBid(w.deps, bid('800000000000000001', '12.345'));
    expect(await w.tallied()).toEqual([{ answered: 1, invalid: 1 }]);
  });

  it('still answers the bid when the tally is refused', async () => {
    const inner = new InMemoryAuctionBook();
    const book: AuctionBook = Object.assign(Object.create(inner) as AuctionBook, {
      tallyBid: async () => {
        throw new Error('Redis timed out');
      },
    });
    const w = world(book);
    await w.open();
    const placed = bid('800000000000000001', '12');
    await expect(placeBid(w.deps, placed)).resolves.toBeUndefined();
    expect(w.discord.entries.some((e) => e.kind === 'edit' && e.interactionToken === placed.token)).toBe(true);
  });
});
