/**
 * @module chat-bid-job
 * What the Twitch ingress hands the `chat-bids` topic for each chat message that starts
 * with `!bid`: the parts of Twitch's `channel.chat.message` notification a bid needs, and
 * the moment Twitch signed it (the bid's time, as a Discord bid's is its interaction id's).
 */
import { isJsonObject, type JsonObject } from '../../common';
import { isTwitchLogin, isTwitchUserId } from './chat-bidding';
import { chatMessageMaxChars, looksLikeChatBid } from './chat-bid';

export interface ChatBidJob {
  /** Twitch's chat message id: the bid's id in the book, so a redelivery is never counted twice. */
  chatMessageId: string;
  broadcasterId: string;
  broadcasterLogin: string;
  chatterId: string;
  chatterLogin: string;
  chatterName: string;
  text: string;
  /** `Twitch-Eventsub-Message-Timestamp` in ms: when Twitch signed the message. */
  sentAtMs: number;
}

export type ChatMessageRoute = { kind: 'bid'; job: ChatBidJob } | { kind: 'ignore'; why: string };

/**
 * Reads a `channel.chat.message` event. Chat that is not a `!bid` is ignored here, at the
 * ingress, so 1,000 messages a second cost one regex each and no publish. A message shown
 * in this channel from another's chat (Shared Chat) is that channel's to count. `alsoAccept`
 * lets through other chat commands the router serves on the same topic (`!enter`).
 */
export function routeChatMessage(event: JsonObject, signedAt: string, alsoAccept: (text: string) => boolean = () => false): ChatMessageRoute {
  const message = event.message;
  const text = isJsonObject(message) && typeof message.text === 'string' ? message.text : undefined;
  if (text === undefined) return { kind: 'ignore', why: 'no text' };
  // What else chat may ask of the product (a giveaway's `!enter`) travels as a bid's job does, to the same subscriber.
  if (!looksLikeChatBid(text) && !alsoAccept(text)) return { kind: 'ignore', why: 'not a bid' };
  const source = event.source_broadcaster_user_id;
  if (typeof source === 'string' && source !== event.broadcaster_user_id) return { kind: 'ignore', why: 'shared from another channel' };
  const sentAtMs = Date.parse(signedAt);
  const job = {
    chatMessageId: event.message_id,
    broadcasterId: event.broadcaster_user_id,
    broadcasterLogin: event.broadcaster_user_login,
    chatterId: event.chatter_user_id,
    chatterLogin: event.chatter_user_login,
    chatterName: event.chatter_user_name,
    text: text.slice(0, chatMessageMaxChars),
    sentAtMs,
  };
  return isChatBidJob(job) ? { kind: 'bid', job } : { kind: 'ignore', why: 'malformed chat message' };
}

export function isChatBidJob(value: unknown): value is ChatBidJob {
  if (!isJsonObject(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.chatMessageId === 'string' &&
    /^[0-9a-zA-Z-]{1,64}$/.test(v.chatMessageId) &&
    isTwitchUserId(v.broadcasterId) &&
    isTwitchLogin(v.broadcasterLogin) &&
    isTwitchUserId(v.chatterId) &&
    isTwitchLogin(v.chatterLogin) &&
    typeof v.chatterName === 'string' &&
    v.chatterName.length > 0 &&
    v.chatterName.length <= 50 &&
    typeof v.text === 'string' &&
    Number.isFinite(v.sentAtMs)
  );
}
