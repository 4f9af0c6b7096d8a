/**
 * @module helix-twitch-chat
 * The production chat adapter: `POST /helix/chat/messages` as the platform's bot with the
 * app access token. Twitch accepts that once the bot account granted `user:write:chat` and
 * `user:bot`, and the broadcaster granted `channel:bot` or modded the bot; the bot then
 * shows with the Chat Bot badge. The answer is read by `chatSendResultOf`; Twitch
 * unreachable is a value (`twitch_unavailable`) as a 5xx is, so a batcher waits and tries
 * again within its budget.
 *
 * @example
 * const chat = createHelixTwitchChat({ clientId, clientSecret, botUserId: '100000001' });
 * await chat.send({ broadcasterId: '141981764', text: '@ana leads at $520 · next $530' });
 */
import type { ChatMessageToSend, ChatSendResult, TwitchChat } from '../../ports';
import { chatDropCodes } from '../../ports';
import { HelixAppClient, TwitchUnavailable, type HelixAppClientOptions } from './helix-app-client';
import { chatSendResultOf, unavailableRetryMs } from './helix-chat-answer';

export interface HelixTwitchChatOptions extends HelixAppClientOptions {
  /** The bot account's Twitch user id (C500_TWITCH_BOT_USER_ID): Helix's `sender_id`. */
  botUserId: string;
  /** An app client to share with the gateway; one of its own otherwise. */
  client?: HelixAppClient;
}

export function createHelixTwitchChat(options: HelixTwitchChatOptions): TwitchChat {
  const client = options.client ?? new HelixAppClient(options);
  const now = options.now ?? Date.now;
  return {
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
