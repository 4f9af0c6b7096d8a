/**
 * The hammer against the embedded store held to Firestore's limits: a history too large for
 * one commit still settles, and a retried hammer rewrites the same documents.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { LocalPayments } from '../../local/stripe/payments';
import { closeAuction } from '../use-cases/close-auction';
import { passToRunnerUp } from '../use-cases/pass-to-runner-up';
import { auctionOfferOrderId } from '../use-cases/auction-offers';
import { defaultLadder, type BidRecord, type HammerResult } from '../rules/auction-book';
import { auctionPath, bidderPath, historyChunksPath, type Auction } from '../rules/auction';
import type { HammerDeps } from '../use-cases/auction-deps';
import type { TaskQueue } from '../../ports';
import { orderPath, ordersCollection } from '../../orders';
import { discordMembersOnly } from '../../../test/support/bidders';
import { builderPath } from '../../onboarding';
import { privacyErasurePath } from '../../privacy';
import { personPseudonym } from '../../log';

const clock = { now: () => new Date('2026-11-22T21:00:00Z') };
const endsAtMs = Date.parse('2026-11-22T20:59:00Z');
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };

/** `count` accepted bids from bidders with 32-character names, as the book would log them. */
function history(count: number): BidRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const bidderId = String(100_000_000_000_000_000n + BigInt(i));
    const amountCents = 1_000 + i * 100;
    return {
      bidId: String(200_000_000_000_000_000n + BigInt(i)),
      bidderId,
      bidderName: `bidder-${String(i).padStart(25, '0')}`,
      amountCents,
      maxCents: amountCents,
      outcome: 'leading',
      priceCents: amountCents,
      leaderId: bidderId,
      atMs: endsAtMs - count + i,
    };
  });
}

function world(bids: BidRecord[], runnerUps: BidRecord[] = []) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const last = bids[bids.length - 1] as BidRecord;
  const closed: HammerResult = {
    kind: 'closed',
    snapshot: {
      auctionId: 'a1',
      channelId: 'c1',
      messageId: 'm1',
      builderId: 'b1',
      item: 'Board',
      currency: 'usd',
      status: 'closed',
      startCents: 1_000,
      reserveCents: 0,
      priceCents: last.amountCents,
      leaderId: last.bidderId,
      leaderName: last.bidderName,
      nextMinimumCents: last.amountCents + 5_000,
      endsAtMs,
      version: 0,
      bidCount: bids.length,
      reserveMet: true,
      suddenDeath: false,
      counterBidMs: 10_000,
      settleMs: 2_000,
      streamDelayMs: 0,
      finalCallMs: 0,
    },
    bids,
    standings: [last, ...runnerUps].map((b) => ({ bidderId: b.bidderId, bidderName: b.bidderName, topCents: b.amountCents, atMs: b.atMs })),
  };
  const book = Object.assign(new InMemoryAuctionBook(), { hammer: async () => closed });
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const deps: HammerDeps = {
    // Auctions alone, run outside any show.
    lots: { channelHeldBy: async () => undefined, hammered: async () => undefined, settled: async () => undefined },
    bidders: discordMembersOnly,
    store,
    book,
    discord,
    tasks,
    clock,
    payments,
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    publicBaseUrl: 'http://local',
  };
  const auction: Auction = {
    auctionId: 'a1',
    guildId: 'g1',
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'b1',
    builderName: 'B',
    item: 'Board',
    currency: 'usd',
    startCents: 1_000,
    reserveCents: 0,
    counterBidSeconds: 10,
    suddenDeath: false,
    settleMs: 2_000,
    ladder: [...defaultLadder],
    startedAt: '2026-11-22T20:49:00Z',
    endsAt: new Date(endsAtMs).toISOString(),
    status: 'live',
  };
  return { deps, store, discord, auction, payments };
}

