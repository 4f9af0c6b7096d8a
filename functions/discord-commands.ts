/**
 * Deferred commands that need only the store and Discord: setup, profile, link-twitch,
 * posting a drop, shipping. Runs each once per interaction and edits the response.
 */
import { required } from '../shared/config';
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { discordCommandUseCasesAnyName } from '../shared/router/command-jobs';
import { twitchRedirectUri } from '../shared/onboarding';

export function discordCommands(platform: Platform) {
  const { config } = platform;
  const twitchApp = {
    clientId: required(config, 'TWITCH_CLIENT_ID'),
    stateKey: required(config, 'OAUTH_STATE_KEY'),
    authorizeUrl: config.twitchAuthorizeUrl,
    redirectUri: twitchRedirectUri(config.publicBaseUrl),
  };
  return pubsubFunction('discordCommands', async (event) => {
    const deps = { store: platform.store(), discord: platform.discord(), clock: platform.clock, twitchApp, currency: config.marketplace.currency };
    await runCommandJob(deps, parseCommandJob(decodeMessageData(event)), discordCommandUseCasesAnyName);
  });
}
