/**
 * Twitch EventSub subscriber: records each builder's live status from stream.online /
 * stream.offline, once per Twitch message id, and records their revocations; a revoked chat
 * subscription or a `user.authorization.revoke` ends chat bidding in that channel.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseTwitchEventMessage, recordStreamEvent } from '../shared/onboarding';
import { chatAccessEnded, readChatAccessEnded } from '../shared/chatbids';
import { twitchEventDeps } from '../shared/router/twitch-wiring';

export function twitchEvents(platform: Platform) {
  return pubsubFunction('twitchEvents', async (event) => {
    const payload = decodeMessageData(event);
    const ended = readChatAccessEnded(payload);
    if (ended) return chatAccessEnded(twitchEventDeps(platform), ended);
    await recordStreamEvent(twitchEventDeps(platform), parseTwitchEventMessage(payload));
  });
}
