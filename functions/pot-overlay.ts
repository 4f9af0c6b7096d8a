/**
 * GET /overlay/pot/<lobby id>: the live pot OBS overlays poll. Cached for two seconds at
 * the CDN while the window is open, so a stream's viewers cost one read every two seconds.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, lastPathSegment } from '../shared/triggers/http-trigger';
import { potView } from '../shared/races';
import { potDeps } from '../shared/router/race-wiring';

const briefly = { 'cache-control': 'public, max-age=2, s-maxage=2, stale-while-revalidate=5', 'access-control-allow-origin': '*' };
const settled = { 'cache-control': 'public, max-age=30, s-maxage=30', 'access-control-allow-origin': '*' };

export function potOverlay(platform: Platform) {
  return httpFunction('potOverlay', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, json: { error: 'use GET' }, headers: { allow: 'GET, HEAD' } };
    const lobbyId = lastPathSegment(req).toLowerCase();
    const answer = await potView(potDeps(platform), lobbyId);
    if (!answer.ok)
      return {
        status: answer.reason === 'malformed' ? 400 : 404,
        json: { error: answer.reason === 'malformed' ? 'not a lobby id' : 'no such race lobby' },
        headers: briefly,
      };
    return { status: 200, json: answer.board, headers: answer.board.status === 'ended' ? settled : briefly };
  });
}
