/**
 * The local Stripe's own routes refuse what Stripe refuses and make what Stripe makes on its
 * own schedule, driven as the playground, the soak and an outside check drive them: the
 * dashboard's Refund of a charged-back charge, a Payment Link under Stripe's minimum, the
 * platform's automatic payout (`POST /_local/stripe/payouts`) and a month's Connect fees
 * (`POST /_local/stripe/connect-fees`). Every event is checked as the webhook ingress checks
 * it (signed with the platform's or the Connect endpoint's secret).
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

const platformSecret = 'whsec_strict_platform';
const connectSecret = 'whsec_strict_connect';
const day = 24 * 60 * 60 * 1000;

type Json = Record<string, unknown> & { error?: string; code?: string };

async function startStripe() {
  let nowMs = Date.parse('2026-11-02T12:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const app = express();
  app.use(express.raw({ type: () => true }));
  const events: Array<{ type: string; account?: string; data: { object: Record<string, unknown> } }> = [];
  app.post('/webhooks/stripe', (req, res) => {
    const body = req.body as Buffer;
    const signed = (secret: string) => verifyStripeSignature(body, req.get('stripe-signature'), secret, Math.floor(nowMs / 1000));
    if (!signed(platformSecret) && !signed(connectSecret)) return void res.status(401).send('bad signature');
    events.push(JSON.parse(body.toString('utf8')) as (typeof events)[number]);
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
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  let orders = 0;
  const paid = async (amountCents = 40_000) => {
    const orderId = `o${++orders}`;
    const { sessionId } = await payments.createCheckoutSession({
      idempotencyKey: `checkout:${orderId}`,
      orderId,
      itemName: 'Tofu65 build',
      amountCents,
      currency: 'usd',
      expiresAt: new Date(nowMs + 60 * 60_000),
      metadata: { order_id: orderId },
      successUrl: `${url}/done`,
      cancelUrl: `${url}/cancelled`,
    });
    await call('POST', `/_local/stripe/sessions/${sessionId}/pay`);
    return { sessionId, chargeId: (await payments.chargeOfSession(sessionId)) as string };
  };
  return {
    payments,
    events,
    call,
    paid,
    advance: (ms: number) => void (nowMs += ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let stripe: Awaited<ReturnType<typeof startStripe>>;
beforeEach(async () => (stripe = await startStripe()));
afterEach(() => stripe.close());

describe('the dashboard’s Refund', () => {
  it('of a charged-back charge is refused by session and by charge with Stripe’s charge_disputed, a 400 that changes nothing', async () => {
    const { sessionId, chargeId } = await stripe.paid();
    await stripe.call('POST', `/_local/stripe/sessions/${sessionId}/dispute`, { reason: 'fraudulent' });
    const before = stripe.events.length;
    const refused = { error: `Charge ${chargeId} has been charged back; cannot issue a refund.`, code: 'charge_disputed' };
    expect(await stripe.call('POST', `/_local/stripe/sessions/${sessionId}/refund`)).toEqual({ status: 400, json: refused });
    expect(await stripe.call('POST', `/_local/stripe/charges/${chargeId}/refund?amount=1000`)).toEqual({ status: 400, json: refused });
    expect(stripe.events.length).toBe(before);
    expect(await stripe.payments.listRefunds()).toEqual([]);
  });

  it('of a charge refunded in full answers Stripe’s charge_already_refunded', async () => {
    const { chargeId } = await stripe.paid();
    expect((await stripe.call('POST', `/_local/stripe/charges/${chargeId}/refund`)).status).toBe(200);
    expect(await stripe.call('POST', `/_local/stripe/charges/${chargeId}/refund`)).toMatchObject({
      status: 409,
      json: { error: `Charge ${chargeId} has already been refunded.`, code: 'charge_already_refunded' },
    });
  });
});

it('refuses a Payment Link under Stripe’s minimum charge with amount_too_small, opening nothing', async () => {
  expect(await stripe.call('POST', '/_local/stripe/payment-links/900000000000000001?amount=0.49&currency=usd')).toEqual({
    status: 400,
    json: { error: "The Checkout Session's total amount due must add up to at least $0.50 usd", code: 'amount_too_small' },
  });
  expect(await stripe.payments.listSessions()).toEqual([]);
});

describe('POST /_local/stripe/payouts', () => {
  it('pays out what the platform holds available, sending payout.created then payout.paid to the platform endpoint, and lists it', async () => {
    await stripe.paid();
    expect(await stripe.call('POST', '/_local/stripe/payouts', {})).toMatchObject({ status: 409, json: { pending: { usd: 38_810 } } });
    stripe.advance(2 * day);
    const made = await stripe.call('POST', '/_local/stripe/payouts');
    expect(made).toMatchObject({ status: 200, json: { payouts: [{ object: 'payout', amount: 38_810, currency: 'usd', status: 'paid' }], delivered: true } });
    expect(stripe.events.slice(-2).map((e) => [e.type, e.account, e.data.object.status])).toEqual([
      ['payout.created', undefined, 'pending'],
      ['payout.paid', undefined, 'paid'],
    ]);
    const listed = await stripe.call('GET', '/_local/stripe/payouts');
    expect(listed.json.payouts).toEqual([expect.objectContaining({ amount: 38_810, account: null })]);
    const ledger = await stripe.call('GET', '/_local/stripe/balance-transactions?type=payout');
    expect(ledger.json).toMatchObject({ data: [{ type: 'payout', reporting_category: 'payout', amount: -38_810 }] });
  });

  it('plays a payout the bank sends back with {"fail": true} or a failure code, sending payout.failed, and refuses any other body', async () => {
    await stripe.paid();
    stripe.advance(2 * day);
    const failed = await stripe.call('POST', '/_local/stripe/payouts', { fail: true });
    expect(failed.json.payouts).toEqual([expect.objectContaining({ status: 'failed', failure_code: 'account_closed' })]);
    expect(stripe.events.at(-1)).toMatchObject({ type: 'payout.failed', data: { object: { failure_code: 'account_closed' } } });
    const closed = await stripe.call('POST', '/_local/stripe/payouts', { failure_code: 'no_account' });
    expect(closed.json.payouts).toEqual([expect.objectContaining({ status: 'failed', failure_code: 'no_account', amount: 38_810 })]);
    for (const body of [{ fail: 'yes' }, { failure_code: 'tired' }, { amount: 5 }, '[]', 'not json'])
      expect(await stripe.call('POST', '/_local/stripe/payouts', body)).toMatchObject({
        status: 400,
        json: { error: expect.stringContaining('"fail": true') },
      });
  });
});

describe('POST /_local/stripe/connect-fees', () => {
  it('bills a month’s Connect fees once, answering the lines, and refuses a body without a month', async () => {
    const { chargeId } = await stripe.paid();
    const { accountId } = await stripe.payments.createConnectedAccount({ idempotencyKey: 'a', builderId: 'b1', country: 'US', serviceAgreement: 'full' });
    await stripe.payments.completeOnboarding(accountId);
    await stripe.payments.createTransfer({
      idempotencyKey: 't',
      amountCents: 30_000,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o1',
      metadata: {},
    });
    await stripe.call('POST', `/_local/stripe/accounts/${accountId}/payout`);
    const billed = await stripe.call('POST', '/_local/stripe/connect-fees', { month: '2026-11' });
    expect(billed).toMatchObject({ status: 200, json: { month: '2026-11', billed_now: true } });
    expect((billed.json.balance_transactions as Array<{ amount: number }>).map((t) => t.amount).sort()).toEqual([-200, -25, -75]);
    expect(await stripe.call('POST', '/_local/stripe/connect-fees', { month: '2026-11' })).toMatchObject({
      status: 200,
      json: { billed_now: false, balance_transactions: billed.json.balance_transactions },
    });
    expect((await stripe.call('POST', '/_local/stripe/connect-fees', {})).status).toBe(400);
    expect(await stripe.call('POST', '/_local/stripe/connect-fees', { month: '2026-13' })).toMatchObject({
      status: 400,
      json: { error: expect.stringContaining('YYYY-MM') },
    });
  });
});