describe('the hammer of a very large auction', () => {
  it('settles 60,000 bids, a history past one commit’s 10 MiB, in batches of its own before the result', async () => {
    const bids = history(60_000);
    const { deps, store, auction } = world(bids);
    await store.set(auctionPath('a1'), auction);

    await expect(closeAuction(deps, { auctionId: 'a1', version: 0 })).resolves.toBe('closed');

    expect(await store.get<Auction>(auctionPath('a1'))).toMatchObject({ status: 'awaiting-payment', bidCount: 60_000, historyChunks: 60 });
    const chunks = await store.query(historyChunksPath('a1'));
    expect(chunks.flatMap((c) => c.data.bids)).toEqual(bids);
  }, 60_000);

  it('rewrites the same history documents when the hammer runs again, and posts and offers once', async () => {
    const { deps, store, discord, auction } = world(history(2_500));
    await store.set(auctionPath('a1'), { ...auction, status: 'live' });
    await closeAuction(deps, { auctionId: 'a1', version: 0 });
    await closeAuction(deps, { auctionId: 'a1', version: 0 });

    expect((await store.query(historyChunksPath('a1'))).map((c) => c.id)).toEqual(['0000', '0001', '0002']);
    expect(await store.query(ordersCollection)).toHaveLength(1);
    expect(discord.entries.filter((e) => e.kind === 'channel')).toHaveLength(1);
  });
});

describe('the hammer and the winner’s pay window', () => {
  const [runnerUp, winner] = history(2);
  const winnerOrder = auctionOfferOrderId('a1', 0);
  const runnerUpOrder = auctionOfferOrderId('a1', 1);

  /** The hammer has run once: the winner holds the offer and a checkout. */
  async function hammered() {
    const w = world([runnerUp as BidRecord, winner as BidRecord], [runnerUp as BidRecord]);
    await w.store.set(auctionPath('a1'), w.auction);
    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });
    return w;
  }

  /** What each side ends with: one offer live (the runner-up's), one strike, one checkout and one offer DM each. */
  async function expectPassedOnce({ store, discord, payments }: Awaited<ReturnType<typeof hammered>>) {
    expect((await store.get(orderPath(winnerOrder)))?.status).toBe('expired');
    expect((await store.get(orderPath(runnerUpOrder)))?.status).toBe('awaiting-payment');
    expect((await store.get<Auction>(auctionPath('a1')))?.offer).toMatchObject({ rank: 1, bidderId: runnerUp?.bidderId });
    // The strike's time starts the year after which it ends (sweep-strikes).
    expect(await store.get(bidderPath(winner?.bidderId as string))).toMatchObject({ strikes: 1, lastStrikeAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const sessions = await payments.listSessions();
    expect(sessions.map((s) => s.client_reference_id).sort()).toEqual([winnerOrder, runnerUpOrder].sort());
    const dmsTo = (id?: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === id).length;
    expect(dmsTo(winner?.bidderId)).toBe(2); // the offer, then the strike
    expect(dmsTo(runnerUp?.bidderId)).toBe(1); // the second chance
    expect(discord.entries.filter((e) => e.kind === 'channel')).toHaveLength(1);
  }

  it('a hammer delivered again after the winner’s window lapsed offers the winner nothing more and leaves the runner-up’s offer alone', async () => {
    const w = await hammered();
    await passToRunnerUp(w.deps, winnerOrder, 'evt_expired_1');
    await expect(closeAuction(w.deps, { auctionId: 'a1', version: 0 })).resolves.toBe('closed');
    await expectPassedOnce(w);
  });

  it('a hammer delivered again at the moment the winner’s window lapses ends the same way, whichever commits first', async () => {
    for (let i = 0; i < 5; i++) {
      const w = await hammered();
      await Promise.all([closeAuction(w.deps, { auctionId: 'a1', version: 0 }), passToRunnerUp(w.deps, winnerOrder, 'evt_expired_1')]);
      await expectPassedOnce(w);
    }
  });

  it('a hammer delivered again after every runner-up lapsed leaves the auction unsold, posted once, and the runner-up who let their offer go unstruck', async () => {
    const w = await hammered();
    await passToRunnerUp(w.deps, winnerOrder, 'evt_expired_1');
    await passToRunnerUp(w.deps, runnerUpOrder, 'evt_expired_2');
    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });
    expect(await w.store.get<Auction>(auctionPath('a1'))).toMatchObject({ status: 'unsold', unsoldReason: 'no-one-paid' });
    // A second chance is an offer: declining it (letting it lapse) costs no strike.
    expect(await w.store.get(bidderPath(runnerUp?.bidderId as string))).toBeUndefined();
    expect((await w.payments.listSessions()).length).toBe(2);
    const posts = w.discord.entries.filter((e) => e.kind === 'channel');
    expect(posts).toHaveLength(2); // the hammer's SOLD post, then the one saying no one paid
    expect(w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === 'b1')).toHaveLength(1);
  });
});

