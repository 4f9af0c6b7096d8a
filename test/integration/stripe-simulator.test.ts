import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { verifyStripeSignature } from '../../shared/adapters/stripe/stripe-signature';
import { mountStripeSimulator } from '../../shared/local/stripe/simulator';
import { makeStripeEventSender } from '../../shared/local/stripe/event-sender';
import { StripeRedelivery } from '../../shared/local/stripe/redelivery';
import { stripeApiVersion } from '../../shared/adapters/stripe/api-version';
import { usAndCanadaShipping } from '../support/shipping';
import { personPseudonym } from '../../shared/log';

const secret = 'whsec_simulator_test';
/** The Connect endpoint's: connected accounts' events are signed with it. */
const connectSecret = 'whsec_simulator_connect_test';
const clock = { now: () => new Date('2026-11-21T12:00:00Z') };

interface ReceivedEvent {
  id: string;
  type: string;
  api_version: string;
  data: { object: Record<string, unknown> };
}

/**
 * The simulator on an express app shaped like the local runtime's (raw bodies for every
 * route), with a recorder in place of the Stripe webhook ingress that checks each
 * event's signature as the ingress does.
 */
async function startSimulator() {
  const app = express();
  app.use(express.raw({ type: () => true }));
  const events: ReceivedEvent[] = [];
  const signedWith: string[] = [];
  /** `refuseSignatures`: how many deliveries to come are refused 401 whatever they carry, as after the clock moved. */
  const webhook = { status: 200, refuseSignatures: 0, attempts: 0 };
  app.post('/webhooks/stripe', (req, res) => {
    const body = req.body as Buffer;
    webhook.attempts++;
    if (webhook.refuseSignatures > 0 && webhook.refuseSignatures--) return void res.status(401).send('stale signature');
    const now = Math.floor(clock.now().getTime() / 1000);
    const which = [secret, connectSecret].find((s) => verifyStripeSignature(body, req.get('stripe-signature'), s, now));
    if (!which) return void res.status(401).send('bad signature');
    signedWith.push(which);
    if (webhook.status === 200) events.push(JSON.parse(body.toString('utf8')) as ReceivedEvent);
    res.status(webhook.status).send('ok');
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Stripe's later attempts, a few milliseconds apart here: what is tested is that they come, not when.
  const redelivery = new StripeRedelivery(clock, { firstWaitMs: 5, longestWaitMs: 20, forMs: 3 * 24 * 3_600_000 });
  const payments = new LocalPayments({
    store: new LocalDocumentStore(),
    baseUrl: url,
    clock,
    sendEvent: makeStripeEventSender(`${url}/webhooks/stripe`, { platform: secret, connect: connectSecret }, clock, undefined, undefined, redelivery),
  });
  mountStripeSimulator(app, { payments });
  return {
    url,
    payments,
    events,
    signedWith,
    webhook,
    redelivery,
    openSession: async (orderId = 'o1') =>
      (
        await payments.createCheckoutSession({
          idempotencyKey: `checkout:${orderId}`,
          orderId,
          itemName: 'Tofu65 <build>',
          amountCents: 24_999,
          currency: 'usd',
          expiresAt: new Date('2026-11-21T12:30:00Z'),
          metadata: { order_id: orderId },
          successUrl: `${url}/checkout/done?session={CHECKOUT_SESSION_ID}`,
          cancelUrl: `${url}/checkout/cancelled?order=${orderId}`,
        })
      ).sessionId,
    close: () => {
      redelivery.stop();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves once `done` holds, looking again every few milliseconds (jest's own timeout bounds it). */
async function eventually(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the local Stripe simulator’s routes', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  beforeEach(async () => (sim = await startSimulator()));
  afterEach(() => sim.close());

  const post = (path: string, headers: Record<string, string> = {}) => fetch(`${sim.url}${path}`, { method: 'POST', headers, redirect: 'manual' });

  it('pays an open session and sends a correctly signed checkout.session.completed', async () => {
    const id = await sim.openSession();
    const res = await post(`/_local/stripe/sessions/${id}/pay`);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { session: Record<string, unknown>; delivered: boolean };
    expect(answer).toMatchObject({ delivered: true, session: { id, status: 'complete', payment_status: 'paid' } });
    expect(sim.events).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^evt_local_/),
        object: 'event',
        type: 'checkout.session.completed',
        livemode: false,
        data: { object: answer.session },
      }),
    ]);
    expect((await post(`/_local/stripe/sessions/${id}/pay`)).status).toBe(409);
    expect(sim.events).toHaveLength(1);
  });

  it('asks a shipped session’s buyer for an address in its countries, and completes it with the address and the shipping paid as the pinned API version sends them', async () => {
    const { sessionId: id } = await sim.payments.createCheckoutSession({
      idempotencyKey: 'checkout:ship1',
      orderId: 'ship1',
      itemName: 'Tofu65',
      amountCents: 10_000,
      currency: 'usd',
      expiresAt: new Date('2026-11-21T12:30:00Z'),
      metadata: { order_id: 'ship1' },
      successUrl: `${sim.url}/checkout/done`,
      cancelUrl: `${sim.url}/checkout/cancelled`,
      shipping: usAndCanadaShipping(),
    });
    const listed = ((await (await fetch(`${sim.url}/_local/stripe/sessions`)).json()) as { sessions: Array<Record<string, unknown>> }).sessions[0];
    expect(listed).toMatchObject({
      shipping_address_collection: { allowed_countries: ['CA', 'US'] },
      shipping_options: [
        {
          shipping_amount: 800,
          shipping_rate: {
            object: 'shipping_rate',
            type: 'fixed_amount',
            display_name: 'Shipping to an address in US',
            fixed_amount: { amount: 800, currency: 'usd' },
          },
        },
        {
          shipping_amount: 2_500,
          shipping_rate: { delivery_estimate: { minimum: { unit: 'business_day', value: 8 }, maximum: { unit: 'business_day', value: 18 } } },
        },
      ],
      shipping_cost: null,
      collected_information: null,
    });
    const pay = (body: unknown) =>
      fetch(`${sim.url}/_local/stripe/sessions/${id}/pay`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const address = { line1: '1 Maple Rd', city: 'Toronto', postal_code: 'M5V 2T6', state: 'ON', country: 'GB' };
    expect((await pay({ shipping: { name: 'Kim', address } })).status).toBe(400);
    expect((await pay({ shipping: { name: 'Kim', address: { ...address, country: '' } } })).status).toBe(400);
    expect(sim.events).toEqual([]);

    expect((await pay({ shipping: { name: 'Kim', address: { ...address, country: 'CA' } } })).status).toBe(200);
    const completed = sim.events[0]?.data.object as unknown as Stripe.Checkout.Session;
    expect(completed.collected_information?.shipping_details).toEqual({
      name: 'Kim',
      address: { line1: '1 Maple Rd', line2: null, city: 'Toronto', state: 'ON', postal_code: 'M5V 2T6', country: 'CA' },
    });
    // No option named: the one for the address's country, as a buyer would pick it.
    expect(completed.shipping_cost).toMatchObject({
      amount_subtotal: 2_500,
      amount_tax: 0,
      amount_total: 2_500,
      shipping_rate: expect.stringMatching(/^shr_local_/),
    });
    expect([completed.amount_subtotal, completed.amount_total]).toEqual([10_000, 12_500]);
    const charge = await sim.payments.chargeOfSession(id);
    expect((await post(`/_local/stripe/charges/${charge}/refund?amount=12500`)).status).toBe(200);
  });

  it('pays by bank debit: the session completes unpaid, then the bank’s answer sends async_payment_succeeded or async_payment_failed', async () => {
    const [debited, bounced] = [await sim.openSession('o1'), await sim.openSession('o2')];
    expect((await post(`/_local/stripe/sessions/${debited}/pay?method=bank-debit`)).status).toBe(200);
    expect((await post(`/_local/stripe/sessions/${bounced}/pay?method=bank-debit`)).status).toBe(200);
    expect((await post(`/_local/stripe/sessions/${debited}/settle?outcome=succeeded`)).status).toBe(200);
    expect((await post(`/_local/stripe/sessions/${bounced}/settle?outcome=failed`)).status).toBe(200);
    expect(sim.events.map((e) => [e.type, e.data.object.id, e.data.object.status, e.data.object.payment_status])).toEqual([
      ['checkout.session.completed', debited, 'complete', 'unpaid'],
      ['checkout.session.completed', bounced, 'complete', 'unpaid'],
      ['checkout.session.async_payment_succeeded', debited, 'complete', 'paid'],
      ['checkout.session.async_payment_failed', bounced, 'complete', 'unpaid'],
    ]);
    // The bank answers once; an unknown method or outcome is refused.
    expect((await post(`/_local/stripe/sessions/${bounced}/settle?outcome=succeeded`)).status).toBe(409);
    expect((await post(`/_local/stripe/sessions/${await sim.openSession('o3')}/pay?method=cheque`)).status).toBe(400);
    expect((await post(`/_local/stripe/sessions/${debited}/settle?outcome=maybe`)).status).toBe(400);
    expect(sim.events).toHaveLength(4);
  });

  it('sends a browser that paid to the success url with the session id filled in', async () => {
    const id = await sim.openSession();
    const res = await post(`/_local/stripe/sessions/${id}/pay`, { accept: 'text/html,application/xhtml+xml' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${sim.url}/checkout/done?session=${id}`);
  });

  it('expires an open session, sends checkout.session.expired, and sends a browser to the cancel url', async () => {
    const id = await sim.openSession();
    const res = await post(`/_local/stripe/sessions/${id}/expire`, { accept: 'text/html' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${sim.url}/checkout/cancelled?order=o1`);
    expect(sim.events.map((e) => [e.type, e.data.object.id, e.data.object.status])).toEqual([['checkout.session.expired', id, 'expired']]);
    expect((await post(`/_local/stripe/sessions/${id}/expire`)).status).toBe(409);
    expect((await post('/_local/stripe/sessions/cs_local_nope/expire')).status).toBe(404);
  });

  it('refunds a charge it made and sends charge.refunded with the charge', async () => {
    const id = await sim.openSession();
    await post(`/_local/stripe/sessions/${id}/pay`);
    const paymentIntent = String(sim.events[0]?.data.object.payment_intent);
    const { chargeId } = await sim.payments.chargeOfPayment(paymentIntent);
    const res = await post(`/_local/stripe/charges/${chargeId}/refund`);
    expect(res.status).toBe(200);
    expect(sim.events[1]).toMatchObject({
      type: 'charge.refunded',
      data: {
        object: {
          id: chargeId,
          object: 'charge',
          amount: 24_999,
          amount_refunded: 24_999,
          refunded: true,
          payment_intent: paymentIntent,
          currency: 'usd',
          metadata: { order_id: 'o1' },
        },
      },
    });
    expect((await post(`/_local/stripe/charges/${chargeId}/refund`)).status).toBe(409);
    expect((await post('/_local/stripe/charges/ch_not_ours/refund')).status).toBe(404);
  });

  it('refuses our refund of a charged-back charge while its dispute is open or lost, replays the refusal under its key, and refunds once it is won', async () => {
    const charged = async (orderId: string) => {
      const id = await sim.openSession(orderId);
      await post(`/_local/stripe/sessions/${id}/pay`);
      const paymentIntent = String(sim.events.at(-1)?.data.object.payment_intent);
      return (await sim.payments.chargeOfPayment(paymentIntent)).chargeId;
    };
    const refund = (chargeId: string, idempotencyKey: string) =>
      sim.payments.refund({ idempotencyKey, chargeId, amountCents: 1_000, metadata: { order_id: 'o1' } });
    const lost = await charged('o-lost');
    const opened = await sim.payments.openDispute(lost, { reason: 'fraudulent' });
    if (opened.result !== 'changed') throw new Error('no dispute opened');
    // Stripe's own words and code (charge_disputed), whatever the dispute's state.
    const chargedBack = { name: 'PaymentRefused', message: `Charge ${lost} has been charged back; cannot issue a refund.`, stripeCode: 'charge_disputed' };
    await expect(refund(lost, 'refund:open')).rejects.toMatchObject(chargedBack);
    await sim.payments.closeDispute(opened.object.id, 'lost');
    await expect(refund(lost, 'refund:lost')).rejects.toMatchObject(chargedBack);
    await expect(refund(lost, 'refund:open')).rejects.toMatchObject(chargedBack);

    const won = await charged('o-won');
    const contested = await sim.payments.openDispute(won, { reason: 'product_not_received' });
    if (contested.result !== 'changed') throw new Error('no dispute opened');
    await sim.payments.closeDispute(contested.object.id, 'won');
    expect(await refund(won, 'refund:won')).toMatchObject({ chargeRefundedCents: 1_000 });
  });

  it('completes onboarding when the link is opened, sending account.updated and showing a page', async () => {
    const { accountId } = await sim.payments.createConnectedAccount({
      builderId: 'u1',
      country: 'US',
      serviceAgreement: 'full',
      idempotencyKey: 'connect-account:u1',
    });
    const { url } = await sim.payments.createOnboardingLink({ idempotencyKey: 'onboarding-link:i1', accountId, refreshUrl: 'r', returnUrl: 'd' });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('Discord');
    expect(sim.events).toEqual([
      expect.objectContaining({
        type: 'account.updated',
        account: accountId,
        data: {
          object: expect.objectContaining({
            id: accountId,
            object: 'account',
            charges_enabled: false,
            payouts_enabled: true,
            details_submitted: true,
            metadata: { builder_pseudonym: personPseudonym('u1') },
          }),
        },
      }),
    ]);
    // As from Stripe's Connect endpoint: signed with its secret, not the platform endpoint's.
    expect(sim.signedWith).toEqual([connectSecret]);
    expect((await fetch(`${sim.url}/_local/stripe/onboarding/acct_local_nope`)).status).toBe(404);
  });

  it('shows a checkout page with the item, the amount and the two buttons, escaping what people typed', async () => {
    const id = await sim.openSession();
    const res = await fetch(`${sim.url}/_local/stripe/checkout/${id}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Tofu65 &lt;build&gt;');
    expect(html).not.toContain('<build>');
    expect(html).toContain('$249.99');
    expect(html).toContain(`action="/_local/stripe/sessions/${id}/pay"`);
    expect(html).toContain(`action="/_local/stripe/sessions/${id}/expire"`);
    expect((await fetch(`${sim.url}/_local/stripe/checkout/cs_local_nope`)).status).toBe(404);
  });

  it('shows each line of a checkout that pays for several lots, and their total', async () => {
    const { sessionId } = await sim.payments.createCheckoutSession({
      idempotencyKey: 'checkout:show-c1',
      orderId: 'c1',
      itemName: 'Friday night keebs: 2 lots from juno',
      amountCents: 37_345,
      lineItems: [
        { name: 'Tofu65 <e-white>', amountCents: 25_000 },
        { name: 'Mode Sonnet', amountCents: 12_345 },
      ],
      currency: 'usd',
      expiresAt: new Date('2026-11-21T12:30:00Z'),
      metadata: { kind: 'show-checkout', show_checkout_id: 'c1' },
      successUrl: `${sim.url}/checkout/done?session={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${sim.url}/checkout/cancelled`,
    });
    const html = await (await fetch(`${sim.url}/_local/stripe/checkout/${sessionId}`)).text();
    expect(html).toContain('2 items');
    expect(html).toContain('Tofu65 &lt;e-white&gt;: $250.00');
    expect(html).toContain('Mode Sonnet: $123.45');
    expect(html).toContain('Total: $373.45');
    expect(html).toContain('Pay $373.45');
  });

  it('lists sessions newest first and the transfers made', async () => {
    const first = await sim.openSession('o1');
    const second = await sim.openSession('o2');
    const { sessions } = (await (await fetch(`${sim.url}/_local/stripe/sessions`)).json()) as { sessions: Array<{ id: string }> };
    expect(sessions.map((s) => s.id)).toEqual([second, first]);

    const { accountId } = await sim.payments.createConnectedAccount({
      builderId: 'u1',
      country: 'US',
      serviceAgreement: 'full',
      idempotencyKey: 'connect-account:u1',
    });
    await sim.payments.completeOnboarding(accountId);
    await post(`/_local/stripe/sessions/${first}/pay`);
    const { chargeId } = await sim.payments.chargeOfPayment(
      String(sim.events.find((e) => e.type === 'checkout.session.completed')?.data.object.payment_intent),
    );
    const { transferId } = await sim.payments.createTransfer({
      idempotencyKey: 'payout:o1',
      amountCents: 22_499,
      currency: 'usd',
      destination: accountId,
      sourceTransaction: chargeId,
      transferGroup: 'o1',
      metadata: {},
    });
    const { transfers } = (await (await fetch(`${sim.url}/_local/stripe/transfers`)).json()) as { transfers: Array<{ id: string }> };
    expect(transfers).toEqual([expect.objectContaining({ id: transferId, object: 'transfer', amount: 22_499, destination: accountId })]);
  });

  it('says so when the webhook refuses an event, leaving the session paid as Stripe would', async () => {
    const id = await sim.openSession();
    sim.webhook.status = 500;
    const res = await post(`/_local/stripe/sessions/${id}/pay`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ delivered: false, session: { id, status: 'complete' } });
  });

  it('goes on sending an event its webhook refused through every first attempt, until the webhook takes it, as Stripe does for days', async () => {
    const id = await sim.openSession('o-down-a-while');
    sim.webhook.status = 500;
    expect((await post(`/_local/stripe/sessions/${id}/expire`)).status).toBe(502);
    expect(sim.redelivery.pending).toBe(1);
    sim.webhook.status = 200;
    await eventually(() => sim.events.some((e) => e.type === 'checkout.session.expired'));
    await eventually(() => sim.redelivery.pending === 0);
    expect(sim.events.filter((e) => e.type === 'checkout.session.expired').map((e) => e.data.object.id)).toEqual([id]);
  });

  it('sends an event again when the webhook refused it 401, as Stripe resends on any answer but a 2xx', async () => {
    const id = await sim.openSession('o-refused-once');
    const before = sim.events.length;
    sim.webhook.refuseSignatures = 1;
    sim.webhook.attempts = 0;
    const res = await post(`/_local/stripe/sessions/${id}/pay`);
    expect(res.status).toBe(200);
    expect(sim.webhook.attempts).toBe(2);
    expect(sim.events.slice(before).map((e) => e.type)).toEqual(['checkout.session.completed']);
  });

  it('stamps events with the pinned API version, the one the stripe SDK we depend on types', async () => {
    await post(`/_local/stripe/sessions/${await sim.openSession()}/pay`);
    expect(sim.events[0]?.api_version).toBe(stripeApiVersion);
    expect(stripeApiVersion).toBe(Stripe.API_VERSION);
  });
});
