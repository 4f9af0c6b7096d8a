/**
 * `GET /pay/<order id>`: where a winner from Twitch chat pays. Sends the order's own buyer,
 * signed in with Twitch, on to their Checkout Session; anyone else learns nothing of it.
 * With `?session=`, the short link of a Discord pay button: on to that session.
 */
import type { Platform } from '../shared/platform';
import { browserAnswer, httpFunction, lastPathSegment } from '../shared/triggers/http-trigger';
import { answerChatPay } from '../shared/chatbids';
import { chatPayDeps } from '../shared/router/chat-page-wiring';

export function chatPay(platform: Platform) {
  const deps = chatPayDeps(platform);
  return httpFunction('chatPay', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, text: 'use GET', headers: { allow: 'GET, HEAD' } };
    // A Discord pay link names its Checkout Session (see checkoutLink); a chat winner's link names none.
    const session = typeof req.query.session === 'string' ? { session: req.query.session } : {};
    return browserAnswer(await answerChatPay(deps(), { orderId: lastPathSegment(req), cookies: req.headers.cookie, ...session }));
  });
}
