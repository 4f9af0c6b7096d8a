/**
 * @module twitch-chat-events
 * The events Twitch sends about chat, in Twitch's own shape, for the simulator to deliver
 * and for tests to build deliveries with: `channel.chat.message` version 1
 * (https://dev.twitch.tv/docs/eventsub/eventsub-subscription-types/#channelchatmessage,
 * Shared Chat's `source_*` fields included) and `user.authorization.revoke`.
 *
 * @example
 * const event = chatNotification({ broadcaster: lav, chatter: ana, text: '!bid 520' });
 * const message = eventSubMessage({ messageType: 'notification', subscription, event, clock });
 * await deliverEventSub(`${url}/webhooks/twitch`, secret, message);
 */
import { randomUUID } from 'node:crypto';
import type { TwitchUser } from '../ports';

export interface ChatBadge {
  set_id: string;
  id: string;
  info: string;
}

export interface ChatNotificationInput {
  /** The channel whose chat it is: the subscription's `broadcaster_user_id`. */
  broadcaster: TwitchUser;
  chatter: TwitchUser;
  text: string;
  /** A UUID unless given: Twitch's id of this chat message (the dedupe key). */
  messageId?: string;
  /** The chatter's name colour, `#RRGGBB`; empty when they never chose one, as Twitch sends it. */
  color?: string;
  badges?: ChatBadge[];
  messageType?: 'text' | 'channel_points_highlighted' | 'channel_points_sub_only' | 'user_intro' | 'power_ups_message_effect' | 'power_ups_gigantified_emote';
  cheer?: { bits: number } | null;
  reply?: Record<string, string> | null;
  /**
   * Shared Chat: the message was sent in this other channel of the session and is shown in
   * the broadcaster's chat too. Twitch then names that channel and its message id here; for
   * a message sent in the broadcaster's own chat these fields are null.
   */
  source?: { broadcaster: TwitchUser; messageId: string; badges?: ChatBadge[] };
}

/** The `event` of a `channel.chat.message` v1 notification. */
export function chatNotification(input: ChatNotificationInput): Record<string, unknown> {
  const { broadcaster, chatter, source } = input;
  return {
    broadcaster_user_id: broadcaster.userId,
    broadcaster_user_login: broadcaster.login,
    broadcaster_user_name: broadcaster.displayName,
    chatter_user_id: chatter.userId,
    chatter_user_login: chatter.login,
    chatter_user_name: chatter.displayName,
    message_id: input.messageId ?? randomUUID(),
    message: { text: input.text, fragments: [{ type: 'text', text: input.text, cheermote: null, emote: null, mention: null }] },
    color: input.color ?? '',
    badges: input.badges ?? [],
    message_type: input.messageType ?? 'text',
    cheer: input.cheer ?? null,
    reply: input.reply ?? null,
    channel_points_custom_reward_id: null,
    channel_points_animation_id: null,
    source_broadcaster_user_id: source?.broadcaster.userId ?? null,
    source_broadcaster_user_login: source?.broadcaster.login ?? null,
    source_broadcaster_user_name: source?.broadcaster.displayName ?? null,
    source_message_id: source?.messageId ?? null,
    source_badges: source ? (source.badges ?? []) : null,
    is_source_only: source ? false : null,
  };
}

/** The `event` of a `user.authorization.revoke` notification: login and name are null for a deleted account. */
export function authorizationRevokeEvent(clientId: string, user: TwitchUser | { userId: string; login: null; displayName: null }): Record<string, unknown> {
  return { client_id: clientId, user_id: user.userId, user_login: user.login, user_name: user.displayName };
}