describe('a hammer delivered again after the book lost the auction it had recorded', () => {
  const [runnerUp, winner] = history(2);
  const show = { showId: 's1', lotId: 'l1', hostId: 'h1', hostName: 'H', hostCutBps: 1000 };

  /** The first delivery recorded the result, then stopped where `stop` throws; Redis then restarted empty. */
  async function recordedThenLost(stop: 'post' | 'show', onShow = true) {
    const w = world([runnerUp as BidRecord, winner as BidRecord], [runnerUp as BidRecord]);
    const lotsHammered: Auction[] = [];
    let failing = true;
    const post = w.discord.postToChannel.bind(w.discord);
    w.deps.discord = Object.assign(Object.create(w.discord) as DiscordOutbox, {
      postToChannel: async (...args: Parameters<DiscordOutbox['postToChannel']>) => {
        if (failing && stop === 'post') throw new Error('Discord answered 503');
        return post(...args);
      },
    });
    w.deps.lots = {
      ...w.deps.lots,
      hammered: async (auction) => {
        if (failing && stop === 'show') throw new Error('the process was killed');
        lotsHammered.push(auction);
      },
    };
    await w.store.set(auctionPath('a1'), { ...w.auction, ...(onShow ? { show } : {}) });
    await expect(closeAuction(w.deps, { auctionId: 'a1', version: 0 })).rejects.toThrow();
    expect((await w.store.get<Auction>(auctionPath('a1')))?.status).toBe('awaiting-payment');
    failing = false;
    w.deps.book = Object.assign(new InMemoryAuctionBook(), { hammer: async (): Promise<HammerResult> => ({ kind: 'not-found' }) });
    return { ...w, lotsHammered };
  }

  it('moves a show on from its lot when the first delivery stopped before the show heard of the hammer', async () => {
    const w = await recordedThenLost('show');
    await expect(closeAuction(w.deps, { auctionId: 'a1', version: 0 })).resolves.toBe('closed');
    expect(w.lotsHammered.map((a) => [a.auctionId, a.status, a.winner?.bidderId])).toEqual([['a1', 'awaiting-payment', winner?.bidderId]]);
    expect(w.discord.entries.filter((e) => e.kind === 'channel')).toHaveLength(1);
  });

  it('posts the result once and moves the show on when the first delivery stopped at the post', async () => {
    const w = await recordedThenLost('post');
    await expect(closeAuction(w.deps, { auctionId: 'a1', version: 0 })).resolves.toBe('closed');
    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });
    const posts = w.discord.entries.filter((e) => e.kind === 'channel');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0])).toContain('SOLD');
    expect(w.lotsHammered).toHaveLength(2);
    expect((await w.store.get<Auction>(auctionPath('a1')))?.unsoldReason).toBeUndefined();
  });

  it('offers the winner their checkout when an auction outside a show stopped at the post', async () => {
    const w = await recordedThenLost('post', false);
    await expect(closeAuction(w.deps, { auctionId: 'a1', version: 0 })).resolves.toBe('closed');
    expect((await w.payments.listSessions()).map((s) => s.client_reference_id)).toEqual([auctionOfferOrderId('a1', 0)]);
    expect(w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === winner?.bidderId)).toHaveLength(1);
  });
});

