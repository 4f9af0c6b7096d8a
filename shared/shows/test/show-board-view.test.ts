/**
 * The show board the OBS overlay polls, against the embedded store and the in-memory book:
 * a show seeded as the run leaves it (lots up next, one live in the book, finished ones
 * with their auctions' results), and the overlay function's status codes and caching.
 */
import type { Request, Response } from '@google-cloud/functions-framework';
import { LocalDocumentStore } from '../../adapters/firestore/local-document-store';
import { InMemoryAuctionBook } from '../../adapters/upstash/in-memory-auction-book';
import { FinishedLots, showBoard, type ShowBoardDeps } from '../use-cases/show-board-view';
import { defaultLadder } from '../../auctions/rules/auction-book';
import { auctionPath, type Auction } from '../../auctions/rules/auction';
import { showPath, type Show, type ShowLot } from '../rules/show';
import type { DocPath } from '../../ports';
import type { Platform } from '../../platform';
import { showOverlay } from '../../../functions/show-overlay';

const nowMs = Date.parse('2026-11-27T21:00:00Z');
const SHOW = 'sh0w0001';

function lot(n: number, over: Partial<ShowLot> = {}): ShowLot {
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

function aShow(lots: ShowLot[], over: Partial<Show> = {}): Show {
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
function result(auctionId: string, over: Partial<Auction>): Auction {
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

const won = (auctionId: string, name: string, priceCents: number, over: Partial<Auction> = {}) =>
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

async function world(show: Show, auctions: Auction[] = []) {
  const store = new CountingStore();
  const book = new InMemoryAuctionBook();
  const clock = { ms: nowMs, now: () => new Date(clock.ms) };
  await store.set(showPath(show.showId), show);
  for (const a of auctions) await store.set(auctionPath(a.auctionId), a);
  store.reads = [];
  const deps: ShowBoardDeps = { store, book, clock };
  return { store, book, clock, deps };
}

/** Opens a lot's auction in the book, ending in a minute, with these bids (name, amount in cents). */
async function openLive(book: InMemoryAuctionBook, auctionId: string, item: string, bids: Array<[string, number]>) {
  await book.open({
    auctionId,
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'builder-id-3',
    item,
    currency: 'usd',
    startCents: 7_500,
    reserveCents: 0,
    endsAtMs: nowMs + 60_000,
    counterBidMs: 10_000,
    suddenDeath: false,
    settleMs: 2_000,
    ladder: defaultLadder,
  });
  for (const [i, [name, cents]] of bids.entries())
    await book.placeBid(
      { auctionId },
      {
        bidId: `bid-${i}`,
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

describe('showBoard', () => {
  it('refuses an id that is not a show id, and says when no show has a well-formed one', async () => {
    const { deps } = await world(aShow([lot(1)]));
    expect(await showBoard(deps, 'NOT-AN-ID!')).toEqual({ ok: false, reason: 'malformed' });
    expect(await showBoard(deps, 'nosuch01')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('shows a show being planned: who hosts it, the first three lots with their opening prices, and how many more', async () => {
    const { deps } = await world(aShow([lot(1), lot(2), lot(3), lot(4), lot(5)], { status: 'planning', hostCutBps: undefined, step: 0 }));
    const answer = await showBoard(deps, SHOW);
    expect(answer).toEqual({
      ok: true,
      board: {
        showId: SHOW,
        title: 'Friday night keebs',
        host: 'Hosty',
        status: 'planning',
        currency: 'usd',
        serverTime: '2026-11-27T21:00:00.000Z',
        live: null,
        nextLotAt: null,
        upNext: [
          { number: 1, item: 'Board 1', builder: 'Builder 1', opens: '$25.00', opensCents: 2_500, durationSeconds: 45 },
          { number: 2, item: 'Board 2', builder: 'Builder 2', opens: '$50.00', opensCents: 5_000, durationSeconds: 45 },
          { number: 3, item: 'Board 3', builder: 'Builder 3', opens: '$75.00', opensCents: 7_500, durationSeconds: 45 },
        ],
        moreUpNext: 2,
        results: [],
        totals: { lots: 5, finished: 0, sold: 0, unsold: 0, gross: '$0.00', grossCents: 0 },
      },
    });
  });

  it('shows the live lot as the auction overlay does, with its number and builder, and the lots after it up next', async () => {
    const lots = [
      lot(1, { state: 'done', auctionId: 'auc00001' }),
      lot(2, { state: 'done', auctionId: 'auc00002' }),
      lot(3, { state: 'live', auctionId: 'auc00003' }),
      lot(4),
    ];
    const { book, deps } = await world(aShow(lots), [won('auc00001', 'dee_bids', 3_000), result('auc00002', {})]);
    await openLive(book, 'auc00003', 'Board 3', [
      ['first', 7_500],
      ['second', 9_000],
    ]);
    const answer = await showBoard(deps, SHOW);
    if (!answer.ok) throw new Error('no board');
    expect(answer.board.live).toMatchObject({
      auctionId: 'auc00003',
      lotNumber: 3,
      builder: 'Builder 3',
      item: 'Board 3',
      status: 'live',
      leader: 'second',
      leaderRole: 'leading',
      bidCount: 2,
      endsAt: '2026-11-27T21:01:00.000Z',
      headline: 'Live',
    });
    expect(answer.board.nextLotAt).toBeNull();
    expect(answer.board.upNext.map((l) => l.number)).toEqual([4]);
    expect(answer.board.totals).toEqual({ lots: 4, finished: 2, sold: 1, unsold: 1, gross: '$30.00', grossCents: 3_000 });
  });

  it('never hands out a bidder’s id or max', async () => {
    const lots = [lot(1, { state: 'done', auctionId: 'auc00001' }), lot(2, { state: 'live', auctionId: 'auc00002' })];
    const { book, deps } = await world(aShow(lots), [won('auc00001', 'dee_bids', 3_000)]);
    await openLive(book, 'auc00002', 'Board 2', [['leader', 12_345]]);
    const text = JSON.stringify(await showBoard(deps, SHOW));
    for (const secret of ['-id', '24690', 'order-', 'host-id', 'g1', 'hostCut']) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });

  it('in the gap after a hammer, says when the next lot goes up and lists the results newest first, each in a sentence', async () => {
    const lots = [
      lot(1, { state: 'done', auctionId: 'auc00001' }),
      lot(2, { state: 'done', auctionId: 'auc00002' }),
      lot(3, { state: 'skipped', skippedBecause: 'its builder can’t be paid right now' }),
      lot(4, { state: 'done', auctionId: 'auc00004' }),
      lot(5, { state: 'done', auctionId: 'auc00005' }),
      lot(6),
    ];
    const runnerUp = won('auc00002', 'runner_up', 4_000, {
      offer: { rank: 1, bidderId: 'runner_up-id', bidderName: 'runner_up', priceCents: 4_000, orderId: 'order-2b' },
      winner: { bidderId: 'gone-id', bidderName: 'gone', priceCents: 4_500 },
    });
    const { deps } = await world(aShow(lots, { nextLotAt: '2026-11-27T21:00:07.000Z' }), [
      won('auc00001', 'first_winner', 3_000, { status: 'paid' }),
      runnerUp,
      result('auc00004', { unsoldReason: 'reserve-not-met', bidCount: 2 }),
      won('auc00005', 'WOLFGANG MAXIMILIAN MÜHLENBERGER', 99_999_999),
    ]);
    const answer = await showBoard(deps, SHOW);
    if (!answer.ok) throw new Error('no board');
    expect(answer.board.live).toBeNull();
    expect(answer.board.nextLotAt).toBe('2026-11-27T21:00:07.000Z');
    expect(answer.board.results).toEqual([
      {
        number: 5,
        item: 'Board 5',
        builder: 'Builder 5',
        outcome: 'sold',
        paid: false,
        to: 'WOLFGANG MAXIMILIAN MÜHLENBERGER',
        price: '$999,999.99',
        priceCents: 99_999_999,
        headline: 'Sold to WOLFGANG MAXIMILIAN MÜHLENBERGER for $999,999.99',
      },
      {
        number: 4,
        item: 'Board 4',
        builder: 'Builder 4',
        outcome: 'unsold',
        paid: false,
        to: null,
        price: null,
        priceCents: null,
        headline: 'Unsold: the reserve wasn’t met.',
      },
      {
        number: 2,
        item: 'Board 2',
        builder: 'Builder 2',
        outcome: 'second-chance',
        paid: false,
        to: 'runner_up',
        price: '$40.00',
        priceCents: 4_000,
        headline: 'Second chance: offered to runner_up at $40.00',
      },
      {
        number: 1,
        item: 'Board 1',
        builder: 'Builder 1',
        outcome: 'sold',
        paid: true,
        to: 'first_winner',
        price: '$30.00',
        priceCents: 3_000,
        headline: 'Sold to first_winner for $30.00',
      },
    ]);
    expect(answer.board.totals).toEqual({ lots: 6, finished: 4, sold: 3, unsold: 1, gross: '$1,000,069.99', grossCents: 100_006_999 });
  });

  it('keeps the last four results and counts every finished lot in the totals', async () => {
    const lots = Array.from({ length: 7 }, (_, i) => lot(i + 1, { state: 'done', auctionId: `auc0000${i + 1}` }));
    const { deps } = await world(
      aShow([...lots, lot(8)], { nextLotAt: '2026-11-27T21:00:07.000Z' }),
      lots.map((l, i) => won(l.auctionId as string, `winner${i + 1}`, 1_000)),
    );
    const answer = await showBoard(deps, SHOW);
    if (!answer.ok) throw new Error('no board');
    expect(answer.board.results.map((r) => r.number)).toEqual([7, 6, 5, 4]);
    expect(answer.board.totals).toMatchObject({ lots: 8, finished: 7, sold: 7, gross: '$70.00' });
  });

  it('reads the show, the newest results and the live lot every time, and the older results at most every few seconds', async () => {
    const lots = Array.from({ length: 19 }, (_, i) => lot(i + 1, { state: 'done', auctionId: `auc${String(i + 1).padStart(5, '0')}` }));
    const { store, book, clock, deps } = await world(
      aShow([...lots, lot(20, { state: 'live', auctionId: 'auc00020' })]),
      lots.map((l) => won(l.auctionId as string, 'w', 1_000)),
    );
    await openLive(book, 'auc00020', 'Board 20', [['leader', 7_500]]);
    const memo = { ...deps, finishedLots: new FinishedLots(15_000) };
    await showBoard(memo, SHOW);
    expect(store.reads).toHaveLength(1 + 19);
    store.reads = [];
    clock.ms += 1_000;
    const answer = await showBoard(memo, SHOW);
    expect(store.reads).toEqual([showPath(SHOW), ...['auc00019', 'auc00018', 'auc00017', 'auc00016'].map((id) => auctionPath(id))]);
    expect(answer).toMatchObject({ ok: true, board: { totals: { sold: 19, gross: '$190.00' }, live: { lotNumber: 20 } } });
    store.reads = [];
    clock.ms += 15_000;
    await showBoard(memo, SHOW);
    expect(store.reads).toHaveLength(1 + 19);
  });

  it('says nothing of a next lot while paused or once over, even if a hammer left a time behind', async () => {
    const lots = [lot(1, { state: 'done', auctionId: 'auc00001' }), lot(2)];
    for (const status of ['paused', 'ended'] as const) {
      const { deps } = await world(aShow(lots, { status, nextLotAt: '2026-11-27T21:00:07.000Z' }), [won('auc00001', 'w', 1_000)]);
      expect(await showBoard(deps, SHOW)).toMatchObject({ ok: true, board: { status, nextLotAt: null, live: null } });
    }
  });

  it('formats a show in yen by the show’s currency', async () => {
    const lots = [lot(1, { state: 'done', auctionId: 'auc00001', startCents: 99_999_999 }), lot(2, { startCents: 99_999_999 })];
    const { deps } = await world(aShow(lots, { currency: 'jpy' }), [won('auc00001', 'w', 99_999_999, { currency: 'jpy' })]);
    expect(await showBoard(deps, SHOW)).toMatchObject({
      ok: true,
      board: {
        currency: 'jpy',
        upNext: [{ opens: '99,999,999 JPY' }],
        results: [{ price: '99,999,999 JPY', headline: 'Sold to w for 99,999,999 JPY' }],
        totals: { gross: '99,999,999 JPY' },
      },
    });
  });
});

describe('the show-overlay function', () => {
  interface Answer {
    status: number;
    headers: Record<string, string>;
    body: unknown;
  }

  async function get(deps: ShowBoardDeps, path: string, method = 'GET'): Promise<Answer> {
    const platform = { store: () => deps.store, auctionBook: () => deps.book, clock: deps.clock } as unknown as Platform;
    const answer: Answer = { status: 0, headers: {}, body: undefined };
    let json = false;
    // What the function writes with Node's writeHead and end; the type and length are the writer's, not the function's.
    const res = {
      writeHead(code: number, headers: Record<string, string>) {
        answer.status = code;
        for (const [key, value] of Object.entries(headers))
          if (!['content-type', 'content-length'].includes(key.toLowerCase())) answer.headers[key.toLowerCase()] = value;
        json = headers['content-type']?.startsWith('application/json') ?? false;
        return res;
      },
      end(body: string) {
        answer.body = json ? JSON.parse(body) : body;
        return res;
      },
    };
    const req = { method, path, query: {}, get: () => undefined };
    await showOverlay(platform)(req as unknown as Request, res as unknown as Response);
    return answer;
  }

  const briefly = { 'cache-control': 'public, max-age=1, s-maxage=1, stale-while-revalidate=2', 'access-control-allow-origin': '*' };
  const settled = { 'cache-control': 'public, max-age=30, s-maxage=30', 'access-control-allow-origin': '*' };

  it.each(['planning', 'running', 'paused'] as const)('answers a %s show with its board, cached for a second', async (status) => {
    const { deps } = await world(aShow([lot(1)], { status }));
    expect(await get(deps, `/overlay/show/${SHOW}`)).toEqual({ status: 200, headers: briefly, body: expect.objectContaining({ showId: SHOW, status }) });
  });

  it('caches an ended show for half a minute once nothing is live, and for a second while its last lot still runs', async () => {
    const over = await world(aShow([lot(1, { state: 'done', auctionId: 'auc00001' })], { status: 'ended' }), [won('auc00001', 'w', 1_000)]);
    expect(await get(over.deps, `/overlay/show/${SHOW}`)).toMatchObject({ status: 200, headers: settled });
    const ending = await world(aShow([lot(1, { state: 'live', auctionId: 'auc00001' })], { status: 'ended' }));
    await openLive(ending.book, 'auc00001', 'Board 1', []);
    expect(await get(ending.deps, `/overlay/show/${SHOW}`)).toMatchObject({ status: 200, headers: briefly, body: { live: { status: 'live' } } });
  });

  it('reads the id case-insensitively, as people copy it', async () => {
    const { deps } = await world(aShow([lot(1)]));
    expect(await get(deps, `/overlay/show/${SHOW.toUpperCase()}`)).toMatchObject({ status: 200 });
  });

  it('answers 400 with a JSON error for an id that is not a show id, and 404 for one nobody made, both cached briefly', async () => {
    const { deps } = await world(aShow([lot(1)]));
    expect(await get(deps, '/overlay/show/not-an-id!')).toEqual({ status: 400, headers: briefly, body: { error: 'not a show id' } });
    expect(await get(deps, '/overlay/show/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(await get(deps, '/overlay/show/nosuch01')).toEqual({ status: 404, headers: briefly, body: { error: 'no such show' } });
  });

  it('refuses anything but GET and HEAD', async () => {
    const { deps } = await world(aShow([lot(1)]));
    expect(await get(deps, `/overlay/show/${SHOW}`, 'POST')).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } });
    expect(await get(deps, `/overlay/show/${SHOW}`, 'HEAD')).toMatchObject({ status: 200, headers: briefly });
  });
});
