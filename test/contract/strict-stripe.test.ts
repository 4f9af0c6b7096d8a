/**
 * The local Stripe as strict as Stripe, one contract run twice: on the local Stripe itself, as
 * the modules' unit tests use it, and through stripe-node (the production adapter, and a bare
 * client for what the port does not read) over HTTP against the local Stripe's API server, as
 * every function of the local runtime reaches it.
 */
import Stripe from 'stripe';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { serveStripeApi } from '../../shared/local/stripe/api-server';
import { StripeRateLimited } from '../../shared/local/stripe/per-second-limit';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import { stripeApiVersion } from '../../shared/adapters/stripe/api-version';
import type { LocalPayout } from '../../shared/local/stripe/objects';
import { baseUrl, describeStrictStripeContract, startsAt, type StrictStripeUnderTest } from './strict-stripe-contract';

const secretKey = 'sk_test_local_strict';

function localStripe(writesPerSecond?: number) {
  const store = new LocalDocumentStore();
  let now = startsAt;
  const clock = { now: () => now };
  const events: StrictStripeUnderTest['events'] = [];
  const world = new LocalPayments({
    store,
    baseUrl,
    clock,
    sendEvent: async (type, _object, account) => void events.push({ type, ...(account ? { account } : {}) }),
    ...(writesPerSecond ? { writesPerSecond } : {}),
  });
  return { store, clock, world, events, advance: (ms: number) => (now = new Date(now.getTime() + ms)), now: () => now };
}

describeStrictStripeContract('the local Stripe, in process', async ({ writesPerSecond }) => {
  const local = localStripe(writesPerSecond);
  return {
    ...local,
    payments: local.world,
    writePastLimit: async (write) => {
      try {
        return { limited: false, made: await write() };
      } catch (error) {
        if (!(error instanceof StripeRateLimited)) throw error;
        local.advance(1_000);
        return { limited: true, made: await write() };
      }
    },
    payouts: async (account) => local.world.listPayouts(account),
    cleanup: async () => undefined,
  };
});

describeStrictStripeContract('stripe-node against the local Stripe served over HTTP', async ({ writesPerSecond }) => {
  // Stripe's limiter is the served API's, as in the local runtime: the world under it keeps none.
  const local = localStripe();
  const api = await serveStripeApi({
    payments: local.world,
    store: local.store,
    clock: local.clock,
    secretKey,
    ...(writesPerSecond ? { writesPerSecond } : {}),
  });
  let limited = false;
  // The adapter waits a 429 out; here its wait moves the test's clock instead of the machine's.
  const rateLimitWaits = { attempts: 8, wait: async () => void ((limited = true), local.advance(1_000)) };
  const bare = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 0, ...api.endpoint });
  return {
    ...local,
    payments: createStripePayments(secretKey, { ...api.endpoint, rateLimitWaits }),
    writePastLimit: async (write) => {
      limited = false;
      const made = await write();
      return { limited, made };
    },
    payouts: async (account) => {
      const listed = await bare.payouts.list({ limit: 100 }, account ? { stripeAccount: account } : undefined);
      return listed.data as unknown as LocalPayout[];
    },
    cleanup: () => api.close(),
  };
});
