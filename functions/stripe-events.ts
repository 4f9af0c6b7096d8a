/**
 * Stripe's subscriber: verified events, each handled once by its event id by the module
 * whose fact it is (a dispute's by disputes, the rest by payments).
 */
import type { Platform } from '../shared/platform';
import { paymentDeps, receiveStripeEvent } from '../shared/router/payment-wiring';
import { PoisonMessage } from '../shared/errors';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseStripeEvent } from '../shared/payments';

export function stripeEvents(platform: Platform) {
  return pubsubFunction('stripeEvents', async (message) => {
    const event = parseStripeEvent(decodeMessageData(message));
    if (!event) throw new PoisonMessage('not a Stripe event');
    await receiveStripeEvent(paymentDeps(platform), event);
  });
}
