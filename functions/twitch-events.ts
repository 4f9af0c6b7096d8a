/**
 * Twitch EventSub subscriber: records each builder's live status from stream.online /
 * stream.offline, once per Twitch message id, and records their revocations; a revoked chat
 * subscription or a `user.authorization.revoke` ends chat bidding in that channel. A stream that
 * goes online with chat bidding off tells its streamer why chat is silent.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseTwitchEventMessage, recordStreamEvent } from '../shared/onboarding';
import { chatAccessEnded, readChatAccessEnded, tellWhyChatIsSilent } from '../shared/chatbids';
import { twitchEventDeps } from '../shared/router/twitch-wiring';

export function twitchEvents(platform: Platform) {
  return pubsubFunction('twitchEvents', async (event) => {
    const payload = decodeMessageData(event);
    const ended = readChatAccessEnded(payload);
    if (ended) return chatAccessEnded(twitchEventDeps(platform), ended);
    const stream = parseTwitchEventMessage(payload);
    await recordStreamEvent(twitchEventDeps(platform), stream);
    // Live with chat bidding off: the streamer learns why their chat is silent.
    if ('kind' in stream && stream.kind === 'online')
      await tellWhyChatIsSilent(twitchEventDeps(platform), { broadcasterId: stream.broadcasterId, streamKey: stream.streamId ?? stream.at });
  });
}
