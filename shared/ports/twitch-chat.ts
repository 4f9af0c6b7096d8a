/**
 * @module twitch-chat
 * The platform's bot speaking in a Twitch channel's chat: Helix's Send Chat Message, sent
 * as the bot account (`C500_TWITCH_BOT_USER_ID`) with the app access token. Twitch's rules
 * (https://dev.twitch.tv/docs/api/reference/#send-chat-message, and the chat limits at
 * https://dev.twitch.tv/docs/chat/#rate-limits): a message is at most 500 characters; a
 * sender may send 20 messages per 30 seconds in a channel where it is not a moderator, 100
 * where it is; the same text as its previous message within 30 seconds is dropped. A
 * message Twitch does not post comes back as a value with Twitch's `drop_reason`, never as
 * a throw, so a batcher can wait and send again within the budget.
 */

/** Twitch refuses a longer message (422, or 400 in practice: twitchdev/issues#904). */
export const chatMessageMaxLength = 500;

/** Twitch counts a message's characters; a code point is the closest reading of "character" (an emoji is one, as a person counts it). */
export const chatLength = (text: string): number => [...text].length;

/** Twitch's chat budget per channel and sender: messages per window. */
export const chatRateLimits = { windowMs: 30_000, asViewer: 20, asModerator: 100 } as const;

/**
 * Reasons a message was not posted. `msg_*` are Twitch's own `drop_reason.code` values
 * (the IRC NOTICE msg-ids, https://dev.twitch.tv/docs/irc/msg-id/; any other may come);
 * the rest are C500's names for Twitch's HTTP refusals.
 */
export const chatDropCodes = {
  /** Over the channel's 30-second budget (Twitch's drop_reason), or Helix's own 429 (with retryAfterMs). */
  rateLimited: 'msg_ratelimit',
  /** The same text as the sender's previous message there, less than 30 seconds ago. */
  duplicate: 'msg_duplicate',
  /** Over 500 characters: Helix answered 422 (or 400). Sending it again never helps. */
  tooLong: 'message_too_long',
  /**
   * Helix answered 403: the bot has not granted user:write:chat and user:bot, or the
   * broadcaster has not granted channel:bot and the bot is not one of their moderators.
   */
  notPermitted: 'sender_not_permitted',
  /** Twitch did not answer, or answered 5xx: whether it was posted is unknown (a resend may come back msg_duplicate). */
  unavailable: 'twitch_unavailable',
} as const;

export interface ChatDropReason {
  code: string;
  message: string;
}

export type ChatSendResult =
  | { sent: true; messageId: string }
  | {
      sent: false;
      dropReason: ChatDropReason;
      /** When Twitch said how long to wait (Helix 429's Ratelimit-Reset), or a short wait after a failure of Twitch's. */
      retryAfterMs?: number;
    };

export interface ChatMessageToSend {
  /** The channel (its broadcaster's Twitch user id) whose chat gets the message. */
  broadcasterId: string;
  text: string;
}

/**
 * What became of a request to delete a viewer's message (Helix Delete Chat Messages,
 * https://dev.twitch.tv/docs/api/reference/#delete-chat-messages): Twitch lets only a moderator
 * of the channel (or its broadcaster) do it, with a user token granted
 * `moderator:manage:chat_messages`, and only for a message under 6 hours old that is not the
 * broadcaster's or another moderator's. `not-permitted`: the bot lacks the scope or the mod.
 */
export type ChatDeleteResult = 'deleted' | 'not-permitted' | 'not-found' | 'unavailable';

export interface ChatMessageToDelete {
  broadcasterId: string;
  /** Twitch's id of the message (EventSub's `message_id`). */
  messageId: string;
}

export interface TwitchChat {
  /**
   * Deletes a viewer's message as the bot, where the bot is a moderator with the scope;
   * Twitch's refusals are values. Absent: this chat cannot delete (nothing is tried).
   */
  deleteMessage?(message: ChatMessageToDelete): Promise<ChatDeleteResult>;
  /**
   * Posts `text` in the channel's chat as the platform's bot. Twitch's refusals and drops
   * are values; only a mistake of ours (a malformed request, credentials Twitch refuses)
   * throws.
   */
  send(message: ChatMessageToSend): Promise<ChatSendResult>;
}
