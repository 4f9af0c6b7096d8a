/**
 * The production payments adapter (stripe-node) against the local Stripe served over HTTP:
 * what the use cases rely on, end to end through stripe-node's own requests, retries,
 * idempotency keys and error classes.
 */
import Stripe from 'stripe';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import { stripeApiVersion } from '../../shared/adapters/stripe/api-version';
import { PaymentRefused } from '../../shared/errors';
import type { CheckoutRequest, Payments } from '../../shared/ports';
import { serveStripeApi, type ServedStripeApi } from '../../shared/local/stripe/api-server';
import type { FaultKind } from '../../shared/local/faults/fault-plan';
import { usAndCanadaShipping } from '../support/shipping';
import { stripeOverHttp } from '../../shared/local/stripe/production-adapter';
import type { LatencyEdge } from '../../shared/local/latency/latency-profile';
import { personPseudonym } from '../../shared/log';

const secretKey = 'sk_test_local_served';
const baseUrl = 'http://127.0.0.1:8080';
const now = new Date('2026-11-21T12:00:00Z');

/** Faults the test injects one at a time: each named kind fails the next call that rolls it. */
const planned: FaultKind[] = [];
const faults = {
  roll: (kind: FaultKind) => {
    const at = planned.indexOf(kind);
    if (at < 0) return false;
    planned.splice(at, 1);
    return true;
  },
  // One request's fault: stripe-node's retry gets through (a spell is tested with api-faults on its own).
  between: () => 0,
};

const store = new LocalDocumentStore();
const events: string[] = [];
const world = new LocalPayments({ store, baseUrl, clock: { now: () => now }, sendEvent: async (type) => void events.push(type) });
let api: ServedStripeApi;
let payments: Payments;

beforeAll(async () => {
  api = await serveStripeApi({ payments: world, store, clock: { now: () => now }, secretKey, faults });
  payments = createStripePayments(secretKey, api.endpoint);
});
afterAll(() => api.close());
beforeEach(() => planned.splice(0));

let orders = 0;
const checkout = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => {
  const orderId = `o${++orders}`;
  return {
    idempotencyKey: `checkout:${orderId}`,
    orderId,
    itemName: 'Tofu65 build',
    imageUrl: 'https://cdn.example/tofu.png',
    amountCents: 24_999,
    currency: 'usd',
    expiresAt: new Date(now.getTime() + 30 * 60_000),
    metadata: { order_id: orderId, guild_id: 'g1' },
    successUrl: `${baseUrl}/checkout/done?session={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${baseUrl}/checkout/cancelled`,
    ...over,
  };
};

async function paidCharge(request = checkout()): Promise<{ sessionId: string; chargeId: string }> {
  const { sessionId } = await payments.createCheckoutSession(request);
  const paid = await world.paySession(sessionId);
  if (paid.result !== 'changed' || !paid.object.payment_intent) throw new Error('not paid');
  return { sessionId, ...(await payments.chargeOfPayment(paid.object.payment_intent)) };
}

async function onboardedAccount(builderId: string): Promise<string> {
  const { accountId } = await payments.createConnectedAccount({ builderId, country: 'US', serviceAgreement: 'full', idempotencyKey: `connect:${builderId}` });
  await world.completeOnboarding(accountId);
  return accountId;
}

