/**
 * @module chat-subscription
 * What turning chat bidding on and off does at Twitch and in the store, shared by
 * `/c500 chat-bidding on` (consent already given), the consent callback and `off`: the
 * channel's `channel.chat.message` subscription, read as the platform's bot, and the
 * `chatBidding/<broadcaster id>` document that says whose it is and whether it is on.
 */
import type { Clock, DocumentStore, TwitchGateway } from '../../ports';
import { registryEntry } from '../../registry';
import { builderPath } from '../../onboarding';
import { chatBiddingPath, type ChatBidding } from '../rules/chat-bidding';
import type { ChatBiddingApp } from '../rules/chat-app-config';

export interface ChatBiddingDeps {
  store: DocumentStore;
  clock: Clock;
  twitch: TwitchGateway;
  chatApp: ChatBiddingApp;
}

export type ChatSubscription = { ok: true; subscriptionId: string } | { ok: false; reason: 'no-bot' | 'refused' };

/** Where Twitch delivers the channel's chat: the EventSub ingress, as for stream events. */
export const eventSubCallbackUrl = (publicBaseUrl: string): string => `${publicBaseUrl}${registryEntry('twitchWebhook', 'http').route}`;

/**
 * Subscribes to the channel's chat as the bot; an existing subscription counts as made.
 * Twitch's 403 (no `channel:bot` from the broadcaster, or the bot's own grant gone) is an
 * answer, not an outage; anything else throws and the platform retries.
 */
export async function subscribeToChat(deps: Pick<ChatBiddingDeps, 'twitch' | 'chatApp'>, broadcasterId: string): Promise<ChatSubscription> {
  const { botUserId, publicBaseUrl, eventSubSecret } = deps.chatApp;
  if (!botUserId) return { ok: false, reason: 'no-bot' };
  try {
    const webhook = { callbackUrl: eventSubCallbackUrl(publicBaseUrl), secret: eventSubSecret };
    const made = await deps.twitch.subscribeToChatMessages(broadcasterId, botUserId, webhook);
    // One for the whole app (an existing one counts as made): a broadcaster who disconnects
    // C500 on Twitch is seen at once, and chat bidding turned off with them told.
    await deps.twitch.subscribeToAuthorizationRevocations(webhook);
    return { ok: true, subscriptionId: made.subscriptionId };
  } catch (error) {
    if (statusOf(error) === 403) return { ok: false, reason: 'refused' };
    throw error;
  }
}

export interface TurnOn {
  broadcasterId: string;
  login: string;
  ownerId: string;
  guildId: string;
  subscriptionId: string;
  /** When the broadcaster's consent was given (kept), or now for a consent that just came back. */
  consentAt: string;
}

/**
 * Records chat bidding on for the channel, unless the member's link moved to another channel
 * meanwhile. Answers whether it was already on just so, or `relinked`.
 */
export async function recordChatBiddingOn(deps: { store: DocumentStore; clock: Clock }, on: TurnOn): Promise<'on' | 'already-on' | 'relinked'> {
  const now = deps.clock.now().toISOString();
  return deps.store.runTransaction(async (tx) => {
    const builder = await tx.get(builderPath(on.ownerId));
    const before = await tx.get(chatBiddingPath(on.broadcasterId));
    if (builder?.twitch?.userId !== on.broadcasterId) return 'relinked';
    const already = before?.on === true && before.subscriptionId === on.subscriptionId && before.ownerId === on.ownerId && before.guildId === on.guildId;
    const record: ChatBidding = {
      broadcasterId: on.broadcasterId,
      login: on.login,
      ownerId: on.ownerId,
      guildId: on.guildId,
      on: true,
      consentAt: before?.consentAt ?? on.consentAt,
      subscriptionId: on.subscriptionId,
      changedBy: already && before ? before.changedBy : on.ownerId,
      changedAt: already && before ? before.changedAt : now,
    };
    tx.set(chatBiddingPath(on.broadcasterId), record);
    return already ? 'already-on' : 'on';
  });
}

/** The broadcaster's consent as recorded, and the channel's owner and server, before the subscription is made. */
export async function recordConsent(deps: { store: DocumentStore; clock: Clock }, on: Omit<TurnOn, 'subscriptionId' | 'consentAt'>): Promise<string> {
  const now = deps.clock.now().toISOString();
  return deps.store.runTransaction(async (tx) => {
    const before = await tx.get(chatBiddingPath(on.broadcasterId));
    const { offReason: _offReason, ...kept } = before ?? { on: false, changedBy: on.ownerId, changedAt: now };
    tx.set(chatBiddingPath(on.broadcasterId), {
      ...kept,
      broadcasterId: on.broadcasterId,
      login: on.login,
      ownerId: on.ownerId,
      guildId: on.guildId,
      consentAt: now,
    });
    return now;
  });
}

/** Twitch said no: the consent we recorded no longer holds, so the next `on` asks for it again. */
export async function forgetConsent(store: DocumentStore, broadcasterId: string): Promise<void> {
  await store.runTransaction(async (tx) => {
    const before = await tx.get(chatBiddingPath(broadcasterId));
    if (!before?.consentAt) return;
    const { consentAt: _consentAt, ...rest } = before;
    tx.set(chatBiddingPath(broadcasterId), rest);
  });
}

/** Records chat bidding off (by a person when `offReason` is absent), the subscription gone. */
export async function recordChatBiddingOff(
  deps: { store: DocumentStore; clock: Clock },
  broadcasterId: string,
  by: { changedBy: string; offReason?: ChatBidding['offReason']; forgetConsent?: boolean },
): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.store.runTransaction(async (tx) => {
    const before = await tx.get(chatBiddingPath(broadcasterId));
    if (!before) return;
    const { subscriptionId: _subscriptionId, offReason: _offReason, consentAt, ...rest } = before;
    tx.set(chatBiddingPath(broadcasterId), {
      ...rest,
      ...(consentAt && !by.forgetConsent ? { consentAt } : {}),
      on: false,
      changedBy: by.changedBy,
      changedAt: now,
      ...(by.offReason ? { offReason: by.offReason } : {}),
    });
  });
}

/** A 4xx from Twitch (bad, used or expired code) is the person's to retry, not an outage. */
export function isTwitchClientError(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
