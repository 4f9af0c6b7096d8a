/**
 * GET /groupbuy/<id>: a group buy as a page anyone may open (its terms, the units pledged
 * toward the minimum, the close, the ship estimate, the state, how to join), and
 * GET /groupbuy/<id>.json: the same as JSON, which the group buy overlay polls. Pledges are
 * counted, never named. Cached for a few seconds at the CDN, as the giveaway's pages are.
 * GET /groupbuy/<id>?card=<setup session id>: the Join answer's short link, on to Stripe's page
 * to save a card while it is the pledge's live link, or why not in words (never cached).
 * GET /groupbuy/<id>?pay=<order id>&key=<key>: a pledge's pay page; POST to it: its Pay button,
 * which confirms the pledge's refused PaymentIntent on session (never cached).
 */
import type { Platform } from '../shared/platform';
import { browserAnswer, httpFunction, lastPathSegment, type HttpAnswer } from '../shared/triggers/http-trigger';
import { answerPledgePay, pledgePayRequest, groupBuyMissingHtml, groupBuyPageHtml, openCardLink, publicGroupBuyView } from '../shared/groupbuys';
import { groupBuyPageDeps, pledgePayDeps } from '../shared/router/board-wiring';

const briefly = { 'cache-control': 'public, max-age=5, s-maxage=5, stale-while-revalidate=10', 'access-control-allow-origin': '*' };
const html = { 'content-type': 'text/html; charset=utf-8' };

export function groupbuyPage(platform: Platform) {
  return httpFunction('groupbuyPage', async (req): Promise<HttpAnswer> => {
    const segment = lastPathSegment(req);
    if (typeof req.query.pay === 'string' && ['GET', 'HEAD', 'POST'].includes(req.method))
      return browserAnswer(await answerPledgePay(pledgePayDeps(platform), pledgePayRequest(segment, req.method, req.query)));
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, json: { error: 'use GET' }, headers: { allow: 'GET, HEAD' } };
    if (typeof req.query.card === 'string') return browserAnswer(await openCardLink(groupBuyPageDeps(platform), segment, req.query.card));
    const asJson = segment.endsWith('.json');
    const answer = await publicGroupBuyView(groupBuyPageDeps(platform), asJson ? segment.slice(0, -'.json'.length) : segment);
    if (!answer.ok) {
      const status = answer.reason === 'malformed' ? 400 : 404;
      if (asJson) return { status, json: { error: status === 400 ? 'not a group buy id' : 'no such group buy' }, headers: briefly };
      return { status, text: groupBuyMissingHtml(answer.reason), headers: { ...briefly, ...html } };
    }
    if (asJson) return { status: 200, json: answer.groupBuy, headers: briefly };
    return { status: 200, text: groupBuyPageHtml(answer.groupBuy), headers: { ...briefly, ...html } };
  });
}
