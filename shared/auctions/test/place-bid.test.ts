/**
 * The hot path of a live auction, one bid at a time, on the in-memory book (the same rules
 * as the Lua book): what the bidder is answered, what the leader it pushes out sees, the
 * embed's edit, the hammer a counter-bid moves, and every refusal before the book is asked.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { AuctionBook, DiscordMessage, ScheduledTask, TaskQueue } from '../../ports';
import type { Interaction } from '../../discord';
import { refusals } from '../../discord';
import { PoisonMessage } from '../../errors';
import { placeBid, type PlaceBidDeps } from '../use-cases/place-bid';
import { auctionRefusals } from '../rules/auction-messages';
import { bidButtonCustomId } from '../rules/auction';
import { preBidResponseToken } from '../rules/auction-book';
import { auctionTerms } from '../../../test/support/auction-book-fixtures';
import { buttonPress, command, useInteractionClock } from '../../../test/support/interactions';
import { discordMembersOnly } from '../../../test/support/bidders';

const CHANNEL = '910000000000000001';
const AUCTION = 'auct0001';

function world(book: AuctionBook = new InMemoryAuctionBook()) {
  let nowMs = Date.parse('2026-11-27T20:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  useInteractionClock(clock);
  const discord = new DiscordOutbox(undefined, { clock });
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const deps: PlaceBidDeps = { book, discord, tasks, clock, currency: 'usd', bidders: discordMembersOnly };
  const endsAtMs = nowMs + 60_000;
  const open = () => book.open(auctionTerms({ auctionId: AUCTION, channelId: CHANNEL, messageId: 'embed1', endsAtMs, settleMs: 2_000 }));
  const answerTo = (interaction: Interaction): DiscordMessage | undefined =>
    discord.entries.filter((e) => e.kind === 'edit' && e.interactionToken === interaction.token).at(-1)?.message;
  const embedEdits = () => discord.entries.filter((e) => e.kind === 'edit' && e.messageId === 'embed1');
  const advance = (ms: number) => void (nowMs += ms);
  return { deps, book, discord, scheduled, open, answerTo, embedEdits, advance, endsAtMs };
}

const typed = (userId: string, amount: string, extra: Record<string, string> = {}) => command({ name: 'bid', options: { amount, ...extra }, userId });
const text = (message: DiscordMessage | undefined) => JSON.stringify(message ?? {});

describe('placing a bid', () => {
  it('answers the bidder that they lead at their amount, and edits the embed at once', async () => {
    const w = world();
    await w.open();
    const bid = typed('800000000000000001', '12');
    await placeBid(w.deps, bid);
    expect(text(w.answerTo(bid))).toContain('$12.00');
    expect(w.embedEdits()).toHaveLength(1);
    expect((await w.book.read(AUCTION))?.priceCents).toBe(1_200);
  });

  it('tells the leader it pushed out, by editing their own answer, and never by DM', async () => {
    const w = world();
    await w.open();
    const first = typed('800000000000000001', '12');
    await placeBid(w.deps, first);
    await placeBid(w.deps, typed('800000000000000002', '20'));
    expect(text(w.answerTo(first)).toLowerCase()).toContain('outbid');
    expect(w.discord.entries.filter((e) => e.kind === 'dm')).toEqual([]);
  });

  it('takes a press of a bid button as a bid of the button’s amount on its auction', async () => {
    const w = world();
    await w.open();
    await placeBid(w.deps, buttonPress(bidButtonCustomId(AUCTION, 1_500), '800000000000000003', { channelId: CHANNEL }));
    expect((await w.book.read(AUCTION))?.priceCents).toBe(1_500);
  });

  it('refuses a bid below the next minimum without moving the price or editing the embed', async () => {
    const w = world();
    await w.open();
    const low = typed('800000000000000001', '5');
    await placeBid(w.deps, low);
    expect(text(w.answerTo(low)).toLowerCase()).toContain('too low: the next minimum is **$10.00**');
    expect(w.embedEdits()).toEqual([]);
    expect((await w.book.read(AUCTION))?.leaderId).toBeUndefined();
  });

  it('finds no auction named from another channel of the server, so no other channel can bid on it', async () => {
    const w = world();
    await w.open();
    const elsewhere = { ...typed('800000000000000001', '12', { auction: AUCTION }), channel_id: '910000000000000099' };
    await placeBid(w.deps, elsewhere);
    expect(w.answerTo(elsewhere)?.content).toBe(auctionRefusals.noSuchAuction.content);
    expect((await w.book.read(AUCTION))?.bidCount).toBe(0);
  });

  it('answers that no auction is live here when the channel has none', async () => {
    const w = world();
    const bid = typed('800000000000000001', '12');
    await placeBid(w.deps, bid);
    expect(w.answerTo(bid)?.content).toBe(auctionRefusals.noLiveAuctionHere.content);
  });

  it('refuses a bid from a DM before asking the book', async () => {
    const w = world();
    await w.open();
    const inDm = command({ name: 'bid', options: { amount: '12' }, userId: '800000000000000001', guildId: null });
    await placeBid(w.deps, inDm);
    expect(w.answerTo(inDm)?.content).toBe(refusals.guildOnly.content);
    expect((await w.book.read(AUCTION))?.bidCount).toBe(0);
  });

  it('says what is wrong with a typed amount it cannot read', async () => {
    const w = world();
    await w.open();
    const bid = typed('800000000000000001', 'twelve');
    await placeBid(w.deps, bid);
    expect(text(w.answerTo(bid))).toContain('amount');
    expect((await w.book.read(AUCTION))?.bidCount).toBe(0);
  });

  it('tells the bidder their bid was not confirmed when the book is down, and does not throw for a retry', async () => {
    const down = new InMemoryAuctionBook();
    const w = world(down);
    await w.open();
    down.placeBid = async () => {
      throw new Error('Upstash timed out');
    };
    const bid = typed('800000000000000001', '12');
    await expect(placeBid(w.deps, bid)).resolves.toBeUndefined();
    expect(w.answerTo(bid)?.content).toBe(auctionRefusals.bookUnavailable.content);
  });

  it('answers a redelivered bid as the first time, counts it once and edits the embed once', async () => {
    const w = world();
    await w.open();
    const bid = typed('800000000000000001', '12');
    await placeBid(w.deps, bid);
    await placeBid(w.deps, bid);
    expect((await w.book.read(AUCTION))?.bidCount).toBe(1);
    expect(w.embedEdits()).toHaveLength(1);
    expect(text(w.answerTo(bid))).toContain('$12.00');
  });

  it('schedules the hammer for the new end when a bid near the end moves it', async () => {
    const w = world();
    await w.open();
    w.advance(55_000);
    await placeBid(w.deps, typed('800000000000000001', '12'));
    // The new end's final call and its hammer, both on the hammer's queue.
    const hammers = w.scheduled.filter((t) => t.target.includes('close'));
    expect(hammers).toHaveLength(2);
    for (const task of hammers) expect(task.runAt.getTime()).toBeGreaterThan(w.endsAtMs);
  });

  it('throws a bid whose interaction id is not a snowflake away as poison: it has no time to be judged by', async () => {
    const w = world();
    await w.open();
    await expect(placeBid(w.deps, { ...typed('800000000000000001', '12'), id: 'not-a-snowflake' })).rejects.toBeInstanceOf(PoisonMessage);
  });
});

describe('placing a bid under the server’s trust rules', () => {
  const rules = { version: 1, newBidderLimitCents: 50_000, cooldownMs: 1_000, blocked: ['800000000000000009'] };

  it('tells a blocked member privately that an admin blocked them, and places nothing', async () => {
    const w = world();
    await w.open();
    await w.book.setGuildTrust('900000000000000001', rules);
    const bid = typed('800000000000000009', '12');
    await placeBid(w.deps, bid);
    expect(w.answerTo(bid)?.content).toBe(auctionRefusals.blocked.content);
    expect(w.embedEdits()).toEqual([]);
  });

  it('tells a member blocked after a disputed payment that the chargeback is why, and that the server’s admins can lift it', async () => {
    const w = world();
    await w.open();
    await w.book.setGuildTrust('900000000000000001', rules);
    const asked: string[] = [];
    const deps: PlaceBidDeps = { ...w.deps, blockedWhy: async (guildId, bidderId) => (asked.push(`${guildId}/${bidderId}`), 'dispute') };
    const bid = typed('800000000000000009', '12');
    await placeBid(deps, bid);
    expect(w.answerTo(bid)?.content).toBe(auctionRefusals.blockedAfterDispute.content);
    expect(w.answerTo(bid)?.content).toContain('`/c500 unblock`');
    expect(asked).toEqual(['900000000000000001/800000000000000009']);
  });

  it('never asks why for a bid the book took: the hot path stays off the store', async () => {
    const w = world();
    await w.open();
    const deps: PlaceBidDeps = {
      ...w.deps,
      blockedWhy: async () => {
        throw new Error('asked on the hot path');
      },
    };
    await placeBid(deps, typed('800000000000000001', '12'));
    expect((await w.book.read(AUCTION))?.priceCents).toBe(1_200);
  });

  it('names the new-bidder limit to a bidder over it, amount or max', async () => {
    const w = world();
    await w.open();
    await w.book.setGuildTrust('900000000000000001', rules);
    const bid = typed('800000000000000001', '12', { max: '600' });
    await placeBid(w.deps, bid);
    expect(text(w.answerTo(bid))).toContain('can bid up to **$500.00**');
    expect((await w.book.read(AUCTION))?.bidCount).toBe(0);
  });

  it('asks our records once when the book refuses a bidder as new, and places the bid when they have paid', async () => {
    const w = world();
    await w.open();
    await w.book.setGuildTrust('900000000000000001', rules);
    const asked: string[] = [];
    const deps = { ...w.deps, trustedOnRecord: async (id: string) => (asked.push(id), await w.book.trust(id), id === '800000000000000001') };
    const paidBefore = typed('800000000000000001', '600');
    await placeBid(deps, paidBefore);
    expect(text(w.answerTo(paidBefore))).toContain('You lead at **$600.00**');
    w.advance(1_000);
    const neverPaid = typed('800000000000000002', '700');
    await placeBid(deps, neverPaid);
    expect(text(w.answerTo(neverPaid))).toContain('can bid up to **$500.00**');
    expect(asked).toEqual(['800000000000000001', '800000000000000002']);
    // Once the book knows, it never asks again.
    w.advance(1_000);
    const again = typed('800000000000000001', '800');
    await placeBid(deps, again);
    expect(text(w.answerTo(again))).toContain('max is now $800.00');
    expect(asked).toHaveLength(2);
  });

  it('leaves the limit standing when our records cannot be read', async () => {
    const w = world();
    await w.open();
    await w.book.setGuildTrust('900000000000000001', rules);
    const deps = { ...w.deps, trustedOnRecord: async () => Promise.reject(new Error('Firestore down')) };
    const bid = typed('800000000000000001', '600');
    await placeBid(deps, bid);
    expect(text(w.answerTo(bid))).toContain('can bid up to **$500.00**');
  });

  it('tells a bidder to slow down when they bid again within a second of Discord’s time, and takes the bid a second later', async () => {
    const w = world();
    await w.open();
    await w.book.setGuildTrust('900000000000000001', rules);
    await placeBid(w.deps, typed('800000000000000001', '12'));
    w.advance(999);
    const soon = typed('800000000000000001', '12', { max: '20' });
    await placeBid(w.deps, soon);
    expect(text(w.answerTo(soon))).toContain('Slow down: this server takes one bid a second from each bidder');
    w.advance(1);
    const later = typed('800000000000000001', '12', { max: '20' });
    await placeBid(w.deps, later);
    expect(text(w.answerTo(later))).toContain('your max is now $20.00');
  });
});

describe('a show’s pre-bid outbid by a live bid', () => {
  it('DMs the pre-bidder, who has no interaction to edit, and embeds the new leader', async () => {
    const w = world();
    await w.open();
    const pre = await w.book.placeBid(
      { auctionId: AUCTION },
      {
        bidId: `prebid-${AUCTION}-300000000000000003`,
        guildId: '900000000000000001',
        bidderId: '300000000000000003',
        bidderName: 'Pre',
        amountCents: 1_000,
        maxCents: 2_000,
        responseToken: preBidResponseToken,
        atMs: w.endsAtMs - 59_000,
        receivedAtMs: w.endsAtMs - 59_000,
      },
    );
    expect(pre.outcome).toBe('leading');
    w.advance(5_000);
    await placeBid(w.deps, typed('400000000000000004', '30'));
    const dms = w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === '300000000000000003');
    expect(dms).toHaveLength(1);
    expect(text(dms[0]?.message)).toContain('You’ve been outbid on');
  });
});
