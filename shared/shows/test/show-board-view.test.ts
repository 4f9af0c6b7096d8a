/**
 * The show board the OBS overlay polls, against the embedded store and the in-memory book.
 */
import { showBoardView } from '../use-cases/show-board-view';
import { FinishedLots } from '../use-cases/finished-lots';
import { auctionPath } from '../../auctions';
import { showPath } from '../rules/show';
import { SHOW, aShow, lot, openLive, result, won, world } from './show-board-fixtures';

describe('showBoardView', () => {
  it('refuses an id that is not a show id, and says when no show has a well-formed one', async () => {
    const { deps } = await world(aShow([lot(1)]));
    expect(await showBoardView(deps, 'NOT-AN-ID!')).toEqual({ ok: false, reason: 'malformed' });
    expect(await showBoardView(deps, 'nosuch01')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('shows a show being planned: who hosts it, the first three lots with their opening prices, and how many more', async () => {
    const { deps } = await world(aShow([lot(1), lot(2), lot(3), lot(4), lot(5)], { status: 'planning', hostCutBps: undefined, step: 0 }));
    const answer = await showBoardView(deps, SHOW);
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
          { number: 1, item: 'Board 1', builder: 'Builder 1', opens: '$25.00', opensCents: 2_500, durationSeconds: 45, preBids: 0 },
          { number: 2, item: 'Board 2', builder: 'Builder 2', opens: '$50.00', opensCents: 5_000, durationSeconds: 45, preBids: 0 },
          { number: 3, item: 'Board 3', builder: 'Builder 3', opens: '$75.00', opensCents: 7_500, durationSeconds: 45, preBids: 0 },
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
    const answer = await showBoardView(deps, SHOW);
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
    const text = JSON.stringify(await showBoardView(deps, SHOW));
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
    const answer = await showBoardView(deps, SHOW);
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
    const answer = await showBoardView(deps, SHOW);
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
    await showBoardView(memo, SHOW);
    expect(store.reads).toHaveLength(1 + 19);
    store.reads = [];
    clock.ms += 1_000;
    const answer = await showBoardView(memo, SHOW);
    expect(store.reads).toEqual([showPath(SHOW), ...['auc00019', 'auc00018', 'auc00017', 'auc00016'].map((id) => auctionPath(id))]);
    expect(answer).toMatchObject({ ok: true, board: { totals: { sold: 19, gross: '$190.00' }, live: { lotNumber: 20 } } });
    store.reads = [];
    clock.ms += 15_000;
    await showBoardView(memo, SHOW);
    expect(store.reads).toHaveLength(1 + 19);
  });

  it('says nothing of a next lot while paused or once over, even if a hammer left a time behind', async () => {
    const lots = [lot(1, { state: 'done', auctionId: 'auc00001' }), lot(2)];
    for (const status of ['paused', 'ended'] as const) {
      const { deps } = await world(aShow(lots, { status, nextLotAt: '2026-11-27T21:00:07.000Z' }), [won('auc00001', 'w', 1_000)]);
      expect(await showBoardView(deps, SHOW)).toMatchObject({ ok: true, board: { status, nextLotAt: null, live: null } });
    }
  });

  it('formats a show in yen by the show’s currency', async () => {
    const lots = [lot(1, { state: 'done', auctionId: 'auc00001', startCents: 99_999_999 }), lot(2, { startCents: 99_999_999 })];
    const { deps } = await world(aShow(lots, { currency: 'jpy' }), [won('auc00001', 'w', 99_999_999, { currency: 'jpy' })]);
    expect(await showBoardView(deps, SHOW)).toMatchObject({
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
