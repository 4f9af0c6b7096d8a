/**
 * Stripe webhook ingress: verify `Stripe-Signature` on the raw body, dedupe by event id,
 * publish to `stripe-events`. Loads no Stripe SDK or Firestore: the check is node:crypto.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { acceptStripeEvent } from '../shared/payments';
import { stripeIngressDeps } from '../shared/router/stripe-ingress-wiring';

export function stripeWebhook(platform: Platform) {
  const deps = stripeIngressDeps(platform);
  return httpFunction('stripeWebhook', (req) => acceptStripeEvent(rawBodyOf(req), req.get('stripe-signature'), deps));
}
