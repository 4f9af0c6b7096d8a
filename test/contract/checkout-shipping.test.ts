/**
 * A shipped Checkout Session held to Stripe's shape, one contract run twice: on the local Stripe
 * itself, as the modules' unit tests use it, and through stripe-node (the production adapter to
 * create, a bare client to read the session back) over HTTP against the local Stripe's API
 * server, as every function of the local runtime reaches it.
 */
import Stripe from 'stripe';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { serveStripeApi } from '../../shared/local/stripe/api-server';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import { stripeApiVersion } from '../../shared/adapters/stripe/api-version';
import { baseUrl, describeShippedCheckoutContract, startsAt } from './checkout-shipping-contract';

const secretKey = 'sk_test_local_shipping';

function localStripe() {
  const store = new LocalDocumentStore();
  const clock = { now: () => startsAt };
  const world = new LocalPayments({ store, baseUrl, clock, sendEvent: async () => undefined });
  return { store, clock, world };
}

describeShippedCheckoutContract('the local Stripe, in process', async () => {
  const { world } = localStripe();
  return {
    payments: world,
    world,
    session: async (id) => {
      const found = await world.session(id);
      if (!found) throw new Error(`no session ${id}`);
      // What a webhook or a read would carry: the object as JSON, nothing of the store's own.
      return JSON.parse(JSON.stringify(found.session)) as Record<string, unknown>;
    },
    cleanup: async () => undefined,
  };
});

describeShippedCheckoutContract('stripe-node against the local Stripe served over HTTP', async () => {
  const local = localStripe();
  const api = await serveStripeApi({ payments: local.world, store: local.store, clock: local.clock, secretKey });
  const bare = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 0, ...api.endpoint });
  return {
    payments: createStripePayments(secretKey, api.endpoint),
    world: local.world,
    session: async (id) => JSON.parse(JSON.stringify(await bare.checkout.sessions.retrieve(id))) as Record<string, unknown>,
    cleanup: () => api.close(),
  };
});
