/**
 * Every write C500 sends to Stripe takes a token from the account's one budget, whatever its
 * endpoint: each of the payments port's calls that writes is driven once through the production
 * adapter (stripe-node) against the local Stripe served over HTTP, and the writes the local
 * Stripe saw arrive (its own log, not the caller's count) are matched one for one with the
 * tokens the budget gave, call by call. Every write route the local Stripe serves is reached,
 * so an endpoint added there without a call here fails this test until one is.
 */
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { serveStripeApi, type ServedStripeApi } from '../../shared/local/stripe/api-server';
import { stripeApiRoutes } from '../../shared/local/stripe/api-routes';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import { asBatchWork, type StripeWork } from '../../shared/stripe-work';
import type { Payments } from '../../shared/ports';
import type { TestCardKind } from '../../shared/local/stripe/test-cards';

const secretKey = 'sk_test_local_every_write';
const baseUrl = 'http://127.0.0.1:8080';
const now = new Date('2026-11-21T12:00:00Z');

const store = new LocalDocumentStore();
const world = new LocalPayments({ store, baseUrl, clock: { now: () => now }, sendEvent: async () => undefined });
const tokens: StripeWork[] = [];
let api: ServedStripeApi;
let payments: Payments;

beforeAll(async () => {
  api = await serveStripeApi({ payments: world, store, clock: { now: () => now }, secretKey });
  payments = createStripePayments(secretKey, { ...api.endpoint, writeBudget: { take: async (work) => void tokens.push(work) } });
});
afterAll(() => api.close());

/** What one call sent: the writes the local Stripe saw arrive during it, and the tokens taken. */
const calls: Array<{ name: string; writes: string[]; tokens: number }> = [];

async function measured<T>(name: string, call: () => Promise<T>): Promise<T> {
  const [writesBefore, tokensBefore] = [api.writes().length, tokens.length];
  const answer = await call();
  calls.push({
    name,
    writes: api
      .writes()
      .slice(writesBefore)
      .map((w) => w.path),
    tokens: tokens.length - tokensBefore,
  });
  return answer;
}

const expiresAt = new Date(now.getTime() + 60 * 60_000);

async function paidCharge(orderId: string): Promise<string> {
  const { sessionId } = await measured('createCheckoutSession', () =>
    payments.createCheckoutSession({
      idempotencyKey: `checkout:${orderId}`,
      orderId,
      itemName: 'Tofu65 build',
      amountCents: 24_999,
      currency: 'usd',
      expiresAt,
      metadata: { order_id: orderId },
      successUrl: `${baseUrl}/ok`,
      cancelUrl: `${baseUrl}/no`,
    }),
  );
  const paid = await world.paySession(sessionId);
  if (paid.result !== 'changed' || !paid.object.payment_intent) throw new Error('not paid');
  return (await payments.chargeOfPayment(paid.object.payment_intent)).chargeId;
}

async function savedCard(memberId: string, card: TestCardKind) {
  const { customerId } = await measured('createCustomer', () =>
    payments.createCustomer({ idempotencyKey: `customer:${memberId}`, metadata: { member_id: memberId } }),
  );
  const setup = await measured('createCardSetupSession', () =>
    payments.createCardSetupSession({
      idempotencyKey: `setup:${memberId}`,
      customerId,
      currency: 'usd',
      consentText: 'Charged only if the minimum is met.',
      metadata: { member_id: memberId },
      successUrl: `${baseUrl}/ok`,
      cancelUrl: `${baseUrl}/no`,
      expiresAt,
    }),
  );
  await world.saveCard(setup.sessionId, card);
  const { paymentMethodId } = await payments.readCardSetup(setup.sessionId);
  return { customerId, paymentMethodId: paymentMethodId as string };
}

const charge = (memberId: string, card: { customerId: string; paymentMethodId: string }) =>
  measured('chargeOffSession', () =>
    asBatchWork(() =>
      payments.chargeOffSession({ ...card, idempotencyKey: `charge:${memberId}`, amountCents: 12_500, currency: 'usd', metadata: { pledge_id: memberId } }),
    ),
  );

