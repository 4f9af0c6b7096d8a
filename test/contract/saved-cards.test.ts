/**
 * Cards saved now and charged later keep one contract whether the port is the local Stripe
 * itself or stripe-node, the production adapter, talking to the local Stripe served over HTTP
 * (form-encoded requests, Idempotency-Key, Stripe's statuses: 402 card errors, 429 rate limit).
 */
import Stripe from 'stripe';
import { stripeApiVersion } from '../../shared/adapters/stripe/api-version';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { serveStripeApi } from '../../shared/local/stripe/api-server';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import { baseUrl, describeSavedCardsContract, startsAt, type SavedCardsUnderTest } from './saved-cards-contract';

const secretKey = 'sk_test_local_saved_cards';

function localStripe(options: {
  writesPerSecond?: number;
}): Omit<SavedCardsUnderTest, 'payments' | 'cleanup'> & { store: LocalDocumentStore; clock: { now(): Date } } {
  const store = new LocalDocumentStore();
  let now = startsAt;
  const clock = { now: () => now };
  const events: string[] = [];
  const world = new LocalPayments({ store, baseUrl, clock, sendEvent: async (type) => void events.push(type), ...options });
  return { store, clock, world, events, advance: (ms) => (now = new Date(now.getTime() + ms)) };
}

describeSavedCardsContract('the local Stripe, in process', async (options) => {
  const { world, events, advance } = localStripe(options);
  return { payments: world, world, events, advance, cleanup: async () => undefined };
});

describeSavedCardsContract('the stripe-node adapter, against the local Stripe served over HTTP', async (options) => {
  // Stripe's limiter is the served API's, as in the local runtime: the world under it keeps none, or a write would count twice.
  const { store, clock, world, events, advance } = localStripe({});
  const api = await serveStripeApi({ payments: world, store, clock, secretKey, ...options });
  return { payments: createStripePayments(secretKey, api.endpoint), world, events, advance, cleanup: () => api.close() };
});

describe('expiring a setup session through stripe-node, against the local Stripe served over HTTP', () => {
  it('expires an open one and refuses, as Stripe does, one that is complete: only an open session can be expired', async () => {
    const { store, clock, world } = localStripe({});
    const api = await serveStripeApi({ payments: world, store, clock, secretKey });
    try {
      const stripe = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 0, ...api.endpoint });
      const { customerId } = await world.createCustomer({ idempotencyKey: 'customer:u1', metadata: { member_id: 'u1' } });
      const setup = (key: string) =>
        world.createCardSetupSession({
          idempotencyKey: key,
          customerId,
          currency: 'usd',
          consentText: 'You will be charged $120.00 only if the group buy reaches its minimum.',
          metadata: { kind: 'pledge' },
          successUrl: `${baseUrl}/done`,
          cancelUrl: `${baseUrl}/cancelled`,
          expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
        });
      const open = await setup('setup:open');
      expect((await stripe.checkout.sessions.expire(open.sessionId)).status).toBe('expired');
      const complete = await setup('setup:complete');
      await world.paySession(complete.sessionId, 'card');
      await expect(stripe.checkout.sessions.expire(complete.sessionId)).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 400,
        message: expect.stringContaining('Only Checkout Sessions with a status in ["open"] can be expired'),
      });
      await expect(stripe.checkout.sessions.expire(open.sessionId)).rejects.toMatchObject({ statusCode: 400 });
    } finally {
      await api.close();
    }
  });
});