describe('the hammer of an auction whose builder revoked C500’s access to their Stripe account', () => {
  const revokedBuilder = {
    discordUserId: 'b1',
    displayName: 'B',
    stripeAccountId: 'acct_1',
    transfersActive: true,
    revokedAccount: { accountId: 'acct_1', revokedAt: '2026-11-22T20:55:00Z', eventId: 'evt_deauth' },
  };

  it('opens no checkout, ends the auction unsold saying why, and tells the winner once, however often it runs', async () => {
    const [winner] = history(1);
    const w = world([winner as BidRecord]);
    await w.store.set(builderPath('b1'), revokedBuilder);
    await w.store.set(auctionPath('a1'), w.auction);
    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });
    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });

    expect(await w.store.get<Auction>(auctionPath('a1'))).toMatchObject({ status: 'unsold', unsoldReason: 'account-revoked' });
    expect(await w.store.query(ordersCollection)).toEqual([]);
    expect(await w.payments.listSessions()).toEqual([]);
    const dms = w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === winner?.bidderId).map((e) => (e.kind === 'dm' ? e.message.content : ''));
    expect(dms).toEqual([expect.stringContaining('no checkout can open')]);
    const posts = w.discord.entries.filter((e) => e.kind === 'channel').map((e) => (e.kind === 'channel' ? e.message.content : ''));
    expect(posts).toEqual([expect.stringContaining('Stripe account is disconnected')]);
  });

  it('opens the winner’s checkout again once the builder reconnected a new account', async () => {
    const [winner] = history(1);
    const w = world([winner as BidRecord]);
    await w.store.set(builderPath('b1'), { ...revokedBuilder, stripeAccountId: 'acct_2' });
    await w.store.set(auctionPath('a1'), w.auction);
    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });
    expect(await w.store.get<Auction>(auctionPath('a1'))).toMatchObject({ status: 'awaiting-payment' });
    expect(await w.payments.listSessions()).toHaveLength(1);
  });
});

describe('the hammer of an auction a bidder erased themselves from while it was live', () => {
  const erasure = (erasedAt: string) => ({ erasedAt, kept: [] });

  it('withdraws bidders erased since it began: the one left wins at the proxy rule’s price, and no result, runner-up or history names them', async () => {
    const bids = history(3);
    const [runnerUp, middle, winner] = bids as [BidRecord, BidRecord, BidRecord];
    const w = world(bids, [middle, runnerUp]);
    await w.store.set(auctionPath('a1'), w.auction);
    await w.store.set(privacyErasurePath(personPseudonym(runnerUp.bidderId)), erasure('2026-11-22T20:59:30Z'));
    await w.store.set(privacyErasurePath(personPseudonym(winner.bidderId)), erasure('2026-11-22T20:59:40Z'));

    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });

    const closed = JSON.stringify([
      await w.store.get<Auction>(auctionPath('a1')),
      await w.store.query(historyChunksPath('a1')),
      await w.store.query(ordersCollection),
    ]);
    for (const gone of [runnerUp, winner]) {
      expect(closed).not.toContain(gone.bidderName);
      expect(closed).not.toContain(gone.bidderId);
    }
    // The one left bid 1,100 alone: they win at what they bid.
    expect(await w.store.get<Auction>(auctionPath('a1'))).toMatchObject({
      winner: { bidderId: middle.bidderId, bidderName: middle.bidderName, priceCents: middle.amountCents },
      runnerUps: [],
      bidCount: 1,
    });
  });

  it('keeps a bidder who bid again after erasing: they chose to take part anew', async () => {
    const [winner] = history(1) as [BidRecord];
    const w = world([winner]);
    await w.store.set(auctionPath('a1'), w.auction);
    await w.store.set(privacyErasurePath(personPseudonym(winner.bidderId)), erasure(new Date(winner.atMs - 1_000).toISOString()));
    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });
    expect(await w.store.get<Auction>(auctionPath('a1'))).toMatchObject({ winner: { bidderId: winner.bidderId } });
  });

  it('keeps a name given after an erasure made before the auction began', async () => {
    const [winner] = history(1) as [BidRecord];
    const w = world([winner]);
    await w.store.set(auctionPath('a1'), w.auction);
    await w.store.set(privacyErasurePath(personPseudonym(winner.bidderId)), erasure('2026-11-01T00:00:00Z'));

    await closeAuction(w.deps, { auctionId: 'a1', version: 0 });

    expect(await w.store.get<Auction>(auctionPath('a1'))).toMatchObject({ winner: { bidderId: winner.bidderId, bidderName: winner.bidderName } });
  });
});