/** Every port call that writes, once each: a Buy Now's money, a builder's account, a pledge's card from saved to charged, refused, confirmed and cancelled. */
async function everyWrite(): Promise<void> {
  const { accountId } = await measured('createConnectedAccount', () =>
    payments.createConnectedAccount({ builderId: 'builder-every', country: 'US', serviceAgreement: 'full', idempotencyKey: 'connect:builder-every' }),
  );
  await measured('createOnboardingLink', () =>
    payments.createOnboardingLink({ accountId, refreshUrl: `${baseUrl}/again`, returnUrl: `${baseUrl}/back`, idempotencyKey: 'onboard:builder-every' }),
  );
  await world.completeOnboarding(accountId);
  await measured('createLoginLink', () => payments.createLoginLink({ accountId }));

  const chargeId = await paidCharge('o-every');
  await measured('refund', () => payments.refund({ chargeId, amountCents: 999, metadata: { order_id: 'o-every' }, idempotencyKey: 'refund:o-every' }));
  const { transferId } = await measured('createTransfer', () =>
    payments.createTransfer({
      amountCents: 10_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o-every',
      metadata: {},
      idempotencyKey: 'transfer:o-every',
    }),
  );
  await measured('reverseTransfer', () => payments.reverseTransfer({ transferId, amountCents: 1_000, metadata: {}, idempotencyKey: 'reverse:o-every' }));
  const disputed = await world.openDispute(chargeId, { reason: 'fraudulent' });
  if (disputed.result !== 'changed') throw new Error('no dispute');
  await measured('updateDispute', () =>
    payments.updateDispute({ disputeId: disputed.object.id, evidence: { product_description: 'A keyboard' }, submit: false, idempotencyKey: 'evidence:1' }),
  );
  const { sessionId } = await measured('createCheckoutSession', () =>
    payments.createCheckoutSession({
      idempotencyKey: 'checkout:o-lapses',
      orderId: 'o-lapses',
      itemName: 'Tofu65 build',
      amountCents: 24_999,
      currency: 'usd',
      expiresAt,
      metadata: { order_id: 'o-lapses' },
      successUrl: `${baseUrl}/ok`,
      cancelUrl: `${baseUrl}/no`,
    }),
  );
  await measured('expireCheckoutSession', () => payments.expireCheckoutSession(sessionId));

  await charge('works', await savedCard('works', 'works'));
  const asked = await charge('asked', await savedCard('asked', 'authentication_required'));
  if (asked.outcome !== 'authentication_required') throw new Error(`the bank did not ask: ${asked.outcome}`);
  await measured('confirmOnSession', () => payments.confirmOnSession({ paymentIntentId: asked.paymentIntentId, returnUrl: `${baseUrl}/paid` }));
  const declinedCard = await savedCard('declined', 'declined');
  const declined = await charge('declined', declinedCard);
  if (declined.outcome !== 'declined') throw new Error(`not declined: ${declined.outcome}`);
  await measured('cancelPaymentIntent', () => payments.cancelPaymentIntent(declined.paymentIntentId));
  await measured('detachPaymentMethod', () => payments.detachPaymentMethod(declinedCard.paymentMethodId));
  await measured('deleteCustomer', () => payments.deleteCustomer(declinedCard.customerId));
}

describe('the Stripe write budget, endpoint by endpoint', () => {
  beforeAll(everyWrite);

  it('gives a token for each write the local Stripe saw arrive, call by call, and every call that writes sent one', () => {
    expect(calls.filter((c) => c.tokens !== c.writes.length)).toEqual([]);
    expect(calls.filter((c) => c.writes.length === 0).map((c) => c.name)).toEqual([]);
    expect(tokens.length).toBe(api.writes().length);
  });

  it('reached every write route the local Stripe serves: accounts, links, sessions, intents, refunds, transfers, reversals, disputes, customers, cards', () => {
    const writeRoutes = stripeApiRoutes(world, store).filter((r) => r.method !== 'GET');
    const arrived = api.writes().map((w) => w.path);
    expect(writeRoutes.filter((r) => !arrived.some((path) => r.path.test(path))).map((r) => `${r.method} ${String(r.path)}`)).toEqual([]);
  });

  it('names batch work as batch and a person’s as a person’s', () => {
    const batch = calls.filter((c) => c.name === 'chargeOffSession').reduce((sum, c) => sum + c.tokens, 0);
    expect(tokens.filter((t) => t === 'batch')).toHaveLength(batch);
    expect(batch).toBeGreaterThan(0);
  });
});