describe('cancelling a PaymentIntent through stripe-node, against the local Stripe served over HTTP', () => {
  it('cancels one a card’s bank refused and refuses, as Stripe does, one that succeeded or is cancelled already', async () => {
    const { store, clock, world } = localStripe({});
    const api = await serveStripeApi({ payments: world, store, clock, secretKey });
    try {
      const stripe = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 0, ...api.endpoint });
      const charged = async (buyer: string, card: 'works' | 'declined') => {
        const { customerId } = await world.createCustomer({ idempotencyKey: `customer:${buyer}`, metadata: {} });
        const { sessionId } = await world.createCardSetupSession({
          idempotencyKey: `setup:${buyer}`,
          customerId,
          currency: 'usd',
          consentText: 'Charged only if the minimum is met.',
          metadata: {},
          successUrl: `${baseUrl}/done`,
          cancelUrl: `${baseUrl}/cancelled`,
          expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
        });
        await world.paySession(sessionId, 'card', undefined, card);
        const { paymentMethodId } = await world.readCardSetup(sessionId);
        const intent = await world.offSessionPayment({
          idempotencyKey: `charge:${buyer}`,
          customerId,
          paymentMethodId: paymentMethodId as string,
          amountCents: 12_000,
          currency: 'usd',
          metadata: {},
        });
        if (intent === 'rate_limited') throw new Error('rate limited');
        return intent.id;
      };
      const refused = await charged('u1', 'declined');
      const paid = await charged('u2', 'works');
      expect(await stripe.paymentIntents.cancel(refused, { cancellation_reason: 'abandoned' })).toMatchObject({
        status: 'canceled',
        cancellation_reason: 'abandoned',
      });
      const refusal = { type: 'StripeInvalidRequestError', statusCode: 400, code: 'payment_intent_unexpected_state' };
      await expect(stripe.paymentIntents.cancel(refused)).rejects.toMatchObject({ ...refusal, message: expect.stringContaining('status of canceled') });
      await expect(stripe.paymentIntents.cancel(paid)).rejects.toMatchObject({ ...refusal, message: expect.stringContaining('status of succeeded') });
      await expect(stripe.paymentIntents.cancel('pi_nobody')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    } finally {
      await api.close();
    }
  });
});

describe('removing cards and customers through stripe-node, against the local Stripe served over HTTP', () => {
  it('answers as Stripe does: a deleted customer is `deleted: true`, its cards detached; a card on no customer cannot be detached (400), nor a customer deleted twice (404)', async () => {
    const { store, clock, world } = localStripe({});
    const api = await serveStripeApi({ payments: world, store, clock, secretKey });
    try {
      const stripe = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 0, ...api.endpoint });
      const saved = async (buyer: string) => {
        const { customerId } = await world.createCustomer({ idempotencyKey: `customer:${buyer}`, metadata: {} });
        const { sessionId } = await world.createCardSetupSession({
          idempotencyKey: `setup:${buyer}`,
          customerId,
          currency: 'usd',
          consentText: 'Charged only if the minimum is met.',
          metadata: {},
          successUrl: `${baseUrl}/done`,
          cancelUrl: `${baseUrl}/cancelled`,
          expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
        });
        await world.paySession(sessionId, 'card');
        return { customerId, paymentMethodId: (await world.readCardSetup(sessionId)).paymentMethodId as string };
      };
      const kept = await saved('u1');
      const gone = await saved('u2');
      expect(await stripe.paymentMethods.detach(kept.paymentMethodId)).toMatchObject({ id: kept.paymentMethodId, customer: null });
      await expect(stripe.paymentMethods.detach(kept.paymentMethodId)).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 400,
        message: expect.stringContaining('not attached to a customer'),
      });
      expect(await stripe.customers.del(gone.customerId)).toEqual({ id: gone.customerId, object: 'customer', deleted: true });
      expect(await stripe.customers.retrieve(gone.customerId)).toMatchObject({ id: gone.customerId, deleted: true });
      expect(await stripe.paymentMethods.retrieve(gone.paymentMethodId)).toMatchObject({ customer: null });
      await expect(stripe.customers.del(gone.customerId)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
      await expect(stripe.paymentMethods.detach('pm_nobody')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    } finally {
      await api.close();
    }
  });
});

