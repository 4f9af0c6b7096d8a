/**
 * An idempotency key sent again with other parameters: Stripe refuses it (400
 * `idempotency_error`) though it may have made the object under it. The adapter throws that as
 * an error to retry and look at, never as a `PaymentRefused`, which callers record as "not done"
 * (a transfer never sent, a refund never given). Nothing is made twice, and the second request's
 * metadata is never kept in place of the first's.
 */
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import { IdempotencyKeyReused } from '../../shared/adapters/stripe/stripe-refusals';
import { PaymentRefused } from '../../shared/errors';
import type { CheckoutRequest, Payments } from '../../shared/ports';
import { serveStripeApi, type ServedStripeApi } from '../../shared/local/stripe/api-server';

const secretKey = 'sk_test_local_key_reused';
const baseUrl = 'http://127.0.0.1:8080';
const now = new Date('2026-11-21T12:00:00Z');
const pseudonym = (n: number) => `ps_${String(n).repeat(32).slice(0, 32)}`;

const store = new LocalDocumentStore();
const world = new LocalPayments({ store, baseUrl, clock: { now: () => now }, sendEvent: async () => undefined });
let api: ServedStripeApi;
let payments: Payments;

beforeAll(async () => {
  api = await serveStripeApi({ payments: world, store, clock: { now: () => now }, secretKey });
  payments = createStripePayments(secretKey, api.endpoint);
});
afterAll(() => api.close());

let orders = 0;
function checkout(metadata: Record<string, string>): CheckoutRequest {
  const orderId = `o${++orders}`;
  return {
    idempotencyKey: `checkout:${orderId}`,
    orderId,
    itemName: 'Tofu65 build',
    amountCents: 24_000,
    currency: 'usd',
    expiresAt: new Date(now.getTime() + 30 * 60_000),
    metadata: { order_id: orderId, ...metadata },
    successUrl: `${baseUrl}/checkout/done`,
    cancelUrl: `${baseUrl}/checkout/cancelled`,
  };
}

async function paidCharge(): Promise<string> {
  const { sessionId } = await payments.createCheckoutSession(checkout({ buyer_pseudonym: pseudonym(1) }));
  const paid = await world.paySession(sessionId);
  if (paid.result !== 'changed' || !paid.object.payment_intent) throw new Error('not paid');
  return (await payments.chargeOfPayment(paid.object.payment_intent)).chargeId;
}

/** The refusal as a caller sees it: an error of the system, not Stripe's final word on the request. */
async function expectKeyReused(asked: Promise<unknown>): Promise<void> {
  const error: unknown = await asked.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(IdempotencyKeyReused);
  expect(error).not.toBeInstanceOf(PaymentRefused);
  expect((error as Error).message).toMatch(/same parameters/);
}

describe('an idempotency key sent again with other parameters', () => {
  it('is an error to retry for a transfer, never a refusal recorded as "not paid", and the builder is paid once', async () => {
    const chargeId = await paidCharge();
    const { accountId } = await payments.createConnectedAccount({
      builderId: '800000000000000002',
      country: 'US',
      serviceAgreement: 'full',
      idempotencyKey: 'acct:1',
    });
    await world.completeOnboarding(accountId);
    const request = {
      idempotencyKey: 'release:o-t',
      amountCents: 20_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o-t',
    };
    const first = { order_id: 'o-t', builder_pseudonym: pseudonym(2) };
    const { transferId } = await payments.createTransfer({ ...request, metadata: first });

    await expectKeyReused(payments.createTransfer({ ...request, metadata: { order_id: 'o-t', builder_pseudonym: pseudonym(3) } }));

    const made = (await world.listTransfers()).filter((t) => t.transfer_group === 'o-t');
    expect(made.map((t) => [t.id, t.amount, t.metadata])).toEqual([[transferId, 20_000, first]]);
  });

  it('is an error to retry for a refund, and the charge is refunded only once', async () => {
    const chargeId = await paidCharge();
    const request = { idempotencyKey: 'refund:o-r:1', chargeId, amountCents: 5_000 };
    await payments.refund({ ...request, metadata: { order_id: 'o-r', given_by_pseudonym: pseudonym(4) } });

    await expectKeyReused(payments.refund({ ...request, metadata: { order_id: 'o-r', given_by_pseudonym: pseudonym(5) } }));

    expect(await payments.refundedOfCharge(chargeId)).toBe(5_000);
  });

  it('is an error to retry for a checkout, and one session is made', async () => {
    const request = checkout({ buyer_pseudonym: pseudonym(6) });
    await payments.createCheckoutSession(request);

    await expectKeyReused(payments.createCheckoutSession({ ...request, metadata: { ...request.metadata, buyer_pseudonym: pseudonym(7) } }));

    expect((await world.listSessions()).filter((s) => s.client_reference_id === request.orderId)).toHaveLength(1);
  });

  it('is an error to retry for a member’s customer, and one customer is made', async () => {
    await payments.createCustomer({ idempotencyKey: 'groupbuy-customer:ps_x', metadata: { buyer_pseudonym: pseudonym(8) } });

    await expectKeyReused(payments.createCustomer({ idempotencyKey: 'groupbuy-customer:ps_x', metadata: { buyer_pseudonym: pseudonym(9) } }));

    const kept = (await world.listCustomers()).flatMap((c) => ('metadata' in c ? [c.metadata] : []));
    expect(kept.filter((m) => m.buyer_pseudonym === pseudonym(8) || m.buyer_pseudonym === pseudonym(9))).toEqual([{ buyer_pseudonym: pseudonym(8) }]);
  });
});
