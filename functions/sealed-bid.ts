/**
 * `/bid/<auction id>`: a viewer's sealed bid in an auction's final call, in private instead of
 * in chat. GET shows the form behind a Twitch sign-in; POST places the bid with the form's
 * token, read from the raw urlencoded body.
 */
import type { Platform } from '../shared/platform';
import { browserAnswer, httpFunction, lastPathSegment, rawBodyOf } from '../shared/triggers/http-trigger';
import { answerSealedBid } from '../shared/chatbids';
import { required } from '../shared/config';
import { sealedBidDeps } from '../shared/router/chat-wiring';

export function sealedBid(platform: Platform) {
  const deps = sealedBidDeps(platform);
  const app = { stateKey: required(platform.config, 'OAUTH_STATE_KEY'), publicBaseUrl: platform.config.publicBaseUrl };
  return httpFunction('sealedBid', async (req) => {
    if (req.method !== 'GET' && req.method !== 'POST') return { status: 405, text: 'use GET or POST', headers: { allow: 'GET, POST' } };
    // The form as its raw bytes: whatever the framework parsed (or did not), the same fields.
    const form = req.method === 'POST' ? new URLSearchParams(rawBodyOf(req).toString('utf8')) : undefined;
    const answer = await answerSealedBid(
      { ...deps(), app },
      {
        method: req.method,
        auctionId: lastPathSegment(req),
        cookies: req.headers.cookie,
        ...(form?.get('token') ? { token: form.get('token') as string } : {}),
        ...(form?.get('amount') !== undefined && form?.get('amount') !== null ? { amount: form.get('amount') as string } : {}),
      },
    );
    return browserAnswer(answer);
  });
}
