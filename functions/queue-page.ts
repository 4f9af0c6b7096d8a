/**
 * GET /queue/<builder id>: a builder's commission queue as a page anyone may open, and
 * GET /queue/<builder id>.json: the same as JSON, which the queue overlay polls. Nothing
 * personal is in either. Cached for a few seconds at the CDN, so a stream's viewers cost
 * one read of the line every few seconds.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, lastPathSegment, type HttpAnswer } from '../shared/triggers/http-trigger';
import { publicQueueView, queueNotFoundHtml, queuePageHtml } from '../shared/queue';
import { queuePageDeps } from '../shared/router/board-wiring';

const briefly = { 'cache-control': 'public, max-age=5, s-maxage=5, stale-while-revalidate=10', 'access-control-allow-origin': '*' };
const html = { 'content-type': 'text/html; charset=utf-8' };

export function queuePage(platform: Platform) {
  return httpFunction('queuePage', async (req): Promise<HttpAnswer> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, json: { error: 'use GET' }, headers: { allow: 'GET, HEAD' } };
    const segment = lastPathSegment(req);
    const asJson = segment.endsWith('.json');
    const builderId = asJson ? segment.slice(0, -'.json'.length) : segment;
    const answer = await publicQueueView(queuePageDeps(platform), builderId);
    if (!answer.ok) {
      const status = answer.reason === 'malformed' ? 400 : 404;
      if (asJson) return { status, json: { error: answer.reason === 'malformed' ? 'not a Discord user id' : 'no such queue' }, headers: briefly };
      return { status, text: queueNotFoundHtml(), headers: { ...briefly, ...html } };
    }
    if (asJson) return { status: 200, json: { ...answer.queue, total: answer.total }, headers: briefly };
    return { status: 200, text: queuePageHtml(answer.queue, answer.total), headers: { ...briefly, ...html } };
  });
}
