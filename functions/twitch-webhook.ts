/**
 * Twitch EventSub ingress: verify the HMAC on the raw body and the replay window, answer
 * the subscription challenge, dedupe and publish. Chat that is not a `!bid` is answered
 * and dropped here, a regex each. Loads no Firestore, Stripe or twurple.
 */
import { required } from '../shared/config';
import type { Platform } from '../shared/platform';
import { httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { verifyEventSubSignature } from '../shared/adapters/twitch/eventsub-signature';
import { acceptTwitchMessage } from '../shared/onboarding';
import { RecentIds } from '../shared/common';
import { routeChatMessage } from '../shared/chatbids';

export function twitchWebhook(platform: Platform) {
  const secret = required(platform.config, 'TWITCH_EVENTSUB_SECRET');
  const recent = new RecentIds();
  // Built at cold start, not on the first message.
  const publisher = platform.publisher();
  return httpFunction('twitchWebhook', async (req) =>
    acceptTwitchMessage(
      { headers: req.headers, body: rawBodyOf(req) },
      {
        publisher,
        recent,
        clock: platform.clock,
        verifySignature: (id, timestamp, body, signature) => verifyEventSubSignature(secret, id, timestamp, body, signature),
        routeChat: (event, signedAt) => {
          const routed = routeChatMessage(event, signedAt);
          return routed.kind === 'bid' ? { publish: routed.job } : { ignore: routed.why };
        },
      },
    ),
  );
}
