/**
 * @module offer-twitch-link
 * `/c500 link-twitch`: an authorize link whose state is signed and bound to the Discord
 * user, so the callback links the channel to the person who asked and nobody else.
 */
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { builderPath } from '../rules/builder';
import { twitchAuthorizeMessage } from '../rules/builder-messages';
import { type Interaction, refusals, placeOf } from '../../discord';
import { signOAuthState, twitchAuthorizeLink } from '../rules/oauth-state';

export interface TwitchApp {
  clientId: string;
  /** Signs the OAuth state (OAUTH_STATE_KEY); only our functions know it, and it is no Twitch credential. */
  stateKey: string;
  authorizeUrl: string;
  redirectUri: string;
}

export const oauthStateMinutes = 10;

export async function offerTwitchLink(deps: { store: DocumentStore; clock: Clock; twitchApp: TwitchApp }, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId } = place;
  const builder = await deps.store.get(builderPath(user.id));
  const expiresAt = new Date(deps.clock.now().getTime() + oauthStateMinutes * 60_000);
  const state = signOAuthState({ discordUserId: user.id, discordName: user.global_name ?? user.username, guildId, expiresAt }, deps.twitchApp.stateKey);
  const url = twitchAuthorizeLink({
    authorizeUrl: deps.twitchApp.authorizeUrl,
    clientId: deps.twitchApp.clientId,
    redirectUri: deps.twitchApp.redirectUri,
    state,
  });
  return twitchAuthorizeMessage(url, builder?.twitch?.login);
}