describe('the production payments adapter against the local Stripe served over HTTP', () => {
  it('opens a Checkout Session the buyer then pays, and finds the charge behind its payment', async () => {
    const request = checkout();
    const session = await payments.createCheckoutSession(request);
    expect(session.url).toBe(`${baseUrl}/_local/stripe/checkout/${session.sessionId}`);
    const stored = await world.session(session.sessionId);
    expect(stored).toMatchObject({
      session: { client_reference_id: request.orderId, amount_total: 24_999, metadata: request.metadata },
      imageUrl: request.imageUrl,
    });
    const { chargeId } = await paidCharge();
    expect(chargeId).toMatch(/^ch_local_/);
  });

  it('opens a shipped checkout with the options stripe-node sends, a buyer at the builder’s home paying the domestic rate, and a show checkout with one line per lot', async () => {
    await payments.createConnectedAccount({ builderId: 'shipper', country: 'US', serviceAgreement: 'full', idempotencyKey: 'connect:shipper' });
    const request = checkout({ shipping: usAndCanadaShipping() });
    const shipped = await payments.createCheckoutSession({ ...request, metadata: { ...request.metadata, builder_pseudonym: personPseudonym('shipper') } });
    const { session } = (await world.session(shipped.sessionId)) ?? {};
    expect(session?.shipping_address_collection?.allowed_countries).toEqual(usAndCanadaShipping().allowedCountries);
    expect(session?.shipping_options).toHaveLength(usAndCanadaShipping().options.length);
    // Stripe is not told which option is for whom: the builder's account says where home is, and the buyer there picks the domestic one.
    const inPortland = { name: 'Buyer', address: { line1: '12 Switch Lane', line2: null, city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' } };
    const paid = await world.paySession(shipped.sessionId, 'card', { details: inPortland });
    expect(paid.result === 'changed' && paid.object.amount_total).toBe(24_999 + 800);
    const lots = [
      { name: 'Lot 1', amountCents: 1_000 },
      { name: 'Lot 2', amountCents: 2_500 },
    ];
    const show = await payments.createCheckoutSession(checkout({ lineItems: lots, amountCents: 3_500 }));
    expect((await world.session(show.sessionId))?.session.line_items.data.map((l) => [l.description, l.amount_total])).toEqual([
      ['Lot 1', 1_000],
      ['Lot 2', 2_500],
    ]);
  });

  it('refunds part of a charge and answers the charge’s refunded total, also when the key is replayed later', async () => {
    const { chargeId } = await paidCharge();
    const first = await payments.refund({ chargeId, amountCents: 5_000, metadata: { order_id: 'o' }, idempotencyKey: 'refund:1' });
    expect(first.chargeRefundedCents).toBe(5_000);
    await payments.refund({ chargeId, amountCents: 1_000, metadata: {}, idempotencyKey: 'refund:2' });
    const replayed = await payments.refund({ chargeId, amountCents: 5_000, metadata: { order_id: 'o' }, idempotencyKey: 'refund:1' });
    expect(replayed).toEqual(first);
    await expect(payments.refund({ chargeId, amountCents: 50_000, metadata: {}, idempotencyKey: 'refund:3' })).rejects.toThrow(PaymentRefused);
  });

  it('reads a charge’s refunded total as it stands now: a refund that failed is off it again, an unknown charge is refused', async () => {
    const { chargeId } = await paidCharge();
    const made = await payments.refund({ chargeId, amountCents: 648, metadata: {}, idempotencyKey: 'refund:fails' });
    await payments.refund({ chargeId, amountCents: 1_000, metadata: {}, idempotencyKey: 'refund:stands' });
    expect(await payments.refundedOfCharge(chargeId)).toBe(1_648);
    await world.failRefund(made.refundId);
    expect(await payments.refundedOfCharge(chargeId)).toBe(1_000);
    await expect(payments.refundedOfCharge('ch_nowhere')).rejects.toMatchObject({ name: 'PaymentRefused', stripeCode: 'resource_missing' });
  });

  it('transfers the builder’s share from the charge (source_transaction), and refuses more than the charge holds', async () => {
    const { chargeId } = await paidCharge();
    const destination = await onboardedAccount('builder-1');
    const share = { amountCents: 20_000, currency: 'usd', destination, sourceTransaction: chargeId, transferGroup: 'o', metadata: {} };
    const { transferId } = await payments.createTransfer({ ...share, idempotencyKey: 'transfer:1' });
    expect((await world.listTransfers()).find((t) => t.id === transferId)).toMatchObject({ source_transaction: chargeId, amount: 20_000, destination });
    await expect(payments.createTransfer({ ...share, idempotencyKey: 'transfer:2' })).rejects.toThrow(/Insufficient funds/);
  });

  it('hears a reversal refused as final once the builder’s money has left for their bank', async () => {
    const { chargeId } = await paidCharge();
    const destination = await onboardedAccount('builder-2');
    const { transferId } = await payments.createTransfer({
      amountCents: 10_000,
      currency: 'usd',
      destination,
      sourceTransaction: chargeId,
      transferGroup: 'o',
      metadata: {},
      idempotencyKey: 'transfer:reversed',
    });
    await world.payOutBalance(destination);
    const reversal = payments.reverseTransfer({ transferId, amountCents: 10_000, metadata: {}, idempotencyKey: 'reverse:1' });
    await expect(reversal).rejects.toThrow(PaymentRefused);
    await expect(reversal).rejects.toThrow(/Insufficient funds in the destination account/);
  });

  it('replays a key’s first answer, marked as replayed, and refuses the key with other parameters', async () => {
    const request = checkout();
    const first = await payments.createCheckoutSession(request);
    expect(await payments.createCheckoutSession(request)).toEqual(first);
    const raw = new Stripe(secretKey, { apiVersion: stripeApiVersion, ...api.endpoint });
    const again = await raw.accounts.create({ country: 'US', metadata: { builder_id: 'b9' } }, { idempotencyKey: 'raw:1' });
    const replay = await raw.accounts.create({ country: 'US', metadata: { builder_id: 'b9' } }, { idempotencyKey: 'raw:1' });
    expect(replay.id).toBe(again.id);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(raw.accounts.create({ country: 'GB', metadata: { builder_id: 'b9' } }, { idempotencyKey: 'raw:1' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeIdempotencyError,
    );
  });

  it('lets stripe-node retry a 500 and a lost answer under the same key: one session, not two', async () => {
    const sessionsBefore = (await world.listSessions()).length;
    planned.push('stripe.500', 'stripe.timeout-after-success');
    const session = await payments.createCheckoutSession(checkout());
    expect(planned).toEqual([]);
    expect((await world.listSessions()).length).toBe(sessionsBefore + 1);
    expect((await world.listSessions())[0]?.id).toBe(session.sessionId);
  });

  it('outlasts stripe-node’s retries in a fault’s spell: the use case sees the error, and its own retry under the same key gets one session', async () => {
    const spelled: FaultKind[] = [];
    const spellFaults = {
      roll: (kind: FaultKind) => spelled[0] === kind && spelled.shift() === kind,
      between: () => 1,
    };
    const spellApi = await serveStripeApi({ payments: world, store, clock: { now: () => now }, secretKey, faults: spellFaults, faultSpellMs: 2_500 });
    try {
      const spellPayments = createStripePayments(secretKey, spellApi.endpoint);
      const sessionsBefore = (await world.listSessions()).length;
      const request = checkout();
      spelled.push('stripe.500');
      await expect(spellPayments.createCheckoutSession(request)).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
      expect((await world.listSessions()).length).toBe(sessionsBefore);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      // Done at Stripe, each answer lost, the replays' too, until the spell is over.
      spelled.push('stripe.timeout-after-success');
      await expect(spellPayments.createCheckoutSession(request)).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
      expect((await world.listSessions()).length).toBe(sessionsBefore + 1);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const session = await spellPayments.createCheckoutSession(request);
      expect((await world.listSessions()).length).toBe(sessionsBefore + 1);
      expect((await world.listSessions())[0]?.id).toBe(session.sessionId);
    } finally {
      await spellApi.close();
    }
  }, 20_000);

  it('makes the local runtime’s functions wait their latency at stripe-node’s transport: once a request, each retry too', async () => {
    const waited: LatencyEdge[] = [];
    const functionPayments = stripeOverHttp(secretKey, api.endpoint, { wait: async (edge) => void waited.push(edge) });
    await functionPayments.createCheckoutSession(checkout());
    expect(waited).toEqual(['stripe.api']);
    planned.push('stripe.500');
    await functionPayments.createCheckoutSession(checkout());
    expect(waited).toEqual(['stripe.api', 'stripe.api', 'stripe.api']);
  });

  it('answers an unknown account 404, which the adapter does not take for a refusal of the request', async () => {
    await expect(payments.accountStatus('acct_missing')).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(createStripePayments('sk_test_wrong', api.endpoint).accountStatus('acct_missing')).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });

  it('expires an open session, and leaves a paid one alone', async () => {
    const open = await payments.createCheckoutSession(checkout());
    await payments.expireCheckoutSession(open.sessionId);
    expect((await world.session(open.sessionId))?.session.status).toBe('expired');
    const { sessionId } = await paidCharge();
    await payments.expireCheckoutSession(sessionId);
    expect((await world.session(sessionId))?.session.status).toBe('complete');
  });

  it('reads an account’s status and makes its onboarding and login links', async () => {
    const { accountId } = await payments.createConnectedAccount({ builderId: 'b3', country: 'US', serviceAgreement: 'full', idempotencyKey: 'connect:b3' });
    expect(await payments.accountStatus(accountId)).toMatchObject({ accountId, transfersActive: false, detailsSubmitted: false });
    const link = await payments.createOnboardingLink({ accountId, refreshUrl: `${baseUrl}/r`, returnUrl: `${baseUrl}/d`, idempotencyKey: 'onboard:b3' });
    expect(link.url).toContain('/_local/stripe/onboarding/');
    await expect(payments.createLoginLink({ accountId })).rejects.toThrow(PaymentRefused);
    await world.completeOnboarding(accountId);
    expect((await payments.createLoginLink({ accountId })).url).toContain('/_local/stripe/express/');
  });
});

describe('the local Stripe’s ledger and revoked accounts, through stripe-node', () => {
  const client = () => new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 0, ...api.endpoint });

  it('lists the platform’s balance transactions as stripe-node pages them: type, source and created filters, auto-pagination', async () => {
    const { chargeId } = await paidCharge();
    const stripe = client();
    const charges = await stripe.balanceTransactions.list({ type: 'charge', source: chargeId });
    expect(charges.object).toBe('list');
    expect(charges.data).toEqual([expect.objectContaining({ object: 'balance_transaction', type: 'charge', amount: 24_999, fee: 755, net: 24_244 })]);
    const seconds = Math.floor(now.getTime() / 1000);
    expect((await stripe.balanceTransactions.list({ created: { gt: seconds } })).data).toEqual([]);
    await paidCharge();
    const all: string[] = [];
    for await (const transaction of stripe.balanceTransactions.list({ type: 'charge', limit: 1 })) all.push(transaction.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(2);
    await expect(stripe.balanceTransactions.retrieve(all[0] as string)).resolves.toMatchObject({ id: all[0] });
    await expect(stripe.balanceTransactions.list({ starting_after: 'txn_unknown' })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('refuses a transfer to an account that revoked C500 with a 403 the adapter turns into PaymentRefused account_invalid', async () => {
    const accountId = await onboardedAccount('b-revoked-over-http');
    const { chargeId } = await paidCharge();
    await world.deauthorize(accountId);
    const transfer = {
      idempotencyKey: `release:${chargeId}`,
      amountCents: 1_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o',
      metadata: {},
    };
    const refused = await payments.createTransfer(transfer).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PaymentRefused);
    expect(refused).toMatchObject({ stripeCode: 'account_invalid', cause: expect.any(Stripe.errors.StripePermissionError) });
    await expect(client().accounts.retrieve(accountId)).rejects.toMatchObject({ statusCode: 403, code: 'account_invalid' });
  });
});

describe('Stripe’s rate limiter on the served API', () => {
  it('answers a write past the limit in a second 429 rate_limit, with nothing done, no key kept and no Stripe-Should-Retry; reads are not counted', async () => {
    let at = new Date('2026-11-21T12:00:00.100Z');
    const limitedStore = new LocalDocumentStore();
    const limitedWorld = new LocalPayments({ store: limitedStore, baseUrl, clock: { now: () => at }, sendEvent: async () => undefined });
    const limited = await serveStripeApi({ payments: limitedWorld, store: limitedStore, clock: { now: () => at }, secretKey, writesPerSecond: 2 });
    try {
      const raw = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 2, ...limited.endpoint });
      const first = await raw.customers.create({ metadata: { n: '1' } }, { idempotencyKey: 'customer:1' });
      // Reads in between take nothing from the second's writes: the account is made.
      for (let i = 0; i < 5; i++) await raw.customers.retrieve(first.id);
      await raw.accounts.create({ country: 'US', metadata: { builder_id: 'b-limit' } }, { idempotencyKey: 'account:1' });
      const refused = await raw.customers.create({ metadata: { n: '3' } }, { idempotencyKey: 'customer:3' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
      expect(refused).toMatchObject({ statusCode: 429, code: 'rate_limit', type: 'StripeRateLimitError' });
      expect((refused as Stripe.errors.StripeError).headers?.['stripe-should-retry']).toBeUndefined();
      expect(await limitedWorld.listAccounts()).toHaveLength(1);
      at = new Date('2026-11-21T12:00:01.000Z');
      const third = await raw.customers.create({ metadata: { n: '3' } }, { idempotencyKey: 'customer:3' });
      expect(third.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});
