/**
 * Twitch EventSub ingress: verify the HMAC on the raw body and the replay window, answer
 * the subscription challenge, dedupe and publish. Chat that is not a `!bid` is answered
 * and dropped here, a regex each. Loads no Firestore, Stripe or twurple.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { acceptTwitchMessage } from '../shared/onboarding';
import { twitchIngressDeps } from '../shared/router/twitch-wiring';
import { nameTraceEvent } from '../shared/trace-context';

export function twitchWebhook(platform: Platform) {
  const deps = twitchIngressDeps(platform);
  return httpFunction('twitchWebhook', async (req) => {
    nameTraceEvent({ webhook: 'twitch', twitchMessageId: (req.get('twitch-eventsub-message-id') ?? '').slice(0, 100) });
    return acceptTwitchMessage({ headers: req.headers, body: rawBodyOf(req) }, deps);
  });
}
