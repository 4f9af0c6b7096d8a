/**
 * @module helix-twitch-chat
 * The production chat adapter: `POST /helix/chat/messages` as the platform's bot with the
 * app access token. Twitch accepts that once the bot account granted `user:write:chat` and
 * `user:bot`, and the broadcaster granted `channel:bot` or modded the bot; the bot then
 * shows with the Chat Bot badge. Where the bot is also a moderator of the channel and has granted
 * `moderator:manage:chat_messages`, it deletes a viewer's message with its own user token
 * (`DELETE /helix/moderation/chat`). The answer is read by `chatSendResultOf`; Twitch
 * unreachable is a value (`twitch_unavailable`) as a 5xx is, so a batcher waits and tries
 * again within its budget.
 *
 * @example
 * const chat = createHelixTwitchChat({ clientId, clientSecret, botUserId: '100000001' });
 * await chat.send({ broadcasterId: '141981764', text: '@ana leads at $520 · next $530' });
 */
import type { ChatDeleteResult, ChatMessageToDelete, ChatMessageToSend, ChatSendResult, TwitchChat } from '../../ports';
import { chatDropCodes } from '../../ports';
import { HelixAppClient, TwitchHttpError, TwitchUnavailable, type HelixAppClientOptions } from './helix-app-client';
import { chatSendResultOf, unavailableRetryMs } from './helix-chat-answer';

export interface HelixTwitchChatOptions extends HelixAppClientOptions {
  /** The bot account's Twitch user id (C500_TWITCH_BOT_USER_ID): Helix's `sender_id`. */
  botUserId: string;
  /** An app client to share with the gateway; one of its own otherwise. */
  client?: HelixAppClient;
  /**
   * The bot's refresh token (TWITCH_BOT_REFRESH_TOKEN): Delete Chat Messages takes only a user
   * token, the bot's, granted `moderator:manage:chat_messages`. Without it nothing is deleted.
   */
  botRefreshToken?: string;
}

export function createHelixTwitchChat(options: HelixTwitchChatOptions): TwitchChat {
  const { botRefreshToken, client: sharedClient, ...appOptions } = options;
  const client = sharedClient ?? new HelixAppClient(appOptions);
  const now = options.now ?? Date.now;
  let asBot: HelixAppClient | undefined;
  const botClient = () => (asBot ??= new HelixAppClient({ ...appOptions, refreshToken: botRefreshToken as string }));
  return {
    async deleteMessage({ broadcasterId, messageId }: ChatMessageToDelete): Promise<ChatDeleteResult> {
      if (!botRefreshToken) return 'not-permitted';
      try {
        const answer = await botClient().request('DELETE', '/moderation/chat', {
          query: { broadcaster_id: broadcasterId, moderator_id: options.botUserId, message_id: messageId },
        });
        if (answer.status === 204) return 'deleted';
        // 404: gone already, or older than Twitch's 6 hours; 400: a message Twitch will not let a moderator delete.
        if (answer.status === 404 || answer.status === 400) return 'not-found';
        return answer.status >= 500 ? 'unavailable' : 'not-permitted';
      } catch (error) {
        // The bot's refresh token refused (revoked, or never granted): nothing can be deleted until it is renewed.
        if (error instanceof TwitchHttpError) return 'not-permitted';
        if (!(error instanceof TwitchUnavailable)) throw error;
        return 'unavailable';
      }
    },

    async send({ broadcasterId, text }: ChatMessageToSend): Promise<ChatSendResult> {
      try {
        const answer = await client.request('POST', '/chat/messages', {
          body: { broadcaster_id: broadcasterId, sender_id: options.botUserId, message: text },
        });
        return chatSendResultOf({ status: answer.status, body: answer.body, ratelimitReset: answer.headers.get('ratelimit-reset') }, text, now());
      } catch (error) {
        if (!(error instanceof TwitchUnavailable)) throw error;
        return { sent: false, dropReason: { code: chatDropCodes.unavailable, message: error.message }, retryAfterMs: unavailableRetryMs };
      }
    },
  };
}
