/**
 * The auction sweep against the in-memory book and the embedded store: what a lost or
 * failed hammer leaves behind, and what the sweep makes of it.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { LocalPayments } from '../../local/stripe/payments';
import { currentStripeWork, type StripeWork } from '../../stripe-work';
import { sweepAuctions, sweepGraceMs } from '../use-cases/sweep-auctions';
import { closeAuction } from '../use-cases/close-auction';
import { TaskNotDueYet } from '../../errors';
import type { HammerDeps } from '../use-cases/auction-deps';
import { defaultLadder, hammerDueMs } from '../rules/auction-book';
import { auctionPath, type Auction } from '../rules/auction';
import type { TaskQueue } from '../../ports';
import { discordMembersOnly } from '../../../test/support/bidders';

const endsAtMs = Date.parse('2026-11-22T21:00:00Z');
const settleMs = 2_000;
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };

async function world(auctionId: string) {
  const clock = { ms: endsAtMs - 60_000, now: () => new Date(clock.ms) };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const book = new InMemoryAuctionBook();
  const deps: HammerDeps = {
    // Auctions alone, run outside any show.
    lots: { channelHeldBy: async () => undefined, hammered: async () => undefined, settled: async () => undefined },
    bidders: discordMembersOnly,
    store,
    book,
    discord,
    tasks,
    clock,
    payments: new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined }),
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs },
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    publicBaseUrl: 'http://local',
  };
  const terms = {
    auctionId,
    guildId: 'g1',
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'b1',
    item: 'Board',
    currency: 'usd',
    startCents: 2_500,
    reserveCents: 0,
    opensAtMs: Date.parse('2026-11-22T20:50:00Z'),
    endsAtMs,
    counterBidMs: 0,
    suddenDeath: true,
    settleMs,
    streamDelayMs: 0,
    finalCallMs: 0,
    ladder: defaultLadder,
  };
  await book.open(terms);
  const auction: Auction = {
    auctionId,
    guildId: 'g1',
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'b1',
    builderName: 'B',
    item: 'Board',
    currency: 'usd',
    startCents: 2_500,
    reserveCents: 0,
    counterBidSeconds: 0,
    suddenDeath: true,
    settleMs,
    ladder: [...defaultLadder],
    startedAt: '2026-11-22T20:50:00Z',
    endsAt: new Date(endsAtMs).toISOString(),
    status: 'live',
  };
  await store.set(auctionPath(auctionId), auction);
  const placeBid = (bidderId: string, cents: number) =>
    book.placeBid(
      { auctionId },
      {
        bidId: `bid-${bidderId}-${cents}`,
        guildId: 'g1',
        bidderId,
        bidderName: bidderId,
        amountCents: cents,
        maxCents: cents,
        responseToken: 't',
        atMs: clock.ms,
        receivedAtMs: clock.ms,
      },
    );
  return { deps, store, book, discord, clock, placeBid };
}

describe('the auction sweep', () => {
  it('GIVEN an auction whose hammer was lost WHEN the sweep settles it THEN its Stripe writes go as batch work, leaving a person’s tokens', async () => {
    const { deps, book, clock, placeBid } = await world('a1');
    await placeBid('ann', 2_500);
    expect((await book.hammer('a1', 0, hammerDueMs({ endsAtMs, finalCallMs: 0, settleMs }))).kind).toBe('closed');
    clock.ms = hammerDueMs({ endsAtMs, finalCallMs: 0, settleMs }) + sweepGraceMs;
    const works: StripeWork[] = [];
    const open = deps.payments.createCheckoutSession.bind(deps.payments);
    deps.payments.createCheckoutSession = async (request) => (works.push(currentStripeWork()), open(request));

    expect(await sweepAuctions(deps)).toEqual({ settled: ['a1'], lost: [], failed: [] });
    expect(works).toEqual(['batch']);
  });

  it('settles an auction the hammer froze in the book but never wrote to Firestore', async () => {
    const { deps, store, book, discord, clock, placeBid } = await world('a1');
    await placeBid('ann', 2_500);
    // The hammer froze the book, then Firestore was down past the task's last retry.
    expect((await book.hammer('a1', 0, hammerDueMs({ endsAtMs, finalCallMs: 0, settleMs }))).kind).toBe('closed');
    clock.ms = hammerDueMs({ endsAtMs, finalCallMs: 0, settleMs }) + sweepGraceMs;

    expect(await sweepAuctions(deps)).toEqual({ settled: ['a1'], lost: [], failed: [] });
    expect(await sweepAuctions(deps)).toEqual({ settled: [], lost: [], failed: [] });
    expect(await store.get(auctionPath('a1'))).toMatchObject({ status: 'awaiting-payment', winner: { bidderId: 'ann', priceCents: 2_500 } });
    expect(discord.entries.filter((e) => e.kind === 'dm' && e.userId === 'ann')).toHaveLength(1);
  });

  it('leaves an auction alone until its hammer is late by the grace period', async () => {
    const { deps, store, clock } = await world('a2');
    clock.ms = hammerDueMs({ endsAtMs, finalCallMs: 0, settleMs }) + sweepGraceMs - 1;
    expect(await sweepAuctions(deps)).toEqual({ settled: [], lost: [], failed: [] });
    expect((await store.get(auctionPath('a2')))?.status).toBe('live');
  });

  it('ends an auction the book no longer knows as unsold, its bids lost, naming no winner', async () => {
    const { deps, store, clock } = await world('a3');
    const a3 = await store.get(auctionPath('a3'));
    if (!a3) throw new Error('world() stores the auction');
    await store.set(auctionPath('a4'), { ...a3, auctionId: 'a4' });
    clock.ms = hammerDueMs({ endsAtMs, finalCallMs: 0, settleMs }) + sweepGraceMs;
    const report = await sweepAuctions(deps);
    expect(report.lost).toEqual(['a4']);
    expect(await store.get(auctionPath('a4'))).toMatchObject({ status: 'unsold', unsoldReason: 'bids-lost' });
    expect((await store.get(auctionPath('a4')))?.winner).toBeUndefined();
  });

  it('ends an auction whose bids Redis lost in a restart, told once in its channel and to its builder, nothing charged', async () => {
    const { deps, store, discord, clock, placeBid } = await world('a5');
    await placeBid('ann', 2_500);
    // Redis restarted with nothing persisted: the book is empty.
    const emptied: HammerDeps = { ...deps, book: new InMemoryAuctionBook() };
    clock.ms = hammerDueMs({ endsAtMs, finalCallMs: 0, settleMs }) + sweepGraceMs;
    expect((await sweepAuctions(emptied)).lost).toEqual(['a5']);
    expect(await sweepAuctions(emptied)).toEqual({ settled: [], lost: [], failed: [] });
    expect(await store.get(auctionPath('a5'))).toMatchObject({ status: 'unsold', unsoldReason: 'bids-lost' });
    const posts = discord.entries.filter((e) => e.kind === 'channel' && e.channelId === 'c1');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.message.content).toMatch(/didn’t sell: its bids were lost/);
    expect(discord.entries.filter((e) => e.kind === 'dm' && e.userId === 'b1')).toHaveLength(1);
    expect(discord.entries.filter((e) => e.kind === 'dm' && e.userId === 'ann')).toHaveLength(0);
  });

  it('ends it the same way when its hammer finds the book empty after the end, and waits for the end before it', async () => {
    const { deps, store, clock } = await world('a6');
    const emptied: HammerDeps = { ...deps, book: new InMemoryAuctionBook() };
    clock.ms = endsAtMs - 1_000;
    await expect(closeAuction(emptied, { auctionId: 'a6', version: 0 })).rejects.toThrow(TaskNotDueYet);
    expect((await store.get(auctionPath('a6')))?.status).toBe('live');
    clock.ms = hammerDueMs({ endsAtMs, finalCallMs: 0, settleMs });
    expect(await closeAuction(emptied, { auctionId: 'a6', version: 0 })).toBe('closed');
    expect(await store.get(auctionPath('a6'))).toMatchObject({ status: 'unsold', unsoldReason: 'bids-lost' });
  });
});
