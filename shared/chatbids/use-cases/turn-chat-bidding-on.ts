/**
 * @module turn-chat-bidding-on
 * `/c500 chat-bidding on`: the member whose linked Twitch channel it is (a builder or a show
 * host) lets chat in that channel bid. Without the broadcaster's `channel:bot` consent the
 * answer is a consent link, signed and bound to the member and the server; with it, the
 * channel's chat is subscribed and chat bidding is on at once. The consent link is a short
 * one of ours that sends the browser on to Twitch.
 */
import type { Clock, DiscordMessage } from '../../ports';
import { type Interaction, type Place, refusals, placeOf } from '../../discord';
import { builderPath, type TwitchLink } from '../../onboarding';
import { chatBiddingPath } from '../rules/chat-bidding';
import { chatBiddingAnswers } from '../rules/chat-bidding-messages';
import { authorizeMinutes, chatterSignInUrl, consentLink, consentRedirectUri, readConsentState, signConsentState } from '../rules/twitch-authorize';
import type { ConsentOutcome } from '../rules/chat-pages';
import { forgetConsent, recordChatBiddingOn, subscribeToChat, type ChatBiddingDeps } from './chat-subscription';

export async function turnChatBiddingOn(deps: ChatBiddingDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const channel = (await deps.store.get(builderPath(place.user.id)))?.twitch;
  if (!channel) return chatBiddingAnswers.needsTwitchLink;
  if (!deps.chatApp.botUserId) return chatBiddingAnswers.noBot;

  const current = await deps.store.get(chatBiddingPath(channel.userId));
  if (!current?.consentAt) return askForConsent(deps, place, channel);

  const subscribed = await subscribeToChat(deps, channel.userId);
  if (!subscribed.ok) {
    if (subscribed.reason === 'no-bot') return chatBiddingAnswers.noBot;
    // Twitch no longer has the broadcaster's OK (they disconnected C500): ask for it again.
    await forgetConsent(deps.store, channel.userId);
    return askForConsent(deps, place, channel);
  }
  const recorded = await recordChatBiddingOn(deps, {
    broadcasterId: channel.userId,
    login: channel.login,
    ownerId: place.user.id,
    guildId: place.guildId,
    subscriptionId: subscribed.subscriptionId,
    consentAt: current.consentAt,
  });
  if (recorded === 'relinked') return chatBiddingAnswers.needsTwitchLink;
  return chatBiddingAnswers.turnedOn(channel.login, chatterSignInUrl(deps.chatApp.publicBaseUrl), recorded === 'already-on');
}

function askForConsent(deps: ChatBiddingDeps, place: Place, channel: TwitchLink): DiscordMessage {
  const { chatApp } = deps;
  const expiresAt = new Date(deps.clock.now().getTime() + authorizeMinutes * 60_000);
  const state = signConsentState({ discordUserId: place.user.id, guildId: place.guildId, expiresAt, login: channel.login }, chatApp.stateKey);
  // Our own short link (as /c500 link-twitch's): Discord refuses a button URL over 512 characters.
  return chatBiddingAnswers.consentNeeded(channel.login, `${consentRedirectUri(chatApp.publicBaseUrl)}?start=${encodeURIComponent(state)}`);
}

/**
 * The consent link's other end (`/twitch/chat/callback?start=<state>`): a fresh state we
 * signed goes on to Twitch's consent page (the configured one, never a host the link names);
 * anything else is refused with the page the callback would show.
 */
export function startChatConsent(
  deps: { clock: Clock; chatApp: Pick<ChatBiddingDeps['chatApp'], 'authorizeUrl' | 'clientId' | 'publicBaseUrl' | 'stateKey'> },
  state: string,
): { kind: 'to-twitch'; location: string } | { kind: 'refused'; outcome: ConsentOutcome } {
  const { chatApp } = deps;
  const read = readConsentState(state, chatApp.stateKey, deps.clock.now());
  if (!read.ok) return { kind: 'refused', outcome: { ok: false, reason: read.reason } };
  const redirectUri = consentRedirectUri(chatApp.publicBaseUrl);
  const location = consentLink({
    authorizeUrl: chatApp.authorizeUrl,
    clientId: chatApp.clientId,
    redirectUri,
    state,
    ...(read.login ? { loginHint: read.login } : {}),
  });
  return { kind: 'to-twitch', location };
}
