/**
 * Discord interactions ingress: verify the signature on the raw body, then answer in the
 * request or defer and publish. Loads no Firestore or Stripe code: Discord allows 3 s.
 */
import { required } from '../shared/config';
import type { Platform } from '../shared/platform';
import { systemClock } from '../shared/ports';
import { discordVerifier } from '../shared/adapters/discord/verify-discord-request';
import { httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { readInteraction } from '../shared/discord';
import { jsonOf, RecentIds } from '../shared/common';
import { answerInteraction } from '../shared/router/answer-interaction';

export function discordInteractions(platform: Platform) {
  // Discord stamps its requests with the wall clock: a local run's own clock (a test moving an auction's end) must not judge them.
  const isSignedByDiscord = discordVerifier(required(platform.config, 'DISCORD_PUBLIC_KEY'), systemClock);
  const recent = new RecentIds();
  // Built at cold start, not on the first interaction, which has only 3 s.
  const publisher = platform.publisher();
  return httpFunction('discordInteractions', async (req) => {
    const body = rawBodyOf(req);
    if (!isSignedByDiscord(body, req.get('x-signature-ed25519'), req.get('x-signature-timestamp'))) {
      return { status: 401, text: 'invalid request signature' };
    }
    const read = readInteraction(jsonOf(body));
    if (!read.ok) return { status: 400, text: `not an interaction this app can answer: ${read.problem}` };
    return { status: 200, json: await answerInteraction(read.interaction, { publisher, recent, currency: platform.config.marketplace.currency }) };
  });
}
