/**
 * Discord interactions ingress: verify the signature on the raw body, then answer in the
 * request or defer and publish. Loads no Firestore or Stripe code: Discord allows 3 s.
 */
import { required } from '../shared/config';
import type { Platform } from '../shared/platform';
import { discordVerifier } from '../shared/adapters/discord/verify-discord-request';
import { httpFunction, rawBodyOf } from '../shared/adapters/http/http-trigger';
import { parseInteraction } from '../shared/domain/interaction';
import { jsonOf } from '../shared/domain/json';
import { answerInteraction } from '../shared/app/answer-interaction';
import { RecentIds } from '../shared/app/recent-ids';

export function discordInteractions(platform: Platform) {
  const isSignedByDiscord = discordVerifier(required(platform.config, 'DISCORD_PUBLIC_KEY'));
  const recent = new RecentIds();
  // Built at cold start, not on the first interaction, which has only 3 s.
  const publisher = platform.publisher();
  return httpFunction('discordInteractions', async (req) => {
    const body = rawBodyOf(req);
    if (!isSignedByDiscord(body, req.get('x-signature-ed25519'), req.get('x-signature-timestamp'))) {
      return { status: 401, text: 'invalid request signature' };
    }
    const interaction = parseInteraction(jsonOf(body));
    if (!interaction) return { status: 400, text: 'expected a Discord interaction as JSON' };
    return { status: 200, json: await answerInteraction(interaction, { publisher, recent, currency: platform.config.marketplace.currency }) };
  });
}
