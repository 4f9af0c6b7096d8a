/**
 * A request retried across the deploy that moved Stripe's metadata from people's Discord ids to
 * keyed pseudonyms: the same idempotency key, other metadata. Stripe refuses the key for other
 * parameters (400 `idempotency_error`); the adapter asks again with what the deploy before sent
 * and Stripe replays the object made then, so nothing is made, charged or paid twice.
 */
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import { IdempotencyKeyReused } from '../../shared/adapters/stripe/across-deploys';
import { PaymentRefused } from '../../shared/errors';
import type { CheckoutRequest, Payments } from '../../shared/ports';
import { serveStripeApi, type ServedStripeApi } from '../../shared/local/stripe/api-server';

const secretKey = 'sk_test_local_across_deploys';
const baseUrl = 'http://127.0.0.1:8080';
const now = new Date('2026-11-21T12:00:00Z');
const buyer = '800000000000000001';
const builder = '800000000000000002';
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
function checkout(metadata: Record<string, string>, over: Partial<CheckoutRequest> = {}): CheckoutRequest {
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
    ...over,
  };
}

async function paidCharge(): Promise<string> {
  const { sessionId } = await payments.createCheckoutSession(checkout({ buyer_pseudonym: pseudonym(1) }));
  const paid = await world.paySession(sessionId);
  if (paid.result !== 'changed' || !paid.object.payment_intent) throw new Error('not paid');
  return (await payments.chargeOfPayment(paid.object.payment_intent)).chargeId;
}

describe('a Stripe request retried across the deploy to pseudonyms', () => {
  it('pays a builder once: the transfer made before the deploy is answered again, with the metadata it was made with', async () => {
    const chargeId = await paidCharge();
    const { accountId } = await payments.createConnectedAccount({ builderId: builder, country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct:1' });
    await world.completeOnboarding(accountId);
    const before = { order_id: 'o-t', builder_id: builder };
    const request = {
      idempotencyKey: 'release:o-t',
      amountCents: 20_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o-t',
    };
    const { transferId } = await payments.createTransfer({ ...request, metadata: before });

    const again = await payments.createTransfer({
      ...request,
      metadata: { order_id: 'o-t', builder_pseudonym: pseudonym(2) },
      metadataBeforePseudonyms: before,
    });

    expect(again).toEqual({ transferId });
    const made = (await world.listTransfers()).filter((t) => t.transfer_group === 'o-t');
    expect(made.map((t) => [t.id, t.amount, t.metadata])).toEqual([[transferId, 20_000, before]]);
  });

  it('refunds a buyer once: the refund asked before the deploy is answered again, and the charge is refunded only that much', async () => {
    const chargeId = await paidCharge();
    const before = { order_id: 'o-r', given_by: buyer, interaction_id: 'i1' };
    const request = { idempotencyKey: 'refund:o-r:1', chargeId, amountCents: 5_000 };
    const first = await payments.refund({ ...request, metadata: before });

    const again = await payments.refund({
      ...request,
      metadata: { order_id: 'o-r', given_by_pseudonym: pseudonym(3), interaction_id: 'i1' },
      metadataBeforePseudonyms: before,
    });

    expect(again.refundId).toBe(first.refundId);
    expect(await payments.refundedOfCharge(chargeId)).toBe(5_000);
  });

  it('opens one checkout: the session made before the deploy is answered again', async () => {
    const before = { buyer_id: buyer, builder_id: builder };
    const request = checkout(before);
    const first = await payments.createCheckoutSession(request);

    const again = await payments.createCheckoutSession({
      ...request,
      metadata: { order_id: request.orderId, buyer_pseudonym: pseudonym(4), builder_pseudonym: pseudonym(5) },
      metadataBeforePseudonyms: request.metadata,
    });

    expect(again.sessionId).toBe(first.sessionId);
    expect((await world.listSessions()).filter((s) => s.client_reference_id === request.orderId)).toHaveLength(1);
  });

  it('makes one customer for a member: the one made before the deploy is answered again', async () => {
    const before = { buyer_id: buyer };
    const first = await payments.createCustomer({ idempotencyKey: 'groupbuy-customer:ps_x', metadata: before });
    const again = await payments.createCustomer({
      idempotencyKey: 'groupbuy-customer:ps_x',
      metadata: { buyer_pseudonym: pseudonym(6) },
      metadataBeforePseudonyms: before,
    });
    expect(again).toEqual(first);
  });

  it('is an error to retry, never a refusal a caller would record as "not paid", when no earlier shape matches what the key was first used with', async () => {
    const chargeId = await paidCharge();
    const request = { idempotencyKey: 'refund:o-x:1', chargeId, amountCents: 1_000 };
    await payments.refund({ ...request, metadata: { order_id: 'o-x', given_by: buyer } });
    const retried = payments.refund({
      ...request,
      metadata: { order_id: 'o-x', given_by_pseudonym: pseudonym(7) },
      metadataBeforePseudonyms: { order_id: 'o-x' },
    });
    await expect(retried).rejects.toBeInstanceOf(IdempotencyKeyReused);
    await expect(retried).rejects.not.toBeInstanceOf(PaymentRefused);
    expect(await payments.refundedOfCharge(chargeId)).toBe(1_000);
  });
});