describe('confirming a refused PaymentIntent on session through stripe-node, against the local Stripe served over HTTP', () => {
  async function refusedIntent(world: LocalPayments, buyer: string, card: 'authentication_required' | 'declined' | 'works') {
    const { customerId } = await world.createCustomer({ idempotencyKey: `customer:${buyer}`, metadata: {} });
    const { sessionId } = await world.createCardSetupSession({
      idempotencyKey: `setup:${buyer}`,
      customerId,
      currency: 'usd',
      consentText: 'Charged only if the minimum is met.',
      metadata: {},
      successUrl: `${baseUrl}/done`,
      cancelUrl: `${baseUrl}/cancelled`,
      expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
    });
    await world.paySession(sessionId, 'card', undefined, card);
    const { paymentMethodId } = await world.readCardSetup(sessionId);
    const intent = await world.offSessionPayment({
      idempotencyKey: `charge:${buyer}`,
      customerId,
      paymentMethodId: paymentMethodId as string,
      amountCents: 12_000,
      currency: 'usd',
      metadata: { pledge_id: buyer },
    });
    if (intent === 'rate_limited') throw new Error('rate limited');
    return intent;
  }

  it('charges the same PaymentIntent once its buyer passes the bank’s step, and refuses, as Stripe does, to confirm it again', async () => {
    const { store, clock, world, events } = localStripe({});
    const api = await serveStripeApi({ payments: world, store, clock, secretKey });
    try {
      const stripe = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 0, ...api.endpoint });
      const refused = await refusedIntent(world, 'u1', 'authentication_required');
      const waiting = await stripe.paymentIntents.confirm(refused.id, { return_url: `${baseUrl}/back` });
      expect(waiting).toMatchObject({
        id: refused.id,
        status: 'requires_action',
        next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: `${baseUrl}/back` } },
      });
      const back = await world.authenticate(refused.id, 'complete');
      expect(back).toMatchObject({ intent: { status: 'succeeded' } });
      // Stripe sends the buyer back to the return URL with the intent, its secret and the outcome appended.
      const returned = new URL(back?.returnUrl ?? '');
      expect(`${returned.origin}${returned.pathname}`).toBe(`${baseUrl}/back`);
      expect(Object.fromEntries(returned.searchParams)).toEqual({
        payment_intent: refused.id,
        payment_intent_client_secret: refused.client_secret,
        redirect_status: 'succeeded',
      });
      const paid = await stripe.paymentIntents.retrieve(refused.id);
      expect(paid).toMatchObject({ status: 'succeeded', latest_charge: expect.stringMatching(/^ch_/) });
      expect(await world.listPaymentIntents()).toHaveLength(1);
      expect(events.filter((e) => e.startsWith('payment_intent.'))).toEqual([
        'payment_intent.payment_failed',
        'payment_intent.requires_action',
        'payment_intent.succeeded',
      ]);
      await expect(stripe.paymentIntents.confirm(refused.id, { return_url: `${baseUrl}/back` })).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 400,
        code: 'payment_intent_unexpected_state',
        message: expect.stringContaining('already succeeded'),
      });
    } finally {
      await api.close();
    }
  });

  it('refuses, as Stripe does, a client_secret not the intent’s own, a cancelled intent and an unknown one; a declined card stays declined', async () => {
    const { store, clock, world } = localStripe({});
    const api = await serveStripeApi({ payments: world, store, clock, secretKey });
    try {
      const stripe = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 0, ...api.endpoint });
      const declined = await refusedIntent(world, 'u1', 'declined');
      await expect(
        stripe.paymentIntents.confirm(declined.id, { client_secret: `${declined.id}_secret_not_it` } as Stripe.PaymentIntentConfirmParams),
      ).rejects.toMatchObject({
        statusCode: 400,
        message: expect.stringContaining('client_secret provided does not match'),
      });
      await expect(stripe.paymentIntents.confirm(declined.id, { return_url: `${baseUrl}/back` })).rejects.toMatchObject({
        type: 'StripeCardError',
        statusCode: 402,
        code: 'card_declined',
      });
      expect(
        await stripe.paymentIntents.confirm(declined.id, {
          payment_method: 'pm_card_visa',
          client_secret: declined.client_secret,
        } as Stripe.PaymentIntentConfirmParams),
      ).toMatchObject({
        id: declined.id,
        status: 'succeeded',
      });
      const abandoned = await refusedIntent(world, 'u2', 'authentication_required');
      await stripe.paymentIntents.cancel(abandoned.id);
      await expect(stripe.paymentIntents.confirm(abandoned.id, { return_url: `${baseUrl}/back` })).rejects.toMatchObject({
        statusCode: 400,
        code: 'payment_intent_unexpected_state',
        message: expect.stringContaining('status of canceled'),
      });
      await expect(stripe.paymentIntents.confirm('pi_nobody', { return_url: `${baseUrl}/back` })).rejects.toMatchObject({
        statusCode: 404,
        code: 'resource_missing',
      });
      expect((await world.listPaymentIntents()).map((p) => p.status).sort()).toEqual(['canceled', 'succeeded']);
    } finally {
      await api.close();
    }
  });
});
