/**
 * Twitch EventSub subscriber: records each builder's live status from stream.online /
 * stream.offline, once per Twitch message id, and records revocations.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseTwitchEventMessage, recordStreamEvent } from '../shared/onboarding';

export function twitchEvents(platform: Platform) {
  return pubsubFunction('twitchEvents', async (event) => {
    const message = parseTwitchEventMessage(decodeMessageData(event));
    await recordStreamEvent({ store: platform.store(), discord: platform.discord(), clock: platform.clock }, message);
  });
}
