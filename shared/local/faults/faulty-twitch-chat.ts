/**
 * @module faulty-twitch-chat
 * The chat port as Helix fails it, with the values the production adapter makes of those
 * answers: a 429 (the app over Helix's own limit) with a reset a few seconds ahead, and a
 * 5xx, half the time before Twitch did anything and half the time after it posted the
 * message, with only the answer lost; a resend of the same text then comes back
 * `msg_duplicate`, as it would from Twitch.
 */
import { chatDropCodes, type ChatMessageToSend, type ChatSendResult, type TwitchChat } from '../../ports';
import type { FaultInjector } from './fault-injector';

export function faultyTwitchChat(inner: TwitchChat, faults: FaultInjector): TwitchChat {
  return {
    // Deleting a message is not where the faults are injected: as the chat it wraps.
    ...(inner.deleteMessage ? { deleteMessage: (message) => (inner.deleteMessage as NonNullable<TwitchChat['deleteMessage']>)(message) } : {}),
    async send(message: ChatMessageToSend): Promise<ChatSendResult> {
      if (faults.roll('twitch.429')) {
        return {
          sent: false,
          dropReason: { code: chatDropCodes.rateLimited, message: 'Helix answered 429 Too Many Requests (injected)' },
          retryAfterMs: faults.between('twitch.429', 1, 5) * 1_000,
        };
      }
      if (!faults.roll('twitch.5xx')) return inner.send(message);
      const status = [500, 502, 503][faults.between('twitch.5xx', 0, 2)] as number;
      if (faults.between('twitch.5xx', 0, 1) === 1) await inner.send(message);
      return { sent: false, dropReason: { code: chatDropCodes.unavailable, message: `Twitch answered ${status} (injected)` }, retryAfterMs: 1_000 };
    },
  };
}
