/**
 * Payments subscriber: verified Stripe events, each handled once by its event id.
 */
import type { Platform } from '../shared/platform';
import { paymentDeps } from '../shared/router/payment-wiring';
import { PoisonMessage } from '../shared/errors';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseStripeEvent, handleStripeEvent } from '../shared/payments';

export function stripeEvents(platform: Platform) {
  return pubsubFunction('stripeEvents', async (message) => {
    const event = parseStripeEvent(decodeMessageData(message));
    if (!event) throw new PoisonMessage('not a Stripe event');
    await handleStripeEvent(paymentDeps(platform), event);
  });
}
