/**
 * The local Stripe's routes for a card saved now and charged later, through the running
 * local runtime: `POST /_local/stripe/sessions/:id/pay` completes a setup-mode session with the
 * test card asked for, sending really signed `setup_intent.succeeded` and
 * `checkout.session.completed` that the real ingress takes; `GET /_local/stripe/payment-intents`
 * lists every PaymentIntent with its status, amount, `off_session` and metadata. The sessions
 * and charges are made as a function would make them, through the payments port.
 */
import type { ListedPaymentIntent } from '../../shared/local/stripe/off-session-world';
import type { SentStripeEvent } from '../../shared/local/stripe/sent-events';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

const consentText = 'You will be charged $120.00 on 1 March 2027, only if the group buy reaches its minimum.';
const inAnHour = () => new Date(Date.now() + 60 * 60_000);

/** A buyer's customer and an open setup-mode session for them, as a function opens one. */
async function setupSession(buyer: string): Promise<{ customerId: string; sessionId: string }> {
  const { customerId } = await rt.payments.createCustomer({ idempotencyKey: `customer:${buyer}`, metadata: { member_id: buyer } });
  const { sessionId } = await rt.payments.createCardSetupSession({
    idempotencyKey: `setup:${buyer}`,
    customerId,
    currency: 'usd',
    consentText,
    metadata: { kind: 'pledge', pledge_id: `p-${buyer}` },
    successUrl: `${rt.url}/checkout/success?session={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${rt.url}/checkout/cancel`,
    expiresAt: inAnHour(),
    shippingCountries: ['US'],
  });
  return { customerId, sessionId };
}

const pay = (sessionId: string, body?: unknown) =>
  fetch(`${rt.url}/_local/stripe/sessions/${sessionId}/pay`, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });

const getJson = async <T>(path: string): Promise<T> => (await (await fetch(`${rt.url}${path}`)).json()) as T;
const paymentIntents = async () => (await getJson<{ payment_intents: ListedPaymentIntent[] }>('/_local/stripe/payment-intents')).payment_intents;
const eventsAbout = async (...ids: string[]) =>
  (await getJson<{ events: SentStripeEvent[] }>('/_local/stripe/events')).events.filter((e) => e.objectId && ids.includes(e.objectId));

/** A card of `body`'s kind saved through the pay route, then charged off session for $120.00. */
async function chargedCard(buyer: string, body?: unknown) {
  const { customerId, sessionId } = await setupSession(buyer);
  expect((await pay(sessionId, body)).status).toBe(200);
  const { paymentMethodId } = await rt.payments.readCardSetup(sessionId);
  const charged = await rt.payments.chargeOffSession({
    idempotencyKey: `charge:${buyer}`,
    customerId,
    paymentMethodId: paymentMethodId as string,
    amountCents: 12_000,
    currency: 'usd',
    metadata: { kind: 'pledge', pledge_id: `p-${buyer}` },
  });
  const listed = (await paymentIntents()).find((pi) => pi.customer === customerId);
  return { sessionId, charged, listed };
}

describe('the local Stripe’s saved cards, through the running runtime', () => {
  it('completes a setup-mode session on the pay route with no body, saving a card that works, and the ingress takes both signed events', async () => {
    const { sessionId } = await setupSession('b1');
    const res = await pay(sessionId);
    expect(res.status).toBe(200);
    const { session } = (await res.json()) as { session: Record<string, unknown> };
    expect(session).toMatchObject({
      id: sessionId,
      mode: 'setup',
      status: 'complete',
      payment_status: 'no_payment_required',
      setup_intent: expect.stringMatching(/^seti_/),
    });
    const events = await eventsAbout(sessionId, session.setup_intent as string);
    expect(events.map((e) => [e.type, e.status])).toEqual([
      ['setup_intent.succeeded', 200],
      ['checkout.session.completed', 200],
    ]);
    await rt.settle();
    expect((await getJson<{ entries: unknown[] }>('/_local/dead-letters')).entries).toEqual([]);
    expect((await pay(sessionId)).status).toBe(409);
  });

  it('saves a card that demands authentication with {"card": "authentication_required"}: charged off session, its PaymentIntent is listed requires_payment_method', async () => {
    const { charged, listed } = await chargedCard('b2', { card: 'authentication_required' });
    expect(charged).toMatchObject({ outcome: 'authentication_required' });
    expect(listed).toMatchObject({ status: 'requires_payment_method', amount: 12_000, off_session: true, metadata: { kind: 'pledge', pledge_id: 'p-b2' } });
    expect((await eventsAbout(listed?.id ?? '')).map((e) => [e.type, e.status])).toEqual([['payment_intent.payment_failed', 200]]);
  });

  it('saves a card that is declined with {"card": "declined"}: charged off session, its PaymentIntent is listed with Stripe’s card_declined', async () => {
    const { charged, listed } = await chargedCard('b3', { card: 'declined' });
    expect(charged).toMatchObject({ outcome: 'declined', code: 'card_declined' });
    expect(listed).toMatchObject({
      status: 'requires_payment_method',
      off_session: true,
      last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' },
    });
  });

  it('lists a card that works, charged off session, as succeeded with its charge and the payment_intent.succeeded the ingress took', async () => {
    const { charged, listed } = await chargedCard('b4');
    expect(charged).toMatchObject({ outcome: 'succeeded' });
    expect(listed).toMatchObject({ status: 'succeeded', amount: 12_000, off_session: true, latest_charge: expect.stringMatching(/^ch_/) });
    expect((await eventsAbout(listed?.id ?? '')).map((e) => [e.type, e.status])).toEqual([['payment_intent.succeeded', 200]]);
  });

  it('refuses a card it does not have with a 400, and the session stays open', async () => {
    const { sessionId } = await setupSession('b5');
    const res = await pay(sessionId, { card: 'stolen' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'card is one of works, authentication_required, declined' });
    expect((await rt.payments.readCardSetup(sessionId)).status).toBe('open');
  });

  it('shows the setup page with the consent beside the buttons, one per test card', async () => {
    const { sessionId } = await setupSession('b6');
    const page = await (await fetch(`${rt.url}/_local/stripe/checkout/${sessionId}`)).text();
    expect(page).toContain('Save a card for later');
    expect(page).toContain('You will be charged $120.00 on 1 March 2027');
    for (const card of ['works', 'authentication_required', 'declined']) expect(page).toContain(`name="card" value="${card}"`);
  });

  it('lets the customer pay on session in a payment-mode Checkout, listed off_session false, and refuses a declined card there with a 402', async () => {
    const { customerId } = await setupSession('b7');
    const open = (orderId: string) =>
      rt.payments.createCheckoutSession({
        idempotencyKey: `checkout:${orderId}`,
        orderId,
        itemName: 'GMK Olivia pledge',
        amountCents: 12_000,
        currency: 'usd',
        expiresAt: inAnHour(),
        metadata: { kind: 'pledge', pledge_id: orderId },
        successUrl: `${rt.url}/checkout/success`,
        cancelUrl: `${rt.url}/checkout/cancel`,
        customerId,
      });
    const declined = await open('p-b7-declined');
    expect((await pay(declined.sessionId, { card: 'declined' })).status).toBe(402);
    const { sessionId } = await open('p-b7');
    expect((await pay(sessionId, { card: 'authentication_required' })).status).toBe(200);
    const onSession = (await paymentIntents()).filter((pi) => pi.customer === customerId);
    expect(onSession).toEqual([expect.objectContaining({ status: 'succeeded', amount: 12_000, off_session: false })]);
  });
});
