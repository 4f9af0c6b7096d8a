/**
 * @module stripe-ingress-wiring
 * What the Stripe webhook ingress is handed, made at cold start: the check of both
 * endpoints' signatures (node:crypto, never the Stripe SDK), its memory of recent events
 * and its publisher. Apart from payment-wiring, which loads every module that sells.
 */
import { required } from '../config';
import type { Platform } from '../platform';
import { stripeVerifier } from '../adapters/stripe/stripe-signature';
import { RecentIds } from '../common';
import type { acceptStripeEvent } from '../payments';

export function stripeIngressDeps(platform: Platform): Parameters<typeof acceptStripeEvent>[2] {
  return {
    // The platform endpoint's secret and the Connect endpoint's: connected accounts' events are signed with the second.
    isSignedByStripe: stripeVerifier(
      [required(platform.config, 'STRIPE_WEBHOOK_SECRET'), required(platform.config, 'STRIPE_CONNECT_WEBHOOK_SECRET')],
      platform.clock,
    ),
    recent: new RecentIds(),
    clock: platform.clock,
    // Built at cold start, so the first delivery does not pay for it.
    publisher: platform.publisher(),
  };
}
