/**
 * @module link-twitch-channel
 * The end of the Twitch OAuth round trip: the signed state says which Discord member
 * asked, the code proves which Twitch account agreed. The channel is linked to that
 * builder (whoever proved control last owns it), then C500 subscribes to its
 * `stream.online` / `stream.offline` so `/c500 live` knows when they are really live.
 */
import type { Clock, DocumentStore, TwitchGateway, TwitchUser } from '../../ports';
import { registryEntry } from '../../registry';
import { builderPath, twitchChannelPath, type Builder, type StreamEventSubscription, type TwitchLink } from '../rules/builder';
import { readOAuthState, signUnlinkToken } from '../rules/oauth-state';
import type { TwitchLinkOutcome } from '../rules/twitch-messages';
import { log } from '../../log';
import { markActed } from '../../privacy';

export interface TwitchCallbackQuery {
  code?: string;
  state?: string;
  /** Set by Twitch when the person refused (`access_denied`). */
  error?: string;
  errorDescription?: string;
}

export interface LinkTwitchChannelDeps {
  store: DocumentStore;
  twitch: TwitchGateway;
  clock: Clock;
  /** Signs and checks the OAuth state: the Twitch client secret. */
  stateKey: string;
  /** Given to Twitch with each subscription; it signs every EventSub message with it. */
  eventSubSecret: string;
  publicBaseUrl: string;
}

/** Where Twitch sends the person back; the authorize link must name the same URI. */
export function twitchRedirectUri(publicBaseUrl: string): string {
  return `${publicBaseUrl}${registryEntry('twitchOauthCallback', 'http').route}`;
}

export function twitchEventSubCallbackUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl}${registryEntry('twitchWebhook', 'http').route}`;
}

/** Picks the callback's parameters out of a parsed query string (repeats: the first wins). */
export function readCallbackQuery(query: unknown): TwitchCallbackQuery {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const pick = (name: string): string | undefined => {
    const value = Array.isArray(q[name]) ? (q[name] as unknown[])[0] : q[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const picked = { code: pick('code'), state: pick('state'), error: pick('error'), errorDescription: pick('error_description') };
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined));
}

/** Every outcome is a value the page explains; a failure of our own is logged with its stack. */
export async function linkTwitchChannel(deps: LinkTwitchChannelDeps, query: TwitchCallbackQuery): Promise<TwitchLinkOutcome> {
  try {
    return await link(deps, query);
  } catch (error) {
    log.error('Twitch link failed', { error });
    return { ok: false, reason: 'failed' };
  }
}

async function link(deps: LinkTwitchChannelDeps, query: TwitchCallbackQuery): Promise<TwitchLinkOutcome> {
  if (query.error) return { ok: false, reason: 'denied' };
  const state = query.state ? readOAuthState(query.state, deps.stateKey, deps.clock.now()) : ({ ok: false, reason: 'forged' } as const);
  if (!state.ok) return state;
  if (!query.code) return { ok: false, reason: 'missing-code' };

  let user: TwitchUser;
  try {
    user = await deps.twitch.userFromAuthorizationCode(query.code, twitchRedirectUri(deps.publicBaseUrl));
  } catch (error) {
    const refused = isClientError(error);
    log.warn(refused ? 'Twitch refused the authorization code' : 'Twitch code exchange failed', { discordUserId: state.discordUserId, error });
    return { ok: false, reason: refused ? 'code-refused' : 'twitch-unavailable' };
  }

  await saveLink(deps.store, state.discordUserId, user, deps.clock.now().toISOString());
  try {
    return await subscribed(deps, state, user);
  } finally {
    // The link and its subscriptions name the member: should they have erased lately, their next erasure searches again.
    await markActed(deps, state.discordUserId);
  }
}

async function subscribed(deps: LinkTwitchChannelDeps, state: { discordUserId: string; discordName?: string }, user: TwitchUser): Promise<TwitchLinkOutcome> {
  let subscriptionIds: string[];
  try {
    ({ subscriptionIds } = await deps.twitch.subscribeToStreamEvents(user.userId, twitchEventSubCallbackUrl(deps.publicBaseUrl), deps.eventSubSecret));
  } catch (error) {
    log.error('linked a Twitch channel but could not subscribe to its streams', { discordUserId: state.discordUserId, twitchUserId: user.userId, error });
    return { ok: false, reason: 'not-subscribed', login: user.login };
  }
  await saveSubscription(deps.store, state.discordUserId, user.userId, { subscriptionIds, subscribedAt: deps.clock.now().toISOString() });
  const undo = signUnlinkToken(
    { twitchUserId: user.userId, builderId: state.discordUserId, expiresAt: new Date(deps.clock.now().getTime() + 24 * 3_600_000) },
    deps.stateKey,
  );
  return {
    ok: true,
    login: user.login,
    displayName: user.displayName,
    ...(state.discordName ? { discordName: state.discordName } : {}),
    undoUrl: `${twitchRedirectUri(deps.publicBaseUrl)}?undo=${encodeURIComponent(undo)}`,
  };
}

/** One transaction, so a channel never points at a builder who does not point back. */
async function saveLink(store: DocumentStore, builderId: string, user: TwitchUser, linkedAt: string): Promise<void> {
  await store.runTransaction(async (tx) => {
    const builder = await tx.get(builderPath(builderId));
    const channel = await tx.get(twitchChannelPath(user.userId));
    const previousChannelId = builder?.twitch && builder.twitch.userId !== user.userId ? builder.twitch.userId : undefined;
    const previousChannel = previousChannelId ? await tx.get(twitchChannelPath(previousChannelId)) : undefined;
    const formerOwnerId = channel && channel.builderId !== builderId ? channel.builderId : undefined;
    const formerOwner = formerOwnerId ? await tx.get(builderPath(formerOwnerId)) : undefined;

    // The newest person to prove control through OAuth owns the channel.
    if (formerOwnerId && formerOwner?.twitch?.userId === user.userId) {
      const { twitch: _twitch, stream: _stream, eventSub: _eventSub, ...rest } = formerOwner;
      tx.set(builderPath(formerOwnerId), rest);
    }
    // Only if it is still ours: someone may have taken our old channel over meanwhile.
    if (previousChannelId && previousChannel?.builderId === builderId) tx.delete(twitchChannelPath(previousChannelId));

    const twitch: TwitchLink = { userId: user.userId, login: user.login, displayName: user.displayName, linkedAt };
    const current: Builder = builder ?? { discordUserId: builderId, displayName: user.displayName };
    // Another channel's stream status and subscriptions say nothing about this one.
    const { stream: _stream, eventSub: _eventSub, ...withoutStream } = current;
    const kept = previousChannelId ? withoutStream : current;
    tx.set(builderPath(builderId), { ...kept, discordUserId: builderId, displayName: current.displayName || user.displayName, twitch });
    tx.set(twitchChannelPath(user.userId), { builderId, login: user.login, linkedAt });
  });
}

async function saveSubscription(store: DocumentStore, builderId: string, twitchUserId: string, eventSub: StreamEventSubscription): Promise<void> {
  await store.runTransaction(async (tx) => {
    const builder = await tx.get(builderPath(builderId));
    // Relinked to another channel while we were subscribing: those ids are not this link's.
    if (builder?.twitch?.userId !== twitchUserId) return;
    // The whole map: a fresh subscription clears an earlier revocation.
    tx.update(builderPath(builderId), { eventSub });
  });
}

/** A 4xx from Twitch (bad, used or expired code) is the person's to retry, not an outage. */
function isClientError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
