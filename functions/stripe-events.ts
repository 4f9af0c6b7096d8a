/**
 * Payments subscriber: verified Stripe events, each handled once by its event id.
 */
import { auctionPaymentDeps, type Platform } from '../shared/platform';
import { PoisonMessage } from '../shared/errors';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseStripeEvent } from '../shared/payments/rules/stripe-event';
import { handleStripeEvent } from '../shared/payments/use-cases/handle-stripe-event';

export function stripeEvents(platform: Platform) {
  return pubsubFunction('stripeEvents', async (message) => {
    const event = parseStripeEvent(decodeMessageData(message));
    if (!event) throw new PoisonMessage('not a Stripe event');
    await handleStripeEvent({ ...auctionPaymentDeps(platform), currency: platform.config.marketplace.currency }, event);
  });
}
