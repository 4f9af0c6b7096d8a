/**
 * What the payments port promises of a card saved now and charged later, whoever answers it
 * (the local Stripe in-process, or stripe-node against the local Stripe served over HTTP): a
 * customer per key, Checkout in setup mode read back with what it saved, and off-session
 * charges that are made once per key and answer a card that needs the buyer, a decline and
 * Stripe's rate limit as values.
 */
import { PaymentRefused } from '../../shared/errors';
import type { CardSetupRequest, CheckoutRequest, OffSessionChargeRequest, Payments } from '../../shared/ports';
import type { LocalPayments } from '../../shared/local/stripe/payments';
import type { TestCardKind } from '../../shared/local/stripe/test-cards';

export const baseUrl = 'http://127.0.0.1:8080';
export const startsAt = new Date('2026-11-21T12:00:00Z');

export interface SavedCardsUnderTest {
  /** The port under test. */
  payments: Payments;
  /** The local Stripe behind it: the buyer's steps on its pages, and what it lists. */
  world: LocalPayments;
  /** The types of the events it sent, in order. */
  events: string[];
  advance(ms: number): void;
  cleanup(): Promise<void>;
}

export type MakeSavedCards = (options: { writesPerSecond?: number }) => Promise<SavedCardsUnderTest>;

const setup = (customerId: string, over: Partial<CardSetupRequest> = {}): CardSetupRequest => ({
  idempotencyKey: `setup:${customerId}`,
  customerId,
  currency: 'usd',
  consentText: 'You will be charged $120.00 on 1 March 2027, only if the group buy reaches its minimum.',
  metadata: { kind: 'pledge', pledge_id: 'p1' },
  successUrl: `${baseUrl}/checkout/done?session={CHECKOUT_SESSION_ID}`,
  cancelUrl: `${baseUrl}/checkout/cancelled`,
  expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
  shippingCountries: ['CA', 'US'],
  ...over,
});

const buyerAddress = {
  name: 'Ana Keeb',
  address: { line1: '1 Switch Lane', line2: null, city: 'Toronto', state: 'ON', postal_code: 'M5V 2T6', country: 'CA' },
};

/** A buyer's customer with a card of this kind saved through a setup-mode session. */
async function savedCard(under: SavedCardsUnderTest, buyer: string, card: TestCardKind): Promise<{ customerId: string; paymentMethodId: string }> {
  const { customerId } = await under.payments.createCustomer({ idempotencyKey: `customer:${buyer}`, metadata: { member_id: buyer } });
  const { sessionId } = await under.payments.createCardSetupSession(setup(customerId, { idempotencyKey: `setup:${buyer}` }));
  await under.world.paySession(sessionId, 'card', undefined, card);
  const { paymentMethodId } = await under.payments.readCardSetup(sessionId);
  if (!paymentMethodId) throw new Error('no card saved');
  return { customerId, paymentMethodId };
}

/** Another card of this kind saved on the same customer (a second setup-mode session, as a buyer choosing another card does). */
async function anotherCard(under: SavedCardsUnderTest, customerId: string, card: TestCardKind, n = 2): Promise<string> {
  const { sessionId } = await under.payments.createCardSetupSession(setup(customerId, { idempotencyKey: `setup:${customerId}:${n}` }));
  await under.world.paySession(sessionId, 'card', undefined, card);
  const { paymentMethodId } = await under.payments.readCardSetup(sessionId);
  if (!paymentMethodId) throw new Error('no card saved');
  return paymentMethodId;
}

const charge = (card: { customerId: string; paymentMethodId: string }, over: Partial<OffSessionChargeRequest> = {}): OffSessionChargeRequest => ({
  idempotencyKey: `charge:${card.customerId}`,
  ...card,
  amountCents: 12_000,
  currency: 'usd',
  metadata: { kind: 'pledge', pledge_id: 'p1' },
  ...over,
});

