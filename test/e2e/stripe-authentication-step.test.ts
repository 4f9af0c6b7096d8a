/**
 * The local Stripe's pay page asks for authentication as Stripe's does: a buyer in a browser who
 * pays with the card that needs it (3-D Secure) gets the bank's page first, with Complete and
 * Fail; Complete pays, Fail charges nothing and leaves the checkout open to try again. A
 * declined card gets a page too, not JSON. Driven with the browser's own form posts.
 */
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

async function openCheckout(orderId: string): Promise<string> {
  const { sessionId } = await rt.payments.createCheckoutSession({
    idempotencyKey: `checkout:${orderId}`,
    orderId,
    itemName: 'GMK Olivia pledge',
    amountCents: 12_000,
    currency: 'usd',
    expiresAt: new Date(Date.now() + 60 * 60_000),
    metadata: { kind: 'pledge', pledge_id: orderId },
    successUrl: `${rt.url}/checkout/success`,
    cancelUrl: `${rt.url}/checkout/cancel`,
  });
  return sessionId;
}

/** A form post from the page, as a browser sends it. */
const post = (sessionId: string, fields: Record<string, string>) =>
  fetch(`${rt.url}/_local/stripe/sessions/${sessionId}/pay`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });

const status = async (sessionId: string) => (await rt.payments.listSessions()).find((s) => s.id === sessionId)?.status;

describe('the local Stripe’s pay page and a card that needs authentication', () => {
  it('offers the card that asks for authentication and the declined one beside Pay', async () => {
    const sessionId = await openCheckout('o-auth-1');
    const page = await (await fetch(`${rt.url}/_local/stripe/checkout/${sessionId}`)).text();
    expect(page).toContain('Pay with a card that asks for authentication (3-D Secure)');
    expect(page).toContain('name="card" value="declined"');
  });

  it('shows the bank’s page first, and pays once the buyer completes it', async () => {
    const sessionId = await openCheckout('o-auth-2');
    const asked = await post(sessionId, { card: 'authentication_required' });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('Your bank asks you to confirm this payment of <strong>$120.00</strong> (3-D Secure). Nothing is charged until you do.');
    expect(page).toContain('name="authentication" value="complete"');
    expect(await status(sessionId)).toBe('open');

    const completed = await post(sessionId, { card: 'authentication_required', authentication: 'complete' });
    expect(completed.status).toBe(303);
    expect(completed.headers.get('location')).toContain('/checkout/success');
    expect(await status(sessionId)).toBe('complete');
  });

  it('charges nothing when the buyer fails it, and leaves the checkout open to try again', async () => {
    const sessionId = await openCheckout('o-auth-3');
    const failed = await post(sessionId, { card: 'authentication_required', authentication: 'fail' });
    expect(failed.status).toBe(402);
    const page = await failed.text();
    expect(page).toContain('Your bank could not confirm the payment. Nothing was charged.');
    expect(page).toContain(`href="/_local/stripe/checkout/${sessionId}"`);
    expect(await status(sessionId)).toBe('open');
    expect((await post(sessionId, { card: 'authentication_required', authentication: 'complete' })).status).toBe(303);
  });

  it('answers a declined card in the browser with a page saying nothing was charged', async () => {
    const sessionId = await openCheckout('o-auth-4');
    const declined = await post(sessionId, { card: 'declined' });
    expect(declined.status).toBe(402);
    expect(declined.headers.get('content-type')).toContain('text/html');
    expect(await declined.text()).toContain('Your card was declined. Nothing was charged.');
    expect(await status(sessionId)).toBe('open');
  });
});
