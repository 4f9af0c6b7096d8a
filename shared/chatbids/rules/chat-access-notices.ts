/**
 * @module chat-access-notices
 * Which `twitch-events` messages end C500's access to a channel's chat: a revoked
 * `channel.chat.message` subscription (by the channel in its condition), or a
 * `user.authorization.revoke` notification (by the user in its event). Everything else on
 * that topic is onboarding's (stream events).
 */
import { isJsonObject } from '../../common';
import { isTwitchUserId, type ChatBidding } from './chat-bidding';

export interface ChatAccessNotice {
  broadcasterId: string;
  reason: NonNullable<ChatBidding['offReason']>;
  subscriptionId?: string;
}

export function readChatAccessEnded(payload: unknown): ChatAccessNotice | undefined {
  if (!isJsonObject(payload) || !isJsonObject(payload.subscription)) return undefined;
  const subscription = payload.subscription;
  const condition = isJsonObject(subscription.condition) ? subscription.condition : {};
  if (payload.messageType === 'revocation' && subscription.type === 'channel.chat.message' && isTwitchUserId(condition.broadcaster_user_id)) {
    return {
      broadcasterId: condition.broadcaster_user_id,
      reason: 'revoked',
      ...(typeof subscription.id === 'string' ? { subscriptionId: subscription.id } : {}),
    };
  }
  const event = isJsonObject(payload.event) ? payload.event : {};
  if (payload.messageType === 'notification' && subscription.type === 'user.authorization.revoke' && isTwitchUserId(event.user_id)) {
    return { broadcasterId: event.user_id, reason: 'authorization-revoked' };
  }
  return undefined;
}
