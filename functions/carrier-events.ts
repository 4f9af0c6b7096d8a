/**
 * The carrier's subscriber: each verified tracker update moves its shipped order's parcel
 * once (in transit, out for delivery, delivered, returned, lost), and the buyer, or the
 * builder and the server's admin at an exception, hear of it once.
 */
import type { Platform } from '../shared/platform';
import { PoisonMessage } from '../shared/errors';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCarrierEventMessage, trackParcel } from '../shared/marketplace';
import { carrierEventDeps } from '../shared/router/carrier-wiring';

export function carrierEvents(platform: Platform) {
  return pubsubFunction('carrierEvents', async (message) => {
    const update = parseCarrierEventMessage(decodeMessageData(message));
    if (!update) throw new PoisonMessage('not a carrier tracking update');
    await trackParcel(carrierEventDeps(platform), update);
  });
}
