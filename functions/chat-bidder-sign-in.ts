/**
 * `GET /twitch/bidder`: a chatter signs in with Twitch (identity only) so their bids from chat
 * count, or to open their pay page (`?next=/pay/<order id>`). The same page is Twitch's
 * redirect back: it checks the state against this browser's cookie and records the chatter.
 */
import type { Platform } from '../shared/platform';
import { browserAnswer, httpFunction } from '../shared/triggers/http-trigger';
import { answerChatterSignIn } from '../shared/chatbids';
import { chatterSignInDeps } from '../shared/router/chat-page-wiring';

export function chatBidderSignIn(platform: Platform) {
  const deps = chatterSignInDeps(platform);
  return httpFunction('chatBidderSignIn', async (req) => {
    if (req.method !== 'GET') return { status: 405, text: 'use GET', headers: { allow: 'GET' } };
    return browserAnswer(await answerChatterSignIn(deps(), { query: req.query as Record<string, unknown>, cookies: req.headers.cookie }));
  });
}
