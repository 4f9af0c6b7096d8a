/**
 * @module helix-chat-answer
 * What Helix's Send Chat Message answered, as the port's value
 * (https://dev.twitch.tv/docs/api/reference/#send-chat-message): 200 with `data[0]`
 * `{ message_id, is_sent, drop_reason }`; 422 (or 400, as Twitch answers in practice:
 * twitchdev/issues#904) for a message over 500 characters; 403 when the bot may not speak
 * there; 429 with `Ratelimit-Reset` (epoch seconds) when the app is over Helix's own
 * limit; 5xx when Twitch fails. Pure: the production adapter and the local one both read
 * Twitch's answers through it.
 */
import { chatDropCodes, chatLength, chatMessageMaxLength, type ChatSendResult } from '../../ports';

export interface SendChatAnswer {
  status: number;
  body: unknown;
  /** The `Ratelimit-Reset` header, when there is one. */
  ratelimitReset?: string | null;
}

interface SentChatMessageData {
  message_id?: unknown;
  is_sent?: unknown;
  drop_reason?: { code?: unknown; message?: unknown } | null;
}

/** A wait after Twitch failed us, or a 429 that named no reset: short, never a tight loop. */
export const unavailableRetryMs = 1_000;

/**
 * The port's value for Helix's answer to sending `text`; a mistake of ours (a request
 * Twitch calls malformed, a token it refuses) throws.
 */
export function chatSendResultOf(answer: SendChatAnswer, text: string, nowMs: number): ChatSendResult {
  const said = twitchMessage(answer.body);
  if (answer.status === 200) return sentOrDropped(answer.body);
  if (answer.status === 422 || (answer.status === 400 && chatLength(text) > chatMessageMaxLength)) {
    return { sent: false, dropReason: { code: chatDropCodes.tooLong, message: said ?? `The message is over ${chatMessageMaxLength} characters.` } };
  }
  if (answer.status === 403) {
    return {
      sent: false,
      dropReason: { code: chatDropCodes.notPermitted, message: said ?? 'The sender is not permitted to send chat messages to the broadcaster’s chat room.' },
    };
  }
  if (answer.status === 429) {
    const resetMs = Number(answer.ratelimitReset) * 1_000;
    const retryAfterMs = Number.isFinite(resetMs) && resetMs > 0 ? Math.max(0, Math.ceil(resetMs - nowMs)) : unavailableRetryMs;
    return { sent: false, dropReason: { code: chatDropCodes.rateLimited, message: said ?? 'Too Many Requests' }, retryAfterMs };
  }
  if (answer.status >= 500) {
    return { sent: false, dropReason: { code: chatDropCodes.unavailable, message: `Twitch answered ${answer.status}` }, retryAfterMs: unavailableRetryMs };
  }
  throw new Error(`Helix refused to send a chat message with ${answer.status}${said ? `: ${said}` : ''}`);
}

function sentOrDropped(body: unknown): ChatSendResult {
  const data = (body as { data?: unknown } | undefined)?.data;
  const first = (Array.isArray(data) ? data[0] : undefined) as SentChatMessageData | undefined;
  if (!first || typeof first.is_sent !== 'boolean') throw new Error('Helix answered Send Chat Message without data[0].is_sent');
  if (first.is_sent && typeof first.message_id === 'string' && first.message_id) return { sent: true, messageId: first.message_id };
  const reason = first.drop_reason;
  return {
    sent: false,
    dropReason: {
      code: typeof reason?.code === 'string' && reason.code ? reason.code : 'unknown',
      message: typeof reason?.message === 'string' ? reason.message : 'Twitch did not post the message.',
    },
  };
}

function twitchMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message.slice(0, 300) : undefined;
}
