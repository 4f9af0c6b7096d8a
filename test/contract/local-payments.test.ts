import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { EventNotDelivered } from '../../shared/local/stripe/world';
import { PaymentRefused } from '../../shared/errors';
import type { CheckoutRequest } from '../../shared/ports';
import { personPseudonym } from '../../shared/log';

const baseUrl = 'http://127.0.0.1:8080';

function setup(options: { failDelivery?: boolean } = {}) {
  const store = new LocalDocumentStore();
  let now = new Date('2026-11-21T12:00:00Z');
  const clock = { now: () => now };
  const events: Array<{ type: string; object: Record<string, unknown> }> = [];
  const payments = new LocalPayments({
    store,
    baseUrl,
    clock,
    sendEvent: async (type, object) => {
      if (options.failDelivery) throw new Error('webhook answered 500');
      events.push({ type, object });
    },
  });
  return { store, payments, events, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const checkout = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  idempotencyKey: 'checkout:o1',
  orderId: 'o1',
  itemName: 'Tofu65 build',
  amountCents: 24_999,
  currency: 'usd',
  expiresAt: new Date('2026-11-21T12:30:00Z'),
  metadata: { order_id: 'o1', guild_id: 'g1' },
  successUrl: `${baseUrl}/checkout/done?session={CHECKOUT_SESSION_ID}`,
  cancelUrl: `${baseUrl}/checkout/cancelled`,
  ...overrides,
});

async function onboardedAccount(payments: LocalPayments, builderId = 'u1'): Promise<string> {
  const { accountId } = await payments.createConnectedAccount({
    builderId,
    country: 'US',
    serviceAgreement: 'full',
    idempotencyKey: `connect-account:${builderId}`,
  });
  await payments.completeOnboarding(accountId);
  return accountId;
}

async function paidCharge(payments: LocalPayments, orderId = 'o1'): Promise<{ sessionId: string; chargeId: string }> {
  const { sessionId } = await payments.createCheckoutSession(checkout({ idempotencyKey: `checkout:${orderId}`, orderId }));
  const paid = await payments.paySession(sessionId);
  if (paid.result !== 'changed' || !paid.object.payment_intent) throw new Error('not paid');
  return { sessionId, ...(await payments.chargeOfPayment(paid.object.payment_intent)) };
}

