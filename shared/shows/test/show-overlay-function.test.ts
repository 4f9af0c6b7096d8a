/**
 * The show overlay's function: its status codes and caching, over the board.
 */
import type { Request, Response } from '@google-cloud/functions-framework';
import type { Platform } from '../../platform';
import { showOverlay } from '../../../functions/show-overlay';
import type { ShowBoardDeps } from '../use-cases/show-board-view';
import { SHOW, aShow, lot, openLive, won, world } from './show-board-fixtures';

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
