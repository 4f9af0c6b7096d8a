/**
 * GET /overlay/show/<id>: the show board OBS overlays poll. Cached for a second at the CDN
 * while the show can change, so thousands of viewers cost one read a second, not one each;
 * for half a minute once it is over and its last lot has hammered.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, lastPathSegment } from '../shared/triggers/http-trigger';
import { showBoardView } from '../shared/shows';
import { showBoardDeps } from '../shared/router/show-board-wiring';

const briefly = { 'cache-control': 'public, max-age=1, s-maxage=1, stale-while-revalidate=2', 'access-control-allow-origin': '*' };
const settled = { 'cache-control': 'public, max-age=30, s-maxage=30', 'access-control-allow-origin': '*' };

export function showOverlay(platform: Platform) {
  // One memory per instance of the older results behind a show's totals.
  const deps = showBoardDeps(platform);
  return httpFunction('showOverlay', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, json: { error: 'use GET' }, headers: { allow: 'GET, HEAD' } };
    const showId = lastPathSegment(req).toLowerCase();
    const answer = await showBoardView(deps(), showId);
    if (!answer.ok)
      return {
        status: answer.reason === 'malformed' ? 400 : 404,
        json: { error: answer.reason === 'malformed' ? 'not a show id' : 'no such show' },
        headers: briefly,
      };
    const over = answer.board.status === 'ended' && answer.board.live === null;
    return { status: 200, json: answer.board, headers: over ? settled : briefly };
  });
}
