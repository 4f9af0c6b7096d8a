/**
 * GET /overlay/auction/<id>: the auction board OBS overlays poll. Cached for a second
 * at the CDN, so thousands of viewers cost one read a second, not one each.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, lastPathSegment } from '../shared/triggers/http-trigger';
import { auctionBoardView } from '../shared/auctions';
import { auctionBoardDeps } from '../shared/router/board-wiring';

const briefly = { 'cache-control': 'public, max-age=1, s-maxage=1, stale-while-revalidate=2', 'access-control-allow-origin': '*' };
const settled = { 'cache-control': 'public, max-age=30, s-maxage=30', 'access-control-allow-origin': '*' };

export function auctionOverlay(platform: Platform) {
  return httpFunction('auctionOverlay', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, json: { error: 'use GET' }, headers: { allow: 'GET, HEAD' } };
    const auctionId = lastPathSegment(req).toLowerCase();
    const answer = await auctionBoardView(auctionBoardDeps(platform), auctionId);
    if (!answer.ok)
      return {
        status: answer.reason === 'malformed' ? 400 : 404,
        json: { error: answer.reason === 'malformed' ? 'not an auction id' : 'no such auction' },
        headers: briefly,
      };
    return { status: 200, json: answer.board, headers: answer.board.status === 'live' ? briefly : settled };
  });
}
