/**
 * GET /giveaway/<id>: a giveaway's entries by pseudonym and, after the draw, its seed;
 * GET /giveaway/<id>/rules: its official rules; GET /giveaway/<id>/entries.txt: the sorted
 * pseudonyms, one a line, to recompute the draw from; GET /giveaway/<id>.json: what the
 * giveaway overlay polls. Nothing personal in any. Cached for a few seconds at the CDN.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, type HttpAnswer } from '../shared/triggers/http-trigger';
import { giveawayNotFoundHtml, giveawayPageHtml, publicGiveawayView, rulesPageHtml } from '../shared/giveaways';
import { giveawayPageDeps } from '../shared/router/giveaway-wiring';

const briefly = { 'cache-control': 'public, max-age=5, s-maxage=5, stale-while-revalidate=10', 'access-control-allow-origin': '*' };
const html = { 'content-type': 'text/html; charset=utf-8' };

/** `/giveaway/<id>[.json|/rules|/entries.txt]` -> the id and what is asked. */
function pageOf(path: string): { id: string; kind: 'page' | 'json' | 'rules' | 'entries' } | undefined {
  const match = /\/giveaway\/([^/]+?)(\.json|\/rules|\/entries\.txt)?\/?$/.exec(path);
  if (!match) return undefined;
  const kind = match[2] === '.json' ? 'json' : match[2] === '/rules' ? 'rules' : match[2] === '/entries.txt' ? 'entries' : 'page';
  return { id: match[1] as string, kind };
}

export function giveawayPage(platform: Platform) {
  return httpFunction('giveawayPage', async (req): Promise<HttpAnswer> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, json: { error: 'use GET' }, headers: { allow: 'GET, HEAD' } };
    const page = pageOf(req.path);
    const answer = page ? await publicGiveawayView(giveawayPageDeps(platform), page.id) : ({ ok: false, reason: 'malformed' } as const);
    if (!page || !answer.ok) {
      const status = answer.ok ? 404 : answer.reason === 'malformed' ? 400 : 404;
      if (page?.kind === 'json') return { status, json: { error: status === 400 ? 'not a giveaway id' : 'no such giveaway' }, headers: briefly };
      return { status, text: giveawayNotFoundHtml(), headers: { ...briefly, ...html } };
    }
    switch (page.kind) {
      case 'json':
        return { status: 200, json: answer.giveaway, headers: briefly };
      case 'entries':
        return { status: 200, text: answer.pseudonyms.map((p) => `${p}\n`).join(''), headers: briefly };
      case 'rules':
        return { status: 200, text: rulesPageHtml(answer.giveaway, platform.config.publicBaseUrl), headers: { ...briefly, ...html } };
      case 'page':
        return { status: 200, text: giveawayPageHtml(answer.giveaway, answer.pseudonyms), headers: { ...briefly, ...html } };
    }
  });
}
