/**
 * @module accept-chat-consent
 * The end of the consent round trip (`/twitch/chat/callback`): the signed state says which
 * Discord member asked in which server, the code proves which Twitch account agreed and
 * what it granted. Only the member's own linked channel, granting `channel:bot`, turns chat
 * bidding on: the consent is recorded, the chat subscribed, the member told by DM, and the
 * page says so.
 */
import type { DiscordMessenger, TwitchAuthorization } from '../../ports';
import { tellOnce } from '../../discord';
import { builderPath } from '../../onboarding';
import { log } from '../../log';
import { chatBiddingOnDm } from '../rules/chat-bidding-messages';
import type { ConsentOutcome } from '../rules/chat-pages';
import { chatterSignInUrl, consentRedirectUri, readConsentState } from '../rules/twitch-authorize';
import { isTwitchClientError, recordChatBiddingOn, recordConsent, subscribeToChat, type ChatBiddingDeps } from './chat-subscription';

export interface TwitchCallbackQuery {
  code?: string;
  state?: string;
  /** Set by Twitch when the person refused (`access_denied`). */
  error?: string;
}

export type ChatConsentDeps = ChatBiddingDeps & { discord: DiscordMessenger };

/** Every outcome is a value the page explains; a failure of our own is logged with its stack. */
export async function acceptChatConsent(deps: ChatConsentDeps, query: TwitchCallbackQuery): Promise<ConsentOutcome> {
  try {
    return await accept(deps, query);
  } catch (error) {
    log.error('chat bidding consent failed', { error });
    return { ok: false, reason: 'failed' };
  }
}

async function accept(deps: ChatConsentDeps, query: TwitchCallbackQuery): Promise<ConsentOutcome> {
  if (query.error) return { ok: false, reason: 'denied' };
  const state = readConsentState(query.state, deps.chatApp.stateKey, deps.clock.now());
  if (!state.ok) return state;
  if (!query.code) return { ok: false, reason: 'missing-code' };
  if (!deps.chatApp.botUserId) return { ok: false, reason: 'no-bot' };

  let user: TwitchAuthorization;
  try {
    user = await deps.twitch.userFromAuthorizationCode(query.code, consentRedirectUri(deps.chatApp.publicBaseUrl));
  } catch (error) {
    const refused = isTwitchClientError(error);
    log.warn(refused ? 'Twitch refused the consent code' : 'Twitch consent code exchange failed', { discordUserId: state.discordUserId, error });
    return { ok: false, reason: refused ? 'code-refused' : 'twitch-unavailable' };
  }

  const linked = (await deps.store.get(builderPath(state.discordUserId)))?.twitch;
  if (linked?.userId !== user.userId)
    return { ok: false, reason: 'not-your-channel', authorizedLogin: user.login, ...(linked ? { linkedLogin: linked.login } : {}) };
  if (!user.scopes.includes('channel:bot')) return { ok: false, reason: 'no-scope' };

  const channel = { broadcasterId: user.userId, login: user.login, ownerId: state.discordUserId, guildId: state.guildId };
  const consentAt = await recordConsent(deps, channel);
  const subscribed = await subscribeToChat(deps, user.userId);
  if (!subscribed.ok) {
    log.warn('Twitch refused the chat subscription after the broadcaster’s consent', { twitchUserId: user.userId, reason: subscribed.reason });
    return { ok: false, reason: subscribed.reason === 'no-bot' ? 'no-bot' : 'bot-refused' };
  }
  const recorded = await recordChatBiddingOn(deps, { ...channel, subscriptionId: subscribed.subscriptionId, consentAt });
  if (recorded === 'relinked') return { ok: false, reason: 'not-your-channel', authorizedLogin: user.login };
  const signInUrl = chatterSignInUrl(deps.chatApp.publicBaseUrl);
  await tellOnce(deps, `chat-bidding-on:${user.userId}:${subscribed.subscriptionId}`, state.discordUserId, chatBiddingOnDm(user.login, signInUrl));
  return { ok: true, login: user.login };
}
