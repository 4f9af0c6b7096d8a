/**
 * The local Stripe beyond a charge and its refund, driven through its routes as the
 * playground and the soak drive it: inquiries that close or escalate, a second dispute on a
 * charge, refunds that fail, early fraud warnings, accounts that revoke C500, payouts that
 * fail, and the platform's ledger of balance transactions. Every event is checked as the
 * webhook ingress checks it (signed, with the platform's or the Connect endpoint's secret).
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { verifyStripeSignature } from '../../shared/adapters/stripe/stripe-signature';
import { mountStripeSimulator } from '../../shared/local/stripe/simulator';
import { makeStripeEventSender } from '../../shared/local/stripe/event-sender';
import { mountDisputeRoutes } from '../../shared/local/stripe/dispute-routes';
import { mountAfterPaymentRoutes } from '../../shared/local/stripe/after-payment-routes';
import { processingFeeCents } from '../../shared/local/stripe/ledger';
import type { LocalBalanceTransaction } from '../../shared/local/stripe/objects';

const platformSecret = 'whsec_after_payment_platform';
const connectSecret = 'whsec_after_payment_connect';
const clock = { now: () => new Date('2026-11-21T12:00:00Z') };

interface ReceivedEvent {
  id: string;
  type: string;
  account?: string;
  data: { object: Record<string, unknown> };
  /** Which endpoint's secret signed it. */
  endpoint: 'platform' | 'connect';
}

type Ledger = { object: 'list'; data: LocalBalanceTransaction[]; has_more: boolean; platform_net_cents: number };

