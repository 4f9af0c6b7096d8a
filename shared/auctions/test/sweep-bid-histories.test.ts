/**
 * The retention sweep's part for auctions, on the embedded store and the local clock moved
 * as `POST /_local/clock` moves it: who bid is forgotten 30 days after the auction closed,
 * and not while the sold item's order is open or disputed.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { orderPath, type Order } from '../../orders';
import { anOrder } from '../../../test/support/orders';
import { auctionPath, historyChunkPath, type Auction } from '../rules/auction';
import { bidHistoryErasableAtMs, bidHistoryRetentionDays } from '../rules/history-retention';
import { sweepBidHistories } from '../use-cases/sweep-bid-histories';
import { defaultLadder, type BidRecord, type Standing } from '../rules/auction-book';

const day = 86_400_000;
const closedAt = '2026-11-01T20:00:00.000Z';
const closedMs = Date.parse(closedAt);

const bid = (bidderId: string, bidderName: string, amountCents: number): BidRecord => ({
  bidId: `b-${bidderId}-${amountCents}`,
  bidderId,
  bidderName,
  amountCents,
  maxCents: amountCents,
  outcome: 'leading',
  priceCents: amountCents,
  leaderId: bidderId,
  atMs: closedMs - 60_000,
});
const runnerUp: Standing = { bidderId: 'twitch:77', bidderName: 'chatter77', topCents: 4_000, atMs: closedMs - 90_000 };

function finished(auctionId: string, over: Partial<Auction> = {}): Auction {
  return {
    auctionId,
    guildId: 'g1',
    channelId: 'c1',
    builderId: 'b1',
    builderName: 'Dee',
    item: 'Tofu65',
    currency: 'usd',
    startCents: 2_500,
    reserveCents: 0,
    counterBidSeconds: 10,
    suddenDeath: false,
    settleMs: 2_000,
    ladder: [...defaultLadder],
    startedAt: '2026-11-01T19:50:00.000Z',
    endsAt: closedAt,
    status: 'unsold',
    unsoldReason: 'no-one-paid',
    closedAt,
    bidCount: 2,
    historyChunks: 1,
    runnerUps: [runnerUp],
    ...over,
  };
}

async function world(auctions: Auction[], orders: Order[] = []) {
  const store = new LocalDocumentStore();
  // The runtime's clock on a fixed base, moved only by `advance` (what the clock route does).
  const clock = new LocalClock({ now: () => new Date(closedMs) });
  for (const a of auctions) {
    await store.set(auctionPath(a.auctionId), a);
    await store.set(historyChunkPath(a.auctionId, 0), {
      auctionId: a.auctionId,
      chunk: 0,
      bids: [bid('811', 'Ana', 3_000), bid('twitch:77', 'chatter77', 4_000)],
    });
  }
  for (const o of orders) await store.set(orderPath(o.orderId), o);
  return { store, clock, sweep: () => sweepBidHistories({ store, clock }) };
}

describe('forgetting who bid on a finished auction', () => {
  it('GIVEN an unsold auction THEN its bids and runner-ups are kept 30 days after it closed, then deleted once, its result kept', async () => {
    const w = await world([finished('a1')]);
    w.clock.advance(bidHistoryRetentionDays * day - 1);
    expect(await w.sweep()).toEqual({ erased: [], failed: [] });
    expect(await w.store.get(historyChunkPath('a1', 0))).toBeDefined();

    w.clock.advance(1);
    expect(await w.sweep()).toEqual({ erased: ['a1'], failed: [] });
    expect(await w.store.get(historyChunkPath('a1', 0))).toBeUndefined();
    const kept = await w.store.get(auctionPath('a1'));
    expect(kept).toMatchObject({ status: 'unsold', bidCount: 2, historyChunks: 0, runnerUps: [], historyErasedAt: w.clock.now().toISOString() });
    expect(JSON.stringify(kept)).not.toMatch(/chatter77|Ana/);
    expect(await w.sweep()).toEqual({ erased: [], failed: [] });
  });

  it('GIVEN a sold auction whose order is not yet received THEN its bids are kept past 30 days, and go 30 days after close once it is received', async () => {
    const order = anOrder({ orderId: 'o1', status: 'paid' });
    const w = await world([finished('a1', { status: 'paid', paidOrderId: 'o1', winner: { bidderId: '811', bidderName: 'Ana', priceCents: 3_000 } })], [order]);
    w.clock.advance(60 * day);
    expect((await w.sweep()).erased).toEqual([]);
    await w.store.update(orderPath('o1'), { receivedAt: w.clock.now().toISOString() });
    expect((await w.sweep()).erased).toEqual(['a1']);
    // The sale's record stays with the order and the auction's result: the ledger needs it.
    expect(await w.store.get(auctionPath('a1'))).toMatchObject({ winner: { bidderName: 'Ana', priceCents: 3_000 }, paidOrderId: 'o1' });
  });

  it('GIVEN the sold item’s order disputed THEN its bids are kept while the dispute is open, and go after it closes', async () => {
    const dispute = { disputeId: 'dp1', state: 'open' as const, amountCents: 3_000, reason: 'fraudulent', openedAt: closedAt };
    const order = anOrder({ orderId: 'o1', status: 'shipped', receivedAt: closedAt, dispute });
    const w = await world([finished('a1', { status: 'paid', paidOrderId: 'o1' })], [order]);
    w.clock.advance(45 * day);
    expect((await w.sweep()).erased).toEqual([]);
    await w.store.update(orderPath('o1'), { dispute: { ...dispute, state: 'won', closedAt: w.clock.now().toISOString() } });
    expect((await w.sweep()).erased).toEqual(['a1']);
  });

  it('GIVEN an auction still live or awaiting its winner’s payment THEN nothing is forgotten, however old', async () => {
    const w = await world([finished('live', { status: 'live' }), finished('owed', { status: 'awaiting-payment' })]);
    w.clock.advance(365 * day);
    expect(await w.sweep()).toEqual({ erased: [], failed: [] });
    expect(await w.store.get(historyChunkPath('live', 0))).toBeDefined();
    expect(await w.store.get(historyChunkPath('owed', 0))).toBeDefined();
  });
});

describe('when a finished auction’s bidders may be forgotten', () => {
  const a = finished('a1');
  it('counts from the close, or the cancel; a refunded order counts as done with', () => {
    expect(bidHistoryErasableAtMs(a, undefined)).toBe(closedMs + 30 * day);
    expect(bidHistoryErasableAtMs({ ...a, status: 'cancelled', closedAt: undefined, cancelledAt: closedAt }, undefined, 7)).toBe(closedMs + 7 * day);
    expect(bidHistoryErasableAtMs({ ...a, status: 'paid' }, { refundedAt: closedAt, disputeOpen: false })).toBe(closedMs + 30 * day);
    expect(bidHistoryErasableAtMs({ ...a, status: 'paid' }, { disputeOpen: false })).toBeUndefined();
    expect(bidHistoryErasableAtMs({ ...a, status: 'paid' }, { receivedAt: closedAt, disputeOpen: true })).toBeUndefined();
  });

  it('GIVEN nothing left to forget, or no close time THEN there is no time', () => {
    expect(bidHistoryErasableAtMs({ ...a, historyChunks: 0, runnerUps: [] }, undefined)).toBeUndefined();
    expect(bidHistoryErasableAtMs({ ...a, historyChunks: 0, runnerUps: [runnerUp] }, undefined)).toBe(closedMs + 30 * day);
    expect(bidHistoryErasableAtMs({ ...a, closedAt: undefined }, undefined)).toBeUndefined();
    expect(bidHistoryErasableAtMs({ ...a, closedAt: 'not a date' }, undefined)).toBeUndefined();
  });
});
