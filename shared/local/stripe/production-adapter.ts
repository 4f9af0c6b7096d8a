/**
 * @module stripe/production-adapter
 * How every function of the local runtime reaches the local Stripe: the production adapter
 * (`shared/adapters/stripe/stripe-payments.ts`, stripe-node and its retries) over HTTP
 * against the served API (api-server), as a deployed function calls api.stripe.com. Under
 * the latency profile (`C500_LATENCY`) each HTTP request, each of stripe-node's retries
 * too, waits `stripe.api` first: the wait is at the transport, stripe-node's own
 * `httpClient`, so the adapter's code is the code that runs in production. Stripe's faults
 * are the served API's (api-faults). stripe-node is loaded on the first payment, so a
 * process that never pays does not load it.
 */
import type Stripe from 'stripe';
import type { Payments } from '../../ports';
import type { StripeEndpoint } from '../../adapters/stripe/stripe-payments';
import type { LatencyDrawer } from '../latency/latent-ports';

/* eslint-disable @typescript-eslint/no-require-imports -- stripe-node is loaded on the first payment */
export function stripeOverHttp(secretKey: string, endpoint: StripeEndpoint, latency?: LatencyDrawer): Payments {
  const { createStripePayments } = require('../../adapters/stripe/stripe-payments') as typeof import('../../adapters/stripe/stripe-payments');
  if (!latency) return createStripePayments(secretKey, endpoint);
  const stripe = require('stripe') as typeof Stripe;
  const node = stripe.createNodeHttpClient();
  const httpClient: Stripe.HttpClient = {
    getClientName: () => node.getClientName(),
    makeRequest: async (...request: Parameters<Stripe.HttpClient['makeRequest']>) => {
      await latency.wait('stripe.api');
      return node.makeRequest(...request);
    },
  };
  return createStripePayments(secretKey, { ...endpoint, httpClient });
}
/* eslint-enable @typescript-eslint/no-require-imports */
