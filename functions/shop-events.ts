/**
 * Merch sales and refunds from Ko-fi and Shopify, verified by their ingresses: each is
 * credited to (or reversed from) the race window open when it was paid, once per sale.
 */
import type { Platform } from '../shared/platform';
import { raceDeps } from '../shared/router/race-wiring';
import { PoisonMessage } from '../shared/errors';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseShopEventMessage, recordShopEvent } from '../shared/races';

export function shopEvents(platform: Platform) {
  return pubsubFunction('shopEvents', async (message) => {
    const event = parseShopEventMessage(decodeMessageData(message));
    if (!event) throw new PoisonMessage('not a shop sale or refund');
    await recordShopEvent(raceDeps(platform), event);
  });
}
