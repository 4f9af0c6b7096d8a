/**
 * @module offer-twitch-link
 * `/c500 link-twitch`: an authorize link whose state is signed and bound to the Discord
 * user, so the callback links the channel to the person who asked and nobody else. The
 * button carries a short link of ours that sends the browser on to Twitch.
 */
import { required, type Config } from '../../config';
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { twitchRedirectUri } from './link-twitch-channel';
import { builderPath } from '../rules/builder';
import { twitchAuthorizeMessage } from '../rules/builder-messages';
import { type Interaction, refusals, placeOf } from '../../discord';
import { readOAuthState, signOAuthState, twitchAuthorizeLink, twitchStartLink } from '../rules/oauth-state';
import { twitchLinkPage } from '../rules/twitch-messages';

export interface TwitchApp {
  clientId: string;
  /** Signs the OAuth state (OAUTH_STATE_KEY); only our functions know it, and it is no Twitch credential. */
  stateKey: string;
  authorizeUrl: string;
  redirectUri: string;
}

/** The Twitch app as the link's two ends (the command and the callback) need it, from config. */
export function twitchAppOf(config: Config): TwitchApp {
  return {
    clientId: required(config, 'TWITCH_CLIENT_ID'),
    stateKey: required(config, 'OAUTH_STATE_KEY'),
    authorizeUrl: config.twitchAuthorizeUrl,
    redirectUri: twitchRedirectUri(config.publicBaseUrl),
  };
}

export const oauthStateMinutes = 10;

export async function offerTwitchLink(deps: { store: DocumentStore; clock: Clock; twitchApp: TwitchApp }, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId } = place;
  const builder = await deps.store.get(builderPath(user.id));
  const expiresAt = new Date(deps.clock.now().getTime() + oauthStateMinutes * 60_000);
  const state = signOAuthState({ discordUserId: user.id, discordName: user.global_name ?? user.username, guildId, expiresAt }, deps.twitchApp.stateKey);
  return twitchAuthorizeMessage(twitchStartLink(deps.twitchApp.redirectUri, state), builder?.twitch?.login);
}

/**
 * Our link's other end (`/oauth/twitch/callback?start=<state>`): a state we signed, still
 * fresh, goes on to Twitch's authorize page (the configured one, never a host the link
 * names); anything else is refused with the page the callback would show.
 */
export function startTwitchLink(deps: { clock: Clock; twitchApp: TwitchApp }, state: string): { status: number; location?: string; html?: string } {
  const read = readOAuthState(state, deps.twitchApp.stateKey, deps.clock.now());
  if (!read.ok) return twitchLinkPage({ ok: false, reason: read.reason });
  const { authorizeUrl, clientId, redirectUri } = deps.twitchApp;
  return { status: 303, location: twitchAuthorizeLink({ authorizeUrl, clientId, redirectUri, state }) };
}