async function startStripe() {
  const app = express();
  app.use(express.raw({ type: () => true }));
  const events: ReceivedEvent[] = [];
  app.post('/webhooks/stripe', (req, res) => {
    const body = req.body as Buffer;
    const now = Math.floor(clock.now().getTime() / 1000);
    const signed = (secret: string) => verifyStripeSignature(body, req.get('stripe-signature'), secret, now);
    const endpoint = signed(platformSecret) ? 'platform' : signed(connectSecret) ? 'connect' : undefined;
    if (!endpoint) return void res.status(401).send('bad signature');
    events.push({ ...(JSON.parse(body.toString('utf8')) as Omit<ReceivedEvent, 'endpoint'>), endpoint });
    res.send('ok');
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const payments = new LocalPayments({
    store: new LocalDocumentStore(),
    baseUrl: url,
    clock,
    sendEvent: makeStripeEventSender(`${url}/webhooks/stripe`, { platform: platformSecret, connect: connectSecret }, clock),
  });
  mountStripeSimulator(app, { payments });
  mountDisputeRoutes(app, payments);
  mountAfterPaymentRoutes(app, payments);
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status, json: (await res.json().catch(() => undefined)) as Record<string, Record<string, unknown>> };
  };
  /** A paid session of `amountCents` for `orderId`: its id and its charge's. */
  const paid = async (orderId: string, amountCents = 40_000) => {
    const { sessionId } = await payments.createCheckoutSession({
      idempotencyKey: `checkout:${orderId}`,
      orderId,
      itemName: 'Show lot',
      amountCents,
      currency: 'usd',
      expiresAt: new Date('2026-11-21T12:30:00Z'),
      metadata: { order_id: orderId },
      successUrl: `${url}/done`,
      cancelUrl: `${url}/cancelled`,
    });
    await post(`/_local/stripe/sessions/${sessionId}/pay`);
    return { sessionId, chargeId: (await payments.chargeOfSession(sessionId)) as string };
  };
  const onboarded = async (builderId: string) => {
    const { accountId } = await payments.createConnectedAccount({ idempotencyKey: `account:${builderId}`, builderId, country: 'US', serviceAgreement: 'full' });
    await payments.completeOnboarding(accountId);
    return accountId;
  };
  const ledger = async (query = ''): Promise<Ledger> => (await (await fetch(`${url}/_local/stripe/balance-transactions${query}`)).json()) as Ledger;
  return { url, payments, events, post, paid, onboarded, ledger, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let stripe: Awaited<ReturnType<typeof startStripe>>;
beforeEach(async () => (stripe = await startStripe()));
afterEach(() => stripe.close());

const typesSince = (from: number) => stripe.events.slice(from).map((e) => e.type);

describe('an inquiry', () => {
  it('is opened with {"inquiry": true}: warning_needs_response, charge.dispute.created alone, nothing withdrawn and no dispute fee', async () => {
    const { sessionId, chargeId } = await stripe.paid('o-inquiry');
    const before = stripe.events.length;
    const opened = await stripe.post(`/_local/stripe/sessions/${sessionId}/dispute`, { reason: 'fraudulent', inquiry: true });
    expect(opened.status).toBe(200);
    expect(opened.json.dispute).toMatchObject({
      object: 'dispute',
      status: 'warning_needs_response',
      charge: chargeId,
      amount: 40_000,
      balance_transactions: [],
      is_charge_refundable: true,
    });
    expect(typesSince(before)).toEqual(['charge.dispute.created']);
    expect((await stripe.ledger('?type=adjustment')).data).toEqual([]);
  });

  it('closes as warning_closed, moving no money, and is refused a chargeback’s won or lost', async () => {
    const { chargeId } = await stripe.paid('o-inquiry-closed');
    const opened = await stripe.post(`/_local/stripe/charges/${chargeId}/dispute`, { reason: 'general', inquiry: true });
    const id = String(opened.json.dispute?.id);
    expect((await stripe.post(`/_local/stripe/disputes/${id}/close`, { status: 'won' })).status).toBe(409);
    const before = stripe.events.length;
    const closed = await stripe.post(`/_local/stripe/disputes/${id}/close`, { status: 'warning_closed' });
    expect(closed.json.dispute).toMatchObject({ id, status: 'warning_closed', balance_transactions: [] });
    expect(typesSince(before)).toEqual(['charge.dispute.closed']);
    expect((await stripe.post(`/_local/stripe/disputes/${id}/close`, { status: 'warning_closed' })).status).toBe(409);
  });

  it('escalates into a chargeback on the same object: needs_response, the amount and the 1,500¢ fee withdrawn, charge.dispute.updated then funds_withdrawn', async () => {
    const { chargeId } = await stripe.paid('o-escalated');
    const id = String((await stripe.post(`/_local/stripe/charges/${chargeId}/dispute`, { reason: 'fraudulent', inquiry: true })).json.dispute?.id);
    const before = stripe.events.length;
    const escalated = await stripe.post(`/_local/stripe/disputes/${id}/escalate`, {});
    expect(escalated.status).toBe(200);
    expect(escalated.json.dispute).toMatchObject({ id, status: 'needs_response', is_charge_refundable: false });
    expect(typesSince(before)).toEqual(['charge.dispute.updated', 'charge.dispute.funds_withdrawn']);
    expect(stripe.events.at(-1)?.data.object).toMatchObject({ id, status: 'needs_response' });
    const [withdrawal] = (await stripe.ledger(`?source=${id}`)).data;
    expect(withdrawal).toMatchObject({ type: 'adjustment', reporting_category: 'dispute', amount: -40_000, fee: 1_500, net: -41_500 });
    expect((await stripe.post(`/_local/stripe/disputes/${id}/escalate`, {})).status).toBe(409);
    expect((await stripe.post(`/_local/stripe/disputes/${id}/close`, { status: 'lost' })).json.dispute).toMatchObject({ status: 'lost' });
  });

  it('is settled by a refund: Stripe refunds a charge under inquiry, where a chargeback’s is refused', async () => {
    const { chargeId } = await stripe.paid('o-inquiry-refunded');
    await stripe.post(`/_local/stripe/charges/${chargeId}/dispute`, { reason: 'fraudulent', inquiry: true });
    await expect(stripe.payments.refund({ idempotencyKey: 'refund:inquiry', chargeId, amountCents: 40_000, metadata: {} })).resolves.toMatchObject({
      chargeRefundedCents: 40_000,
    });
  });

  it('once closed, leaves the charge open to a new dispute: a new object, charge.dispute.created; while one stands, the charge keeps it', async () => {
    const { chargeId } = await stripe.paid('o-second');
    const first = String((await stripe.post(`/_local/stripe/charges/${chargeId}/dispute`, { reason: 'fraudulent', inquiry: true })).json.dispute?.id);
    const standing = await stripe.post(`/_local/stripe/charges/${chargeId}/dispute`, { reason: 'fraudulent' });
    expect(standing).toMatchObject({ status: 409, json: { dispute: { id: first } } });
    await stripe.post(`/_local/stripe/disputes/${first}/close`, { status: 'warning_closed' });
    const before = stripe.events.length;
    const second = await stripe.post(`/_local/stripe/charges/${chargeId}/dispute`, { reason: 'fraudulent' });
    expect(second.status).toBe(200);
    expect(second.json.dispute?.id).not.toBe(first);
    expect(second.json.dispute).toMatchObject({ status: 'needs_response', charge: chargeId });
    expect(typesSince(before)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn']);
    // Closed inquiry, then a lost chargeback: the platform is out the amount and one dispute fee.
    await stripe.post(`/_local/stripe/disputes/${String(second.json.dispute?.id)}/close`, { status: 'lost' });
    const adjustments = (await stripe.ledger('?type=adjustment')).data;
    expect(adjustments.map((t) => t.net)).toEqual([-41_500]);
  });
});

describe('a refund that fails', () => {
  it('becomes failed with its reason in charge.refund.updated; the charge’s refunded total goes back down and the ledger gets a refund_failure', async () => {
    const { sessionId, chargeId } = await stripe.paid('o-refund-fails');
    await stripe.post(`/_local/stripe/sessions/${sessionId}/refund?amount=10000`);
    const [refund] = await stripe.payments.listRefunds();
    expect(refund).toMatchObject({ status: 'succeeded', amount: 10_000, charge: chargeId });
    const before = stripe.events.length;
    const failed = await stripe.post(`/_local/stripe/refunds/${String(refund?.id)}/fail`, { failure_reason: 'lost_or_stolen_card' });
    expect(failed.status).toBe(200);
    expect(typesSince(before)).toEqual(['charge.refund.updated']);
    const sent = stripe.events.at(-1)?.data.object;
    expect(sent).toMatchObject({ id: refund?.id, object: 'refund', status: 'failed', failure_reason: 'lost_or_stolen_card', charge: chargeId });
    expect(sent).not.toHaveProperty('charge_refunded_after');
    // The charge as the next refund finds it: nothing refunded but that cent.
    expect(await stripe.payments.refundCharge(chargeId, 1)).toMatchObject({ result: 'changed', object: { amount_refunded: 1, refunded: false } });
    const returned = (await stripe.ledger('?type=refund_failure')).data;
    expect(returned).toEqual([expect.objectContaining({ amount: 10_000, fee: 0, net: 10_000, source: refund?.id, id: sent?.failure_balance_transaction })]);
    expect((await stripe.post(`/_local/stripe/refunds/${String(refund?.id)}/fail`, {})).status).toBe(409);
    expect((await stripe.post('/_local/stripe/refunds/re_unknown/fail', {})).status).toBe(404);
    expect((await stripe.post(`/_local/stripe/refunds/${String(refund?.id)}/fail`, { failure_reason: 'bored' })).status).toBe(400);
  });
});

describe('an early fraud warning', () => {
  it('sends radar.early_fraud_warning.created with Stripe’s EarlyFraudWarning: actionable, its charge, fraud type and payment intent', async () => {
    const { sessionId, chargeId } = await stripe.paid('o-fraud');
    const warned = await stripe.post(`/_local/stripe/sessions/${sessionId}/early-fraud-warning`, { fraud_type: 'made_with_stolen_card' });
    expect(warned.status).toBe(200);
    const event = stripe.events.at(-1);
    expect(event).toMatchObject({ type: 'radar.early_fraud_warning.created', endpoint: 'platform' });
    expect(event?.data.object).toEqual({
      id: expect.stringMatching(/^issfr_/),
      object: 'radar.early_fraud_warning',
      actionable: true,
      charge: chargeId,
      created: expect.any(Number),
      fraud_type: 'made_with_stolen_card',
      livemode: false,
      payment_intent: expect.stringMatching(/^pi_/),
    });
    expect((await stripe.post(`/_local/stripe/sessions/cs_unknown/early-fraud-warning`, {})).status).toBe(404);
  });

  it('is not actionable on a charge refunded in full', async () => {
    const { sessionId } = await stripe.paid('o-fraud-refunded');
    await stripe.post(`/_local/stripe/sessions/${sessionId}/refund`);
    expect((await stripe.post(`/_local/stripe/sessions/${sessionId}/early-fraud-warning`, {})).json.early_fraud_warning).toMatchObject({ actionable: false });
  });
});

describe('a connected account', () => {
  it('that revokes C500 sends account.application.deauthorized through the Connect endpoint, naming the account, about the platform’s Application', async () => {
    const accountId = await stripe.onboarded('b-revokes');
    const deauthorized = await stripe.post(`/_local/stripe/accounts/${accountId}/deauthorize`);
    expect(deauthorized.status).toBe(200);
    expect(stripe.events.at(-1)).toMatchObject({
      type: 'account.application.deauthorized',
      account: accountId,
      endpoint: 'connect',
      data: { object: { object: 'application', id: expect.stringMatching(/^ca_/), name: 'C500 Collective' } },
    });
    expect((await stripe.post(`/_local/stripe/accounts/${accountId}/deauthorize`)).status).toBe(409);
  });

  it('that revoked C500 refuses transfers to it and calls for it as Stripe does: account_invalid, and nothing kept under the key', async () => {
    const accountId = await stripe.onboarded('b-revoked');
    const { chargeId } = await stripe.paid('o-to-revoked');
    await stripe.post(`/_local/stripe/accounts/${accountId}/deauthorize`);
    const transfer = {
      idempotencyKey: 'release:o-to-revoked',
      amountCents: 30_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o-to-revoked',
      metadata: {},
    };
    await expect(stripe.payments.createTransfer(transfer)).rejects.toMatchObject({
      name: 'PaymentRefused',
      stripeCode: 'account_invalid',
      message: expect.stringContaining('Application access may have been revoked'),
    });
    await expect(stripe.payments.accountStatus(accountId)).rejects.toMatchObject({ stripeCode: 'account_invalid' });
    expect(await stripe.payments.listTransfers()).toEqual([]);
  });

  it('pays its whole balance out to its bank, after which a reversal larger than what is left is refused for lack of funds', async () => {
    const accountId = await stripe.onboarded('b-paid-out');
    const { chargeId } = await stripe.paid('o-paid-out');
    expect((await stripe.post(`/_local/stripe/accounts/${accountId}/payout`, {})).status).toBe(409);
    const { transferId } = await stripe.payments.createTransfer({
      idempotencyKey: 'release:o-paid-out',
      amountCents: 30_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o-paid-out',
      metadata: {},
    });
    const events = stripe.events.length;
    const paidOut = await stripe.post(`/_local/stripe/accounts/${accountId}/payout`, {});
    expect(paidOut.status).toBe(200);
    expect(paidOut.json).toMatchObject({ payout: { object: 'payout', amount: 30_000, currency: 'usd', status: 'paid', automatic: true, failure_code: null } });
    // The platform subscribes to no payout event of its accounts: nothing is sent.
    expect(stripe.events).toHaveLength(events);
    await expect(
      stripe.payments.reverseTransfer({ transferId, amountCents: 10_000, idempotencyKey: 'reverse:o-paid-out:1', metadata: {} }),
    ).rejects.toMatchObject({
      name: 'PaymentRefused',
      message: expect.stringContaining('Insufficient funds'),
    });
    expect((await stripe.post(`/_local/stripe/accounts/${accountId}/payout`, {})).status).toBe(409);
    expect((await stripe.post('/_local/stripe/accounts/acct_unknown/payout', {})).status).toBe(404);
  });

  it('pays out from the Express dashboard’s button and sends the person back to that dashboard', async () => {
    const accountId = await stripe.onboarded('b-paid-out-button');
    const { chargeId } = await stripe.paid('o-paid-out-button');
    await stripe.payments.createTransfer({
      idempotencyKey: 'release:o-paid-out-button',
      amountCents: 12_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o-paid-out-button',
      metadata: {},
    });
    const dashboard = `/_local/stripe/express/${accountId}`;
    const pressed = await fetch(`${stripe.url}/_local/stripe/accounts/${accountId}/payout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ back: dashboard }).toString(),
    });
    expect({ status: pressed.status, location: pressed.headers.get('location') }).toEqual({ status: 303, location: dashboard });
    expect(await stripe.payments.accountBalance(accountId)).toBe(0);
  });

  it('whose payout fails sends payout.failed through the Connect endpoint with the Payout’s failure code and message', async () => {
    const accountId = await stripe.onboarded('b-payout');
    const { chargeId } = await stripe.paid('o-payout');
    expect((await stripe.post(`/_local/stripe/accounts/${accountId}/payout-failed`, {})).status).toBe(409);
    await stripe.payments.createTransfer({
      idempotencyKey: 'release:o-payout',
      amountCents: 30_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o-payout',
      metadata: {},
    });
    const failed = await stripe.post(`/_local/stripe/accounts/${accountId}/payout-failed`, { failure_code: 'no_account' });
    expect(failed.status).toBe(200);
    expect(stripe.events.at(-1)).toMatchObject({
      type: 'payout.failed',
      account: accountId,
      endpoint: 'connect',
      data: {
        object: {
          object: 'payout',
          amount: 30_000,
          currency: 'usd',
          status: 'failed',
          failure_code: 'no_account',
          failure_message: expect.stringContaining('No bank account'),
        },
      },
    });
    expect((await stripe.post(`/_local/stripe/accounts/${accountId}/payout-failed`, { failure_code: 'tired' })).status).toBe(400);
    expect((await stripe.post('/_local/stripe/accounts/acct_unknown/payout-failed', {})).status).toBe(404);
  });
});

describe('the platform’s ledger', () => {
  it('holds each charge with Stripe’s 2.9 % + 30¢, each transfer out and reversal back, each refund out with the fee kept, and a dispute’s amount and fee', async () => {
    const accountId = await stripe.onboarded('b-ledger');
    const { sessionId, chargeId } = await stripe.paid('o-ledger', 40_000);
    const { transferId } = await stripe.payments.createTransfer({
      idempotencyKey: 'release:o-ledger',
      amountCents: 30_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o-ledger',
      metadata: {},
    });
    await stripe.payments.reverseTransfer({ idempotencyKey: 'reverse:o-ledger', transferId, amountCents: 30_000, metadata: {} });
    await stripe.post(`/_local/stripe/sessions/${sessionId}/refund?amount=10000`);
    await stripe.post(`/_local/stripe/sessions/${sessionId}/dispute`, { reason: 'fraudulent' });

    const fee = processingFeeCents(40_000);
    expect(fee).toBe(1_190);
    const listed = await stripe.ledger();
    expect(listed.data.map((t) => [t.type, t.amount, t.fee, t.net])).toEqual([
      ['adjustment', -30_000, 1_500, -31_500],
      ['refund', -10_000, 0, -10_000],
      ['transfer_refund', 30_000, 0, 30_000],
      ['transfer', -30_000, 0, -30_000],
      ['charge', 40_000, fee, 40_000 - fee],
    ]);
    expect(listed.data.at(-1)).toMatchObject({
      source: chargeId,
      status: 'pending',
      fee_details: [{ amount: fee, type: 'stripe_fee', description: 'Stripe processing fees' }],
    });
    expect(listed.platform_net_cents).toBe(40_000 - fee - 10_000 - 31_500);
    // Every object that moved money names its balance transaction.
    const ids = new Set(listed.data.map((t) => t.id));
    const [transfer] = await stripe.payments.listTransfers();
    const [reversal] = await stripe.payments.listReversals();
    const [refund] = await stripe.payments.listRefunds();
    for (const named of [transfer?.balance_transaction, reversal?.balance_transaction, refund?.balance_transaction]) expect(ids.has(String(named))).toBe(true);
  });

  it('is filtered by type and source, paged with limit and starting_after, and refuses a limit over 100', async () => {
    for (const order of ['o-page-1', 'o-page-2', 'o-page-3']) await stripe.paid(order, 1_000);
    const first = await stripe.ledger('?type=charge&limit=2');
    expect(first).toMatchObject({ object: 'list', has_more: true });
    expect(first.data).toHaveLength(2);
    const rest = await stripe.ledger(`?type=charge&limit=2&starting_after=${String(first.data[1]?.id)}`);
    expect(rest).toMatchObject({ has_more: false });
    expect(rest.data).toHaveLength(1);
    expect(first.platform_net_cents).toBe(3 * (1_000 - processingFeeCents(1_000)));
    expect((await stripe.ledger(`?source=${String(rest.data[0]?.source)}`)).data).toEqual(rest.data);
    expect((await stripe.ledger('?type=transfer')).data).toEqual([]);
    expect((await fetch(`${stripe.url}/_local/stripe/balance-transactions?limit=101`)).status).toBe(400);
  });
});

describe('the checkout page’s buttons', () => {
  it('are on a paid session’s page: an inquiry, a chargeback and a fraud warning, each back to the page', async () => {
    const { sessionId } = await stripe.paid('o-page');
    const page = await (await fetch(`${stripe.url}/_local/stripe/checkout/${sessionId}`)).text();
    for (const action of ['dispute', 'early-fraud-warning']) expect(page).toContain(`action="/_local/stripe/sessions/${sessionId}/${action}"`);
    expect(page).toContain('name="inquiry" value="true"');
    expect(page).toContain(`name="back" value="/_local/stripe/checkout/${sessionId}"`);
  });

  it('send a person back to the checkout page once done, and show them why when the step cannot be taken', async () => {
    const { sessionId } = await stripe.paid('o-buttons');
    const form = (path: string, fields: Record<string, string>) =>
      fetch(`${stripe.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ ...fields, back: `/_local/stripe/checkout/${sessionId}` }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      });
    const opened = await form(`/_local/stripe/sessions/${sessionId}/dispute`, { reason: 'fraudulent', inquiry: 'true' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/_local/stripe/checkout/${sessionId}`);
    expect((await stripe.payments.listDisputes())[0]).toMatchObject({ status: 'warning_needs_response' });
    const again = await form(`/_local/stripe/sessions/${sessionId}/dispute`, { reason: 'fraudulent' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Back to the checkout');
  });
});
