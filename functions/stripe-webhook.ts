/**
 * Stripe webhook ingress: verify `Stripe-Signature` on the raw body, dedupe by event id,
 * publish to `stripe-events`. Loads no Stripe SDK or Firestore: the check is node:crypto.
 */
import { required } from '../shared/config';
import type { Platform } from '../shared/platform';
import { stripeVerifier } from '../shared/adapters/stripe/stripe-signature';
import { httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { acceptStripeEvent } from '../shared/payments';
import { RecentIds } from '../shared/common';

export function stripeWebhook(platform: Platform) {
  // The platform endpoint's secret and the Connect endpoint's: connected accounts' events are signed with the second.
  const isSignedByStripe = stripeVerifier(
    [required(platform.config, 'STRIPE_WEBHOOK_SECRET'), required(platform.config, 'STRIPE_CONNECT_WEBHOOK_SECRET')],
    platform.clock,
  );
  const recent = new RecentIds();
  // Built at cold start, so the first delivery does not pay for it.
  const publisher = platform.publisher();
  return httpFunction('stripeWebhook', (req) => acceptStripeEvent(rawBodyOf(req), req.get('stripe-signature'), { isSignedByStripe, publisher, recent }));
}