describe('the local checkout simulator behind the payments port', () => {
  describe('idempotency keys, as Stripe honours them', () => {
    it('answers the same session for the same key', async () => {
      const { payments } = setup();
      const first = await payments.createCheckoutSession(checkout());
      expect(await payments.createCheckoutSession(checkout())).toEqual(first);
      expect(await payments.listSessions()).toHaveLength(1);
    });

    it('makes one object when two calls with one key race', async () => {
      const { payments } = setup();
      const sessions = await Promise.all([1, 2, 3, 4, 5].map(() => payments.createCheckoutSession(checkout())));
      expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(1);
      expect(await payments.listSessions()).toHaveLength(1);
      const accounts = await Promise.all(
        [1, 2, 3].map(() =>
          payments.createConnectedAccount({ builderId: 'u1', country: 'US', serviceAgreement: 'full', idempotencyKey: 'connect-account:u1' }),
        ),
      );
      expect(new Set(accounts.map((a) => a.accountId)).size).toBe(1);
    });

    it('refuses a key reused for a different request', async () => {
      const { payments } = setup();
      await payments.createCheckoutSession(checkout());
      await expect(payments.createCheckoutSession(checkout({ amountCents: 100 }))).rejects.toThrow('same parameters');
    });

    it('makes a new object for a new key', async () => {
      const { payments } = setup();
      const a = await payments.createConnectedAccount({ builderId: 'u1', country: 'US', serviceAgreement: 'full', idempotencyKey: 'connect-account:u1' });
      const b = await payments.createConnectedAccount({ builderId: 'u2', country: 'US', serviceAgreement: 'full', idempotencyKey: 'connect-account:u2' });
      expect(a.accountId).not.toBe(b.accountId);
      expect(a.accountId).toMatch(/^acct_local_/);
    });

    it('keeps one transfer per key even when the call is retried', async () => {
      const { payments } = setup();
      const destination = await onboardedAccount(payments);
      const { chargeId } = await paidCharge(payments);
      const request = {
        idempotencyKey: 'payout:o1',
        amountCents: 22_499,
        currency: 'usd',
        destination,
        sourceTransaction: chargeId,
        transferGroup: 'o1',
        metadata: { order_id: 'o1' },
      };
      const [a, b] = await Promise.all([payments.createTransfer(request), payments.createTransfer(request)]);
      expect(a).toEqual(b);
      expect(a.transferId).toMatch(/^tr_local_/);
      expect(await payments.listTransfers()).toEqual([
        expect.objectContaining({ id: a.transferId, amount: 22_499, destination, source_transaction: chargeId, transfer_group: 'o1' }),
      ]);
    });
  });

  describe('a Checkout Session’s life', () => {
    it('starts open and unpaid, with a local checkout url and Stripe’s fields', async () => {
      const { payments } = setup();
      const created = await payments.createCheckoutSession(checkout());
      expect(created).toEqual({
        sessionId: expect.stringMatching(/^cs_local_/),
        url: `${baseUrl}/_local/stripe/checkout/${created.sessionId}`,
        expiresAt: '2026-11-21T12:30:00.000Z',
      });
      expect((await payments.session(created.sessionId))?.session).toMatchObject({
        id: created.sessionId,
        object: 'checkout.session',
        status: 'open',
        payment_status: 'unpaid',
        payment_intent: null,
        amount_total: 24_999,
        currency: 'usd',
        client_reference_id: 'o1',
        metadata: { order_id: 'o1', guild_id: 'g1' },
        expires_at: Date.parse('2026-11-21T12:30:00Z') / 1000,
        url: created.url,
        line_items: { data: [expect.objectContaining({ description: 'Tofu65 build', quantity: 1 })] },
      });
    });

    it('charges the total of several line items, one line each, and refuses lines that do not add up to the amount', async () => {
      const { payments } = setup();
      const lineItems = [
        { name: 'Tofu65 (auction a1)', amountCents: 25_000 },
        { name: 'Mode Sonnet (auction a2)', amountCents: 12_345 },
      ];
      const { sessionId } = await payments.createCheckoutSession(checkout({ amountCents: 37_345, lineItems }));
      const { session } = (await payments.session(sessionId)) ?? {};
      expect(session).toMatchObject({ amount_subtotal: 37_345, amount_total: 37_345 });
      expect(session?.line_items.data.map((l) => [l.description, l.quantity, l.amount_total])).toEqual([
        ['Tofu65 (auction a1)', 1, 25_000],
        ['Mode Sonnet (auction a2)', 1, 12_345],
      ]);
      await expect(payments.createCheckoutSession(checkout({ idempotencyKey: 'checkout:o2', amountCents: 37_000, lineItems }))).rejects.toThrow(RangeError);
      const paid = await payments.paySession(sessionId);
      if (paid.result !== 'changed' || !paid.object.payment_intent) throw new Error('not paid');
      const { chargeId } = await payments.chargeOfPayment(paid.object.payment_intent);
      expect(await payments.refundCharge(chargeId)).toMatchObject({ object: { amount: 37_345, amount_refunded: 37_345 } });
    });

    it('completes when paid, with a payment intent and its charge, and sends checkout.session.completed once', async () => {
      const { payments, events } = setup();
      const { sessionId } = await payments.createCheckoutSession(checkout());
      const paid = await payments.paySession(sessionId);
      expect(paid).toMatchObject({
        result: 'changed',
        object: { status: 'complete', payment_status: 'paid', payment_intent: expect.stringMatching(/^pi_local_/), url: null },
      });
      expect(events).toEqual([{ type: 'checkout.session.completed', object: paid.result === 'changed' ? paid.object : {} }]);
      const { chargeId } = await payments.chargeOfPayment(String(paid.result === 'changed' && paid.object.payment_intent));
      expect(chargeId).toMatch(/^ch_local_/);
      expect(await payments.paySession(sessionId)).toMatchObject({ result: 'unchanged', object: { status: 'complete' } });
      expect(events).toHaveLength(1);
    });

    it('completes a bank debit unpaid, with no charge until the bank answers, and sends async_payment_succeeded once it succeeds', async () => {
      const { payments, events } = setup();
      const { sessionId } = await payments.createCheckoutSession(checkout());
      const completed = await payments.paySession(sessionId, 'bank-debit');
      expect(completed).toMatchObject({
        result: 'changed',
        object: { status: 'complete', payment_status: 'unpaid', payment_intent: expect.stringMatching(/^pi_local_/) },
      });
      const intent = String(completed.result === 'changed' && completed.object.payment_intent);
      await expect(payments.chargeOfPayment(intent)).rejects.toThrow('has no charge yet (status processing)');
      expect(await payments.chargeOfSession(sessionId)).toBeUndefined();
      // A completed session is not expired: Stripe only expires open ones.
      await payments.expireCheckoutSession(sessionId);

      const settled = await payments.settleDelayedPayment(sessionId, 'succeeded');
      expect(settled).toMatchObject({ result: 'changed', object: { status: 'complete', payment_status: 'paid', payment_intent: intent } });
      expect((await payments.chargeOfPayment(intent)).chargeId).toMatch(/^ch_local_/);
      expect(await payments.settleDelayedPayment(sessionId, 'failed')).toMatchObject({ result: 'unchanged' });
      expect(events.map((e) => [e.type, e.object.payment_status])).toEqual([
        ['checkout.session.completed', 'unpaid'],
        ['checkout.session.async_payment_succeeded', 'paid'],
      ]);
    });

    it('sends async_payment_failed once for a bank debit that fails, leaving the session complete, unpaid and without a charge', async () => {
      const { payments, events } = setup();
      const { sessionId } = await payments.createCheckoutSession(checkout());
      expect(await payments.settleDelayedPayment(sessionId, 'failed')).toMatchObject({ result: 'unchanged', object: { status: 'open' } });
      await payments.paySession(sessionId, 'bank-debit');
      expect(await payments.settleDelayedPayment(sessionId, 'failed')).toMatchObject({
        result: 'changed',
        object: { status: 'complete', payment_status: 'unpaid' },
      });
      expect(await payments.settleDelayedPayment(sessionId, 'failed')).toMatchObject({ result: 'unchanged' });
      expect(await payments.settleDelayedPayment(sessionId, 'succeeded')).toMatchObject({ result: 'unchanged' });
      expect(await payments.chargeOfSession(sessionId)).toBeUndefined();
      expect(events.map((e) => e.type)).toEqual(['checkout.session.completed', 'checkout.session.async_payment_failed']);
      // A card payment settles at once: there is nothing left for the bank to answer.
      const card = await payments.createCheckoutSession(checkout({ idempotencyKey: 'checkout:o2', orderId: 'o2' }));
      await payments.paySession(card.sessionId);
      expect(await payments.settleDelayedPayment(card.sessionId, 'failed')).toMatchObject({ result: 'unchanged', object: { payment_status: 'paid' } });
    });

    it('expires an open session once, sending checkout.session.expired once, and leaves a closed one alone', async () => {
      const { payments, events } = setup();
      const { sessionId } = await payments.createCheckoutSession(checkout());
      await payments.expireCheckoutSession(sessionId);
      await payments.expireCheckoutSession(sessionId);
      expect(events).toEqual([
        { type: 'checkout.session.expired', object: expect.objectContaining({ id: sessionId, status: 'expired', client_reference_id: 'o1' }) },
      ]);
      expect(await payments.paySession(sessionId)).toMatchObject({ result: 'unchanged', object: { status: 'expired' } });

      const other = await payments.createCheckoutSession(checkout({ idempotencyKey: 'checkout:o2', orderId: 'o2' }));
      await payments.paySession(other.sessionId);
      await payments.expireCheckoutSession(other.sessionId);
      expect(events.map((e) => e.type)).toEqual(['checkout.session.expired', 'checkout.session.completed']);
    });

    it('refuses an expires_at under 30 minutes or over 24 hours after creation, as Stripe does, and keeps nothing', async () => {
      const { payments } = setup();
      await expect(payments.createCheckoutSession(checkout({ expiresAt: new Date('2026-11-21T12:29:59Z') }))).rejects.toThrow(
        'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      );
      await expect(payments.createCheckoutSession(checkout({ idempotencyKey: 'k2', expiresAt: new Date('2026-11-22T12:00:01Z') }))).rejects.toThrow(
        'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      );
      expect(await payments.listSessions()).toHaveLength(0);
      // A refused request was never executed: the key is free for a corrected one.
      await expect(payments.createCheckoutSession(checkout({ expiresAt: new Date('2026-11-22T12:00:00Z') }))).resolves.toMatchObject({
        expiresAt: '2026-11-22T12:00:00.000Z',
      });
    });

    it('refuses to expire a session it never made', async () => {
      const { payments } = setup();
      await expect(payments.expireCheckoutSession('cs_local_nope')).rejects.toThrow('No such checkout.session');
    });

    it('will not take a payment after expires_at: the session expires instead, as Stripe’s would have', async () => {
      const { payments, events, advance } = setup();
      const { sessionId } = await payments.createCheckoutSession(checkout());
      advance(31 * 60_000);
      expect(await payments.paySession(sessionId)).toMatchObject({ result: 'unchanged', object: { status: 'expired' } });
      expect(events.map((e) => e.type)).toEqual(['checkout.session.expired']);
    });

    it('lists sessions newest first', async () => {
      const { payments } = setup();
      const ids = [];
      for (const order of ['o1', 'o2', 'o3'])
        ids.push((await payments.createCheckoutSession(checkout({ idempotencyKey: `checkout:${order}`, orderId: order }))).sessionId);
      expect((await payments.listSessions()).map((s) => s.id)).toEqual(ids.reverse());
    });

    it('reports an event the webhook refused, after the state changed as Stripe’s would', async () => {
      const { payments } = setup({ failDelivery: true });
      const { sessionId } = await payments.createCheckoutSession(checkout());
      await expect(payments.paySession(sessionId)).rejects.toBeInstanceOf(EventNotDelivered);
      expect((await payments.session(sessionId))?.session.status).toBe('complete');
    });
  });

  describe('charges, refunds and transfers', () => {
    it('refunds a charge in full once, sending charge.refunded with the charge', async () => {
      const { payments, events } = setup();
      const { chargeId } = await paidCharge(payments);
      expect(chargeId).toMatch(/^ch_local_/);
      expect(await payments.refundCharge(chargeId)).toMatchObject({ result: 'changed' });
      expect(await payments.refundCharge(chargeId)).toMatchObject({ result: 'unchanged' });
      expect(await payments.refundCharge('ch_local_nope')).toEqual({ result: 'unknown' });
      expect(events.filter((e) => e.type === 'charge.refunded')).toEqual([
        {
          type: 'charge.refunded',
          object: expect.objectContaining({
            id: chargeId,
            object: 'charge',
            amount: 24_999,
            amount_refunded: 24_999,
            refunded: true,
            currency: 'usd',
            payment_intent: expect.stringMatching(/^pi_local_/),
            metadata: { order_id: 'o1', guild_id: 'g1' },
          }),
        },
      ]);
    });

    it('refuses transfers Stripe would refuse: to an account not onboarded, from an unknown charge, or beyond the charge', async () => {
      const { payments } = setup();
      const { chargeId } = await paidCharge(payments);
      const { accountId: fresh } = await payments.createConnectedAccount({
        builderId: 'u9',
        country: 'US',
        serviceAgreement: 'full',
        idempotencyKey: 'connect-account:u9',
      });
      const destination = await onboardedAccount(payments);
      const transfer = { amountCents: 20_000, currency: 'usd', destination, sourceTransaction: chargeId, transferGroup: 'o1', metadata: {} };
      await expect(payments.createTransfer({ ...transfer, idempotencyKey: 't1', destination: fresh })).rejects.toThrow('capabilities enabled: transfers');
      await expect(payments.createTransfer({ ...transfer, idempotencyKey: 't2', sourceTransaction: 'ch_local_nope' })).rejects.toThrow('No such charge');
      await payments.createTransfer({ ...transfer, idempotencyKey: 't3' });
      await expect(payments.createTransfer({ ...transfer, idempotencyKey: 't4', amountCents: 5000 })).rejects.toThrow('more than the 24999 left');
      await expect(payments.createTransfer({ ...transfer, idempotencyKey: 't5', amountCents: 49.5 })).rejects.toThrow(RangeError);
    });
  });

  describe('refusals kept under their key, and reversals', () => {
    it('replays a refused transfer under the same key even once the account can take transfers, as Stripe does for a day; a new key goes through', async () => {
      const { payments } = setup();
      const { chargeId } = await paidCharge(payments);
      const { accountId } = await payments.createConnectedAccount({
        builderId: 'u1',
        country: 'US',
        serviceAgreement: 'full',
        idempotencyKey: 'connect-account:u1',
      });
      const transfer = {
        idempotencyKey: 'release:o1',
        amountCents: 22_499,
        currency: 'usd',
        destination: accountId,
        sourceTransaction: chargeId,
        transferGroup: 'o1',
        metadata: {},
      };
      await expect(payments.createTransfer(transfer)).rejects.toThrow(PaymentRefused);
      await payments.completeOnboarding(accountId);
      await expect(payments.createTransfer(transfer)).rejects.toThrow('capabilities enabled: transfers');
      expect(await payments.createTransfer({ ...transfer, idempotencyKey: 'release:o1:1' })).toEqual({ transferId: expect.stringMatching(/^tr_local_/) });
    });

    it('refuses a transfer above what a partial refund left of the charge', async () => {
      const { payments } = setup();
      const { chargeId } = await paidCharge(payments);
      const destination = await onboardedAccount(payments);
      await payments.refundCharge(chargeId, 10_000);
      const transfer = { amountCents: 22_499, currency: 'usd', destination, sourceTransaction: chargeId, transferGroup: 'o1', metadata: {} };
      await expect(payments.createTransfer({ ...transfer, idempotencyKey: 't1' })).rejects.toThrow('Insufficient funds');
      await expect(payments.createTransfer({ ...transfer, idempotencyKey: 't2', amountCents: 14_999 })).resolves.toBeDefined();
    });

    it('reverses part of a transfer once per key from what the account holds, and refuses once its balance is paid out', async () => {
      const { payments } = setup();
      const { chargeId } = await paidCharge(payments);
      const destination = await onboardedAccount(payments);
      const { transferId } = await payments.createTransfer({
        idempotencyKey: 't',
        amountCents: 20_000,
        currency: 'usd',
        destination,
        sourceTransaction: chargeId,
        transferGroup: 'o1',
        metadata: {},
      });
      const reversal = { transferId, amountCents: 5_000, idempotencyKey: 'reverse:o1:5555', metadata: {} };
      const [a, b] = [await payments.reverseTransfer(reversal), await payments.reverseTransfer(reversal)];
      expect(a).toEqual(b);
      expect(await payments.listReversals()).toEqual([expect.objectContaining({ amount: 5_000, transfer: transferId })]);
      expect((await payments.listTransfers())[0]).toMatchObject({ amount_reversed: 5_000, reversed: false });
      await payments.payOutBalance(destination);
      await expect(payments.reverseTransfer({ ...reversal, idempotencyKey: 'reverse:o1:9999' })).rejects.toThrow(
        'Insufficient funds in the destination account',
      );
    });
  });

  describe('connected accounts', () => {
    it('start unable to take transfers; onboarding activates transfers and payouts, never charges, and sends account.updated', async () => {
      const { payments, events } = setup();
      const { accountId } = await payments.createConnectedAccount({
        builderId: 'u1',
        country: 'US',
        serviceAgreement: 'full',
        email: 'maker@example.com',
        idempotencyKey: 'connect-account:u1',
      });
      expect(await payments.accountStatus(accountId)).toEqual({
        accountId,
        chargesEnabled: false,
        payoutsEnabled: false,
        detailsSubmitted: false,
        transfersActive: false,
      });
      expect(await payments.createOnboardingLink({ idempotencyKey: 'onboarding-link:i1', accountId, refreshUrl: 'r', returnUrl: 'd' })).toEqual({
        url: `${baseUrl}/_local/stripe/onboarding/${accountId}`,
      });
      await payments.completeOnboarding(accountId);
      expect(await payments.accountStatus(accountId)).toEqual({
        accountId,
        chargesEnabled: false,
        payoutsEnabled: true,
        detailsSubmitted: true,
        transfersActive: true,
      });
      expect(events).toEqual([
        {
          type: 'account.updated',
          object: expect.objectContaining({
            id: accountId,
            object: 'account',
            charges_enabled: false,
            payouts_enabled: true,
            details_submitted: true,
            capabilities: { transfers: 'active' },
            metadata: { builder_pseudonym: personPseudonym('u1') },
          }),
        },
      ]);
      expect(await payments.completeOnboarding('acct_local_nope')).toEqual({ result: 'unknown' });
      await expect(payments.accountStatus('acct_local_nope')).rejects.toThrow('No such account');
    });

    it('keeps the country and service agreement, and refuses what Stripe refuses: a country that is no code, or one abroad under the full agreement', async () => {
      const { payments } = setup();
      const account = { builderId: 'u1', idempotencyKey: 'connect-account:u1' };
      await expect(payments.createConnectedAccount({ ...account, country: 'Germany', serviceAgreement: 'recipient' })).rejects.toThrow(PaymentRefused);
      await expect(payments.createConnectedAccount({ ...account, country: 'DE', serviceAgreement: 'full' })).rejects.toThrow('recipient service agreement');
      const { accountId } = await payments.createConnectedAccount({ ...account, country: 'DE', serviceAgreement: 'recipient' });
      expect(await payments.listAccounts()).toEqual([
        expect.objectContaining({ id: accountId, country: 'DE', tos_acceptance: { service_agreement: 'recipient' }, capabilities: { transfers: 'inactive' } }),
      ]);
    });
  });
});