export function describeSavedCardsContract(name: string, make: MakeSavedCards): void {
  describe(name, () => {
    let under: SavedCardsUnderTest;
    beforeEach(async () => {
      under = await make({});
    });
    afterEach(() => under.cleanup());

    it('makes one customer per key, and another for another key', async () => {
      const first = await under.payments.createCustomer({ idempotencyKey: 'customer:u1', metadata: { member_id: 'u1' }, email: 'ana@example.com' });
      expect(first.customerId).toMatch(/^cus_/);
      expect(await under.payments.createCustomer({ idempotencyKey: 'customer:u1', metadata: { member_id: 'u1' }, email: 'ana@example.com' })).toEqual(first);
      expect((await under.payments.createCustomer({ idempotencyKey: 'customer:u2', metadata: { member_id: 'u2' } })).customerId).not.toBe(first.customerId);
    });

    it('opens a setup-mode session for the customer: nothing to pay, the consent beside the button, an address asked for, and nothing saved yet', async () => {
      const { customerId } = await under.payments.createCustomer({ idempotencyKey: 'customer:u1', metadata: { member_id: 'u1' } });
      const opened = await under.payments.createCardSetupSession(setup(customerId));
      expect(opened).toEqual({
        sessionId: expect.stringMatching(/^cs_/),
        url: `${baseUrl}/_local/stripe/checkout/${opened.sessionId}`,
        expiresAt: '2026-11-21T13:00:00.000Z',
      });
      expect((await under.world.session(opened.sessionId))?.session).toMatchObject({
        mode: 'setup',
        status: 'open',
        payment_status: 'no_payment_required',
        amount_total: null,
        customer: customerId,
        custom_text: { submit: { message: setup(customerId).consentText } },
        shipping_address_collection: { allowed_countries: ['CA', 'US'] },
        metadata: { kind: 'pledge', pledge_id: 'p1' },
      });
      expect(await under.payments.readCardSetup(opened.sessionId)).toEqual({
        sessionId: opened.sessionId,
        status: 'open',
        customerId,
        metadata: { kind: 'pledge', pledge_id: 'p1' },
        expiresAt: '2026-11-21T13:00:00.000Z',
      });
      expect(await under.payments.createCardSetupSession(setup(customerId))).toEqual(opened);
      await expect(under.payments.createCardSetupSession(setup(customerId, { consentText: 'Something else.' }))).rejects.toThrow('same parameters');
    });

    it('reads back a completed session: its SetupIntent, the card it saved on the customer and the address given, once the events are sent', async () => {
      const { customerId } = await under.payments.createCustomer({ idempotencyKey: 'customer:u1', metadata: { member_id: 'u1' } });
      const { sessionId } = await under.payments.createCardSetupSession(setup(customerId));
      expect(await under.world.paySession(sessionId, 'card', { details: buyerAddress })).toMatchObject({ result: 'changed', object: { status: 'complete' } });
      expect(await under.payments.readCardSetup(sessionId)).toEqual({
        sessionId,
        status: 'complete',
        customerId,
        metadata: { kind: 'pledge', pledge_id: 'p1' },
        setupIntentId: expect.stringMatching(/^seti_/),
        paymentMethodId: expect.stringMatching(/^pm_/),
        shipping: buyerAddress,
        expiresAt: '2026-11-21T13:00:00.000Z',
        savedAt: startsAt.toISOString(),
      });
      expect(under.events).toEqual(['setup_intent.succeeded', 'checkout.session.completed']);
    });

    it('expires an open setup session so no card can be saved on it, and leaves a completed one complete', async () => {
      const { customerId } = await under.payments.createCustomer({ idempotencyKey: 'customer:u1', metadata: { member_id: 'u1' } });
      const first = await under.payments.createCardSetupSession(setup(customerId, { idempotencyKey: 'setup:first' }));
      await under.payments.expireCheckoutSession(first.sessionId);
      expect((await under.payments.readCardSetup(first.sessionId)).status).toBe('expired');
      expect(await under.world.paySession(first.sessionId, 'card')).toMatchObject({ result: 'unchanged', object: { status: 'expired' } });
      expect((await under.payments.readCardSetup(first.sessionId)).paymentMethodId).toBeUndefined();

      const second = await under.payments.createCardSetupSession(setup(customerId, { idempotencyKey: 'setup:second' }));
      await under.world.paySession(second.sessionId, 'card');
      await under.payments.expireCheckoutSession(second.sessionId);
      expect(await under.payments.readCardSetup(second.sessionId)).toMatchObject({ status: 'complete', paymentMethodId: expect.stringMatching(/^pm_/) });
    });

    it('refuses a setup session for a customer Stripe does not have, keeping nothing under the key', async () => {
      await expect(under.payments.createCardSetupSession(setup('cus_local_nobody'))).rejects.toBeInstanceOf(PaymentRefused);
      expect(await under.world.listSessions()).toEqual([]);
    });

    it('cancels a PaymentIntent a card’s bank refused, and leaves one that succeeded as it is', async () => {
      const refused = await under.payments.chargeOffSession(charge(await savedCard(under, 'u1', 'declined')));
      const paid = await under.payments.chargeOffSession(charge(await savedCard(under, 'u2', 'works')));
      if (refused.outcome === 'rate_limited' || paid.outcome === 'rate_limited') throw new Error('rate limited');
      await under.payments.cancelPaymentIntent(refused.paymentIntentId);
      await under.payments.cancelPaymentIntent(refused.paymentIntentId);
      await under.payments.cancelPaymentIntent(paid.paymentIntentId);
      const statuses = Object.fromEntries((await under.world.listPaymentIntents()).map((p) => [p.id, p.status]));
      expect(statuses).toEqual({ [refused.paymentIntentId]: 'canceled', [paid.paymentIntentId]: 'succeeded' });
      expect(under.events.filter((e) => e === 'payment_intent.canceled')).toHaveLength(1);
    });

    it('confirms a PaymentIntent the bank refused off session again on session: the same intent, charged after the bank’s step', async () => {
      const refused = await under.payments.chargeOffSession(charge(await savedCard(under, 'u1', 'authentication_required')));
      if (refused.outcome !== 'authentication_required') throw new Error(`not refused: ${refused.outcome}`);
      const asked = await under.payments.confirmOnSession({ paymentIntentId: refused.paymentIntentId, returnUrl: `${baseUrl}/back` });
      expect(asked).toEqual({ outcome: 'requires_action', paymentIntentId: refused.paymentIntentId, redirectUrl: expect.stringContaining('/authenticate') });
      await under.world.authenticate(refused.paymentIntentId, 'complete');
      expect(await under.payments.confirmOnSession({ paymentIntentId: refused.paymentIntentId, returnUrl: `${baseUrl}/back` })).toEqual({
        outcome: 'ended',
        paymentIntentId: refused.paymentIntentId,
        status: 'succeeded',
      });
      expect((await under.world.listPaymentIntents()).map((p) => p.status)).toEqual(['succeeded']);
    });

    it('answers a card declined again on session as a decline, the intent still waiting for its buyer', async () => {
      const refused = await under.payments.chargeOffSession(charge(await savedCard(under, 'u1', 'declined')));
      if (refused.outcome !== 'declined') throw new Error(`not declined: ${refused.outcome}`);
      expect(await under.payments.confirmOnSession({ paymentIntentId: refused.paymentIntentId, returnUrl: `${baseUrl}/back` })).toMatchObject({
        outcome: 'declined',
        paymentIntentId: refused.paymentIntentId,
        code: 'card_declined',
      });
      expect((await under.world.listPaymentIntents()).map((p) => p.status)).toEqual(['requires_payment_method']);
    });

    it('confirms the refused PaymentIntent with another card saved on its customer: the same intent succeeds, and no second is made', async () => {
      const declined = await savedCard(under, 'u1', 'declined');
      const refused = await under.payments.chargeOffSession(charge(declined));
      if (refused.outcome !== 'declined') throw new Error(`not declined: ${refused.outcome}`);
      const another = await anotherCard(under, declined.customerId, 'works');
      const confirm = { paymentIntentId: refused.paymentIntentId, returnUrl: `${baseUrl}/back`, paymentMethodId: another, idempotencyKey: 'repay:cs_1' };
      expect(await under.payments.confirmOnSession(confirm)).toEqual({
        outcome: 'succeeded',
        paymentIntentId: refused.paymentIntentId,
        chargeId: expect.stringMatching(/^ch_/),
      });
      expect((await under.world.listPaymentIntents()).map((p) => [p.id, p.status])).toEqual([[refused.paymentIntentId, 'succeeded']]);
      expect((await under.world.paymentIntent(refused.paymentIntentId))?.payment_method).toBe(another);
    });

    it('sends the buyer to the bank when the other card asks to authenticate, and declines one the bank declines, the intent waiting on', async () => {
      const declined = await savedCard(under, 'u1', 'declined');
      const refused = await under.payments.chargeOffSession(charge(declined));
      if (refused.outcome !== 'declined') throw new Error(`not declined: ${refused.outcome}`);
      const [asks, refuses] = [
        await anotherCard(under, declined.customerId, 'authentication_required', 2),
        await anotherCard(under, declined.customerId, 'declined', 3),
      ];
      const confirm = (paymentMethodId: string) => ({ paymentIntentId: refused.paymentIntentId, returnUrl: `${baseUrl}/back`, paymentMethodId });
      expect(await under.payments.confirmOnSession(confirm(refuses))).toMatchObject({ outcome: 'declined', code: 'card_declined' });
      expect(await under.payments.confirmOnSession(confirm(asks))).toEqual({
        outcome: 'requires_action',
        paymentIntentId: refused.paymentIntentId,
        redirectUrl: expect.stringContaining('/authenticate'),
      });
      expect((await under.world.listPaymentIntents()).map((p) => p.status)).toEqual(['requires_action']);
    });

    it('refuses, as Stripe does, another customer’s card, a detached card, and an intent that succeeded or was cancelled, moving nothing', async () => {
      const declined = await savedCard(under, 'u1', 'declined');
      const refused = await under.payments.chargeOffSession(charge(declined));
      if (refused.outcome !== 'declined') throw new Error(`not declined: ${refused.outcome}`);
      const stranger = await savedCard(under, 'u2', 'works');
      const confirm = (paymentIntentId: string, paymentMethodId: string) =>
        under.payments.confirmOnSession({ paymentIntentId, returnUrl: `${baseUrl}/back`, paymentMethodId });
      await expect(confirm(refused.paymentIntentId, stranger.paymentMethodId)).rejects.toThrow(PaymentRefused);
      const detached = await anotherCard(under, declined.customerId, 'works', 2);
      await under.payments.detachPaymentMethod(detached);
      await expect(confirm(refused.paymentIntentId, detached)).rejects.toThrow(/detached/);
      expect((await under.world.listPaymentIntents()).map((p) => p.status)).toEqual(['requires_payment_method']);
      const paid = await under.payments.chargeOffSession(charge(stranger, { idempotencyKey: 'charge:paid' }));
      if (paid.outcome !== 'succeeded') throw new Error(`not paid: ${paid.outcome}`);
      const spare = await anotherCard(under, stranger.customerId, 'works', 4);
      expect(await confirm(paid.paymentIntentId, spare)).toEqual({ outcome: 'ended', paymentIntentId: paid.paymentIntentId, status: 'succeeded' });
      await under.payments.cancelPaymentIntent(refused.paymentIntentId);
      expect(await confirm(refused.paymentIntentId, await anotherCard(under, declined.customerId, 'works', 5))).toEqual({
        outcome: 'ended',
        paymentIntentId: refused.paymentIntentId,
        status: 'canceled',
      });
    });

    it('finds a pledge’s off-session charge by its pledge_id: the one that succeeded, else the refused one, else none', async () => {
      const paid = await under.payments.chargeOffSession(charge(await savedCard(under, 'u1', 'works'), { metadata: { kind: 'pledge', pledge_id: 'o1' } }));
      const refused = await under.payments.chargeOffSession(
        charge(await savedCard(under, 'u2', 'declined'), { metadata: { kind: 'pledge', pledge_id: 'o2' } }),
      );
      expect(await under.payments.findPledgeCharge('o1')).toEqual(paid);
      expect(await under.payments.findPledgeCharge('o2')).toMatchObject({
        outcome: 'declined',
        paymentIntentId: (refused as { paymentIntentId: string }).paymentIntentId,
      });
      expect(await under.payments.findPledgeCharge('o3')).toBeUndefined();
    });

    it('charges a saved card off session once per key: a replay answers the same PaymentIntent and charges nothing more', async () => {
      const card = await savedCard(under, 'u1', 'works');
      const first = await under.payments.chargeOffSession(charge(card));
      expect(first).toEqual({ outcome: 'succeeded', paymentIntentId: expect.stringMatching(/^pi_/), chargeId: expect.stringMatching(/^ch_/) });
      expect(await under.payments.chargeOffSession(charge(card))).toEqual(first);
      expect(await under.world.listPaymentIntents()).toEqual([
        expect.objectContaining({
          id: (first as { paymentIntentId: string }).paymentIntentId,
          status: 'succeeded',
          amount: 12_000,
          off_session: true,
          metadata: { kind: 'pledge', pledge_id: 'p1' },
        }),
      ]);
      expect(under.events.filter((e) => e.startsWith('payment_intent.'))).toEqual(['payment_intent.succeeded']);
      await expect(under.payments.chargeOffSession(charge(card, { amountCents: 9_000 }))).rejects.toThrow('same parameters');
    });

    it('answers authentication_required for a card that demands it, the PaymentIntent left requires_payment_method, the same under a replayed key', async () => {
      const card = await savedCard(under, 'u1', 'authentication_required');
      const refused = await under.payments.chargeOffSession(charge(card));
      expect(refused).toEqual({
        outcome: 'authentication_required',
        paymentIntentId: expect.stringMatching(/^pi_/),
        message: expect.stringContaining('requires authentication'),
      });
      expect(await under.payments.chargeOffSession(charge(card))).toEqual(refused);
      expect(await under.world.listPaymentIntents()).toEqual([
        expect.objectContaining({ status: 'requires_payment_method', latest_charge: null, off_session: true }),
      ]);
      expect(under.events.filter((e) => e.startsWith('payment_intent.'))).toEqual(['payment_intent.payment_failed']);
    });

    it('answers declined, with Stripe’s card_declined and the bank’s generic_decline, for a card the bank declines', async () => {
      const card = await savedCard(under, 'u1', 'declined');
      expect(await under.payments.chargeOffSession(charge(card))).toEqual({
        outcome: 'declined',
        paymentIntentId: expect.stringMatching(/^pi_/),
        code: 'card_declined',
        declineCode: 'generic_decline',
        message: 'Your card was declined.',
      });
    });

    it('lets the buyer whose card needs authentication pay on session, in a payment-mode Checkout for their customer', async () => {
      const card = await savedCard(under, 'u1', 'authentication_required');
      await under.payments.chargeOffSession(charge(card));
      const checkout: CheckoutRequest = {
        idempotencyKey: 'pay-on-session:p1',
        orderId: 'p1',
        itemName: 'GMK Olivia pledge',
        amountCents: 12_000,
        currency: 'usd',
        expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
        metadata: { kind: 'pledge', pledge_id: 'p1' },
        successUrl: `${baseUrl}/checkout/done`,
        cancelUrl: `${baseUrl}/checkout/cancelled`,
        customerId: card.customerId,
      };
      const { sessionId } = await under.payments.createCheckoutSession(checkout);
      expect(await under.world.paySession(sessionId, 'card', undefined, 'authentication_required')).toMatchObject({
        result: 'changed',
        object: { mode: 'payment', payment_status: 'paid', customer: card.customerId },
      });
    });

    it('detaches a saved card so it can be charged no more, and takes a second detach as done', async () => {
      const card = await savedCard(under, 'u1', 'works');
      await under.payments.detachPaymentMethod(card.paymentMethodId);
      await under.payments.detachPaymentMethod(card.paymentMethodId);
      expect((await under.world.listCustomers()).find((c) => c.id === card.customerId)?.payment_methods).toEqual([]);
      await expect(under.payments.chargeOffSession(charge(card))).rejects.toBeInstanceOf(PaymentRefused);
    });

    it('deletes a customer with its saved cards, takes a second delete as done, and refuses a setup session for it after', async () => {
      const card = await savedCard(under, 'u1', 'works');
      await under.payments.deleteCustomer(card.customerId);
      await under.payments.deleteCustomer(card.customerId);
      const customers = await under.world.listCustomers();
      expect(customers.find((c) => c.id === card.customerId)).toEqual({ id: card.customerId, object: 'customer', deleted: true, payment_methods: [] });
      await expect(under.payments.createCardSetupSession(setup(card.customerId, { idempotencyKey: 'setup:after' }))).rejects.toThrow('No such customer');
      await expect(under.payments.chargeOffSession(charge(card))).rejects.toBeInstanceOf(PaymentRefused);
    });

    it('refuses to charge a card saved on another customer', async () => {
      const [ana, ben] = [await savedCard(under, 'u1', 'works'), await savedCard(under, 'u2', 'works')];
      await expect(under.payments.chargeOffSession(charge({ customerId: ana.customerId, paymentMethodId: ben.paymentMethodId }))).rejects.toBeInstanceOf(
        PaymentRefused,
      );
      expect(await under.world.listPaymentIntents()).toEqual([]);
    });

    it('answers rate_limited past Stripe’s limit in a second, making nothing, and takes the same key in the next second', async () => {
      await under.cleanup();
      under = await make({ writesPerSecond: 2 });
      const cards = [];
      // Every write counts against the limit: each card saved (its customer and its setup session) in a second of its own.
      for (const buyer of ['u1', 'u2', 'u3']) {
        cards.push(await savedCard(under, buyer, 'works'));
        under.advance(1_000);
      }
      const outcomes = [];
      for (const card of cards) outcomes.push((await under.payments.chargeOffSession(charge(card))).outcome);
      expect(outcomes).toEqual(['succeeded', 'succeeded', 'rate_limited']);
      expect(await under.world.listPaymentIntents()).toHaveLength(2);
      under.advance(1_000);
      expect(await under.payments.chargeOffSession(charge(cards[2] as (typeof cards)[number]))).toMatchObject({ outcome: 'succeeded' });
    });
  });
}
