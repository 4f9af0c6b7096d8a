import Stripe from 'stripe';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import type { Payments } from '../../shared/ports';
import { usAndCanadaShipping } from '../support/shipping';
import { personPseudonym } from '../../shared/log';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The form-encoded parameters, flat as sent: `line_items[0][quantity]` -> `1`. */
  form: Record<string, string>;
}

/** What the stand-in answers, or `lost`: it does the work and the connection drops before the answer gets back. */
type Answer = (request: Received) => [status: number, body: unknown] | 'lost';

/** A stand-in for api.stripe.com on 127.0.0.1 that records each request and answers as the test says. */
function fakeStripe() {
  const received: Received[] = [];
  let answer: Answer = () => [500, { error: { message: 'no answer set' } }];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      };
      received.push(request);
      const answered = answer(request);
      if (answered === 'lost') return void res.socket?.destroy();
      const [status, body] = answered;
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${received.length}` }).end(JSON.stringify(body));
    });
  });
  return {
    received,
    answer: (next: Answer) => (answer = next),
    start: async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the Stripe payments adapter, against a local stand-in for the Stripe API', () => {
  const stripe = fakeStripe();
  let payments: Payments;
  let port: number;

  beforeAll(async () => {
    port = await stripe.start();
    payments = createStripePayments('sk_test_adapter', { host: '127.0.0.1', port, protocol: 'http' });
  });
  afterAll(() => stripe.stop());
  beforeEach(() => stripe.received.splice(0));

  it('creates a payment-mode Checkout Session for one item, grouped for later transfers, with our idempotency key', async () => {
    stripe.answer(() => [200, { id: 'cs_test_1', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_1', expires_at: 1_800_001_800 }]);
    const session = await payments.createCheckoutSession({
      idempotencyKey: 'checkout:o1',
      orderId: 'o1',
      itemName: 'Tofu65 build',
      imageUrl: 'https://cdn.example/tofu.png',
      amountCents: 24_999,
      currency: 'usd',
      expiresAt: new Date(1_800_001_800_000),
      metadata: { order_id: 'o1', guild_id: 'g1' },
      successUrl: 'https://c500.example/checkout/done?session={CHECKOUT_SESSION_ID}',
      cancelUrl: 'https://c500.example/checkout/cancelled',
    });
    expect(session).toEqual({
      sessionId: 'cs_test_1',
      url: 'https://checkout.stripe.com/c/pay/cs_test_1',
      expiresAt: new Date(1_800_001_800_000).toISOString(),
    });
    const [request] = stripe.received;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions' });
    expect(request?.headers['idempotency-key']).toBe('checkout:o1');
    expect(request?.headers.authorization).toBe('Bearer sk_test_adapter');
    expect(request?.form).toEqual({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '24999',
      'line_items[0][price_data][product_data][name]': 'Tofu65 build',
      'line_items[0][price_data][product_data][images][0]': 'https://cdn.example/tofu.png',
      client_reference_id: 'o1',
      'metadata[order_id]': 'o1',
      'metadata[guild_id]': 'g1',
      'payment_intent_data[transfer_group]': 'o1',
      'payment_intent_data[metadata][order_id]': 'o1',
      'payment_intent_data[metadata][guild_id]': 'g1',
      expires_at: '1800001800',
      success_url: 'https://c500.example/checkout/done?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://c500.example/checkout/cancelled',
    });
  });

  it('asks for the address only in the builder’s countries and offers each shipping option as a fixed amount with its delivery estimate', async () => {
    stripe.answer(() => [200, { id: 'cs_test_ship', url: 'https://checkout.stripe.com/c/pay/cs_test_ship', expires_at: 1_800_001_800 }]);
    await payments.createCheckoutSession({
      idempotencyKey: 'checkout:o9',
      orderId: 'o9',
      itemName: 'Tofu65 build',
      amountCents: 24_999,
      currency: 'usd',
      expiresAt: new Date(1_800_001_800_000),
      metadata: {},
      successUrl: 'https://c500.example/checkout/done',
      cancelUrl: 'https://c500.example/checkout/cancelled',
      shipping: usAndCanadaShipping(800, 0),
    });
    const form = stripe.received[0]?.form ?? {};
    const shipping = Object.fromEntries(Object.entries(form).filter(([key]) => key.startsWith('shipping')));
    expect(shipping).toEqual({
      'shipping_address_collection[allowed_countries][0]': 'CA',
      'shipping_address_collection[allowed_countries][1]': 'US',
      'shipping_options[0][shipping_rate_data][type]': 'fixed_amount',
      'shipping_options[0][shipping_rate_data][display_name]': 'Shipping to an address in US',
      'shipping_options[0][shipping_rate_data][fixed_amount][amount]': '800',
      'shipping_options[0][shipping_rate_data][fixed_amount][currency]': 'usd',
      'shipping_options[0][shipping_rate_data][delivery_estimate][minimum][unit]': 'business_day',
      'shipping_options[0][shipping_rate_data][delivery_estimate][minimum][value]': '5',
      'shipping_options[0][shipping_rate_data][delivery_estimate][maximum][unit]': 'business_day',
      'shipping_options[0][shipping_rate_data][delivery_estimate][maximum][value]': '8',
      'shipping_options[1][shipping_rate_data][type]': 'fixed_amount',
      'shipping_options[1][shipping_rate_data][display_name]': 'Shipping to an address outside US',
      'shipping_options[1][shipping_rate_data][fixed_amount][amount]': '0',
      'shipping_options[1][shipping_rate_data][fixed_amount][currency]': 'usd',
      'shipping_options[1][shipping_rate_data][delivery_estimate][minimum][unit]': 'business_day',
      'shipping_options[1][shipping_rate_data][delivery_estimate][minimum][value]': '8',
      'shipping_options[1][shipping_rate_data][delivery_estimate][maximum][unit]': 'business_day',
      'shipping_options[1][shipping_rate_data][delivery_estimate][maximum][value]': '18',
    });
  });

  it('leaves out images when the item has none, and refuses an amount that is not whole cents before calling Stripe', async () => {
    stripe.answer(() => [200, { id: 'cs_test_2', url: 'https://checkout.stripe.com/c/pay/cs_test_2', expires_at: 1_800_001_800 }]);
    const request = {
      idempotencyKey: 'checkout:o2',
      orderId: 'o2',
      itemName: 'Keycaps',
      amountCents: 5000,
      currency: 'usd',
      expiresAt: new Date(1_800_001_800_000),
      metadata: {},
      successUrl: 'https://s',
      cancelUrl: 'https://c',
    };
    await payments.createCheckoutSession(request);
    expect(Object.keys(stripe.received[0]?.form ?? {}).some((key) => key.includes('images'))).toBe(false);
    await expect(payments.createCheckoutSession({ ...request, amountCents: 49.99 })).rejects.toThrow(RangeError);
    expect(stripe.received).toHaveLength(1);
  });

  it('sends a show checkout’s lots as one line item each, adding up to the charge, and refuses lines that do not', async () => {
    stripe.answer(() => [200, { id: 'cs_test_3', url: 'https://checkout.stripe.com/c/pay/cs_test_3', expires_at: 1_800_001_800 }]);
    const request = {
      idempotencyKey: 'checkout:show-c1:1800001800',
      orderId: 'c1',
      itemName: 'Friday night keebs: 2 lots from juno',
      imageUrl: 'https://cdn.example/ignored.png',
      amountCents: 37_345,
      lineItems: [
        { name: 'Tofu65 (auction a1)', amountCents: 25_000 },
        { name: 'Mode Sonnet (auction a2)', amountCents: 12_345 },
      ],
      currency: 'usd',
      expiresAt: new Date(1_800_001_800_000),
      metadata: { kind: 'show-checkout', show_checkout_id: 'c1' },
      successUrl: 'https://s',
      cancelUrl: 'https://c',
    };
    await payments.createCheckoutSession(request);
    const form = stripe.received[0]?.form ?? {};
    expect(Object.fromEntries(Object.entries(form).filter(([key]) => key.startsWith('line_items')))).toEqual({
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '25000',
      'line_items[0][price_data][product_data][name]': 'Tofu65 (auction a1)',
      'line_items[1][quantity]': '1',
      'line_items[1][price_data][currency]': 'usd',
      'line_items[1][price_data][unit_amount]': '12345',
      'line_items[1][price_data][product_data][name]': 'Mode Sonnet (auction a2)',
    });
    expect(form).toMatchObject({ client_reference_id: 'c1', 'metadata[kind]': 'show-checkout', 'payment_intent_data[transfer_group]': 'c1' });
    await expect(payments.createCheckoutSession({ ...request, amountCents: 37_000 })).rejects.toThrow(RangeError);
    expect(stripe.received).toHaveLength(1);
  });

  it('creates an Express account in the builder’s country asking only for transfers, under the recipient agreement abroad, with our idempotency key', async () => {
    stripe.answer(() => [200, { id: 'acct_1', object: 'account' }]);
    expect(
      await payments.createConnectedAccount({
        builderId: 'u1',
        country: 'DE',
        serviceAgreement: 'recipient',
        email: 'maker@example.com',
        idempotencyKey: 'connect-account:u1:DE',
      }),
    ).toEqual({ accountId: 'acct_1' });
    const [request] = stripe.received;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/accounts' });
    expect(request?.headers['idempotency-key']).toBe('connect-account:u1:DE');
    expect(request?.form).toEqual({
      'controller[stripe_dashboard][type]': 'express',
      'controller[fees][payer]': 'application',
      'controller[losses][payments]': 'application',
      country: 'DE',
      'capabilities[transfers][requested]': 'true',
      'tos_acceptance[service_agreement]': 'recipient',
      'metadata[builder_pseudonym]': personPseudonym('u1'),
      email: 'maker@example.com',
    });
    await payments.createConnectedAccount({ builderId: 'u2', country: 'US', serviceAgreement: 'full', idempotencyKey: 'connect-account:u2:US' });
    expect(Object.keys(stripe.received[1]?.form ?? {}).some((key) => key.startsWith('tos_acceptance'))).toBe(false);
  });

  it('asks for an account onboarding link', async () => {
    stripe.answer(() => [200, { object: 'account_link', url: 'https://connect.stripe.com/setup/e/acct_1/abc' }]);
    expect(
      await payments.createOnboardingLink({
        idempotencyKey: 'onboarding-link:i1',
        accountId: 'acct_1',
        refreshUrl: 'https://c500.example/r',
        returnUrl: 'https://c500.example/d',
      }),
    ).toEqual({ url: 'https://connect.stripe.com/setup/e/acct_1/abc' });
    expect(stripe.received[0]).toMatchObject({
      method: 'POST',
      path: '/v1/account_links',
      form: { account: 'acct_1', refresh_url: 'https://c500.example/r', return_url: 'https://c500.example/d', type: 'account_onboarding' },
    });
    expect(stripe.received[0]?.headers['idempotency-key']).toBe('onboarding-link:i1');
  });

  it('asks for a login link into a connected account’s Express dashboard', async () => {
    stripe.answer(() => [200, { object: 'login_link', created: 1_800_000_000, url: 'https://connect.stripe.com/express/acct_1/abc' }]);
    expect(await payments.createLoginLink({ accountId: 'acct_1' })).toEqual({ url: 'https://connect.stripe.com/express/acct_1/abc' });
    expect(stripe.received[0]).toMatchObject({ method: 'POST', path: '/v1/accounts/acct_1/login_links' });
  });

  it('GIVEN an account Stripe will not make a login link for THEN it is refused for good', async () => {
    stripe.answer(() => [
      400,
      { error: { type: 'invalid_request_error', message: 'Cannot create a login link for an account that has not completed onboarding.' } },
    ]);
    await expect(payments.createLoginLink({ accountId: 'acct_2' })).rejects.toMatchObject({ name: 'PaymentRefused' });
  });

  it('reads an account’s status', async () => {
    stripe.answer(() => [
      200,
      { id: 'acct_1', object: 'account', charges_enabled: false, payouts_enabled: false, details_submitted: true, capabilities: { transfers: 'active' } },
    ]);
    expect(await payments.accountStatus('acct_1')).toEqual({
      accountId: 'acct_1',
      chargesEnabled: false,
      payoutsEnabled: false,
      detailsSubmitted: true,
      transfersActive: true,
    });
    expect(stripe.received[0]).toMatchObject({ method: 'GET', path: '/v1/accounts/acct_1' });
  });

  it('expires a session that is still open, keyed by the session', async () => {
    stripe.answer((r) => [200, { id: 'cs_1', object: 'checkout.session', status: r.method === 'GET' ? 'open' : 'expired' }]);
    await payments.expireCheckoutSession('cs_1');
    expect(stripe.received.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/checkout/sessions/cs_1', 'POST /v1/checkout/sessions/cs_1/expire']);
    expect(stripe.received[1]?.headers['idempotency-key']).toBe('expire:cs_1');
  });

  it('leaves a session that is already complete or expired alone', async () => {
    stripe.answer(() => [200, { id: 'cs_1', object: 'checkout.session', status: 'complete' }]);
    await payments.expireCheckoutSession('cs_1');
    expect(stripe.received.map((r) => r.method)).toEqual(['GET']);
  });

  it('takes a refusal to expire as done when the buyer paid in between', async () => {
    let reads = 0;
    stripe.answer((r) => {
      if (r.method === 'POST')
        return [400, { error: { type: 'invalid_request_error', message: 'Only Checkout Sessions with a status of open can be expired.' } }];
      return [200, { id: 'cs_1', status: reads++ === 0 ? 'open' : 'complete' }];
    });
    await expect(payments.expireCheckoutSession('cs_1')).resolves.toBeUndefined();
  });

  it('finds the charge behind a payment, whether Stripe names it or expands it', async () => {
    stripe.answer(() => [200, { id: 'pi_1', object: 'payment_intent', latest_charge: 'ch_1' }]);
    expect(await payments.chargeOfPayment('pi_1')).toEqual({ chargeId: 'ch_1' });
    stripe.answer(() => [200, { id: 'pi_1', object: 'payment_intent', latest_charge: { id: 'ch_2', object: 'charge' } }]);
    expect(await payments.chargeOfPayment('pi_1')).toEqual({ chargeId: 'ch_2' });
    expect(stripe.received[0]).toMatchObject({ method: 'GET', path: '/v1/payment_intents/pi_1' });
  });

  it('reads what a charge has refunded now from Stripe’s charge, and turns an unknown charge into PaymentRefused', async () => {
    stripe.answer(() => [200, { id: 'ch_1', object: 'charge', amount: 25_000, amount_refunded: 24_352, refunded: false }]);
    expect(await payments.refundedOfCharge('ch_1')).toBe(24_352);
    expect(stripe.received[0]).toMatchObject({ method: 'GET', path: '/v1/charges/ch_1' });
    stripe.answer(() => [404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such charge: 'ch_x'" } }]);
    await expect(payments.refundedOfCharge('ch_x')).rejects.toMatchObject({ name: 'PaymentRefused', stripeCode: 'resource_missing' });
  });

  it('says clearly when a payment has no charge yet', async () => {
    stripe.answer(() => [200, { id: 'pi_1', object: 'payment_intent', status: 'requires_payment_method', latest_charge: null }]);
    await expect(payments.chargeOfPayment('pi_1')).rejects.toThrow('payment pi_1 has no charge yet');
  });

  it('transfers a builder’s share from the charge it came from, with our idempotency key', async () => {
    stripe.answer(() => [200, { id: 'tr_1', object: 'transfer' }]);
    const transfer = await payments.createTransfer({
      idempotencyKey: 'payout:o1',
      amountCents: 22_499,
      currency: 'usd',
      destination: 'acct_1',
      sourceTransaction: 'ch_1',
      transferGroup: 'o1',
      metadata: { order_id: 'o1' },
    });
    expect(transfer).toEqual({ transferId: 'tr_1' });
    const [request] = stripe.received;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/transfers' });
    expect(request?.headers['idempotency-key']).toBe('payout:o1');
    expect(request?.form).toEqual({
      amount: '22499',
      currency: 'usd',
      destination: 'acct_1',
      source_transaction: 'ch_1',
      transfer_group: 'o1',
      'metadata[order_id]': 'o1',
    });
  });

  it('asks again under the same idempotency key when Stripe made the transfer and the answer was lost, and returns the one transfer', async () => {
    const made = new Map<string, string>();
    stripe.answer((request) => {
      const key = String(request.headers['idempotency-key']);
      // Stripe keeps what a key made: a replay answers with the same transfer.
      const first = !made.has(key);
      if (first) made.set(key, `tr_${made.size + 1}`);
      return first ? 'lost' : [200, { id: made.get(key), object: 'transfer' }];
    });
    const transfer = await payments.createTransfer({
      idempotencyKey: 'release:o9',
      amountCents: 1_000,
      currency: 'usd',
      destination: 'acct_1',
      sourceTransaction: 'ch_9',
      transferGroup: 'o9',
      metadata: {},
    });
    expect(transfer).toEqual({ transferId: 'tr_1' });
    expect(stripe.received.map((r) => [r.path, r.headers['idempotency-key'], r.form.amount])).toEqual([
      ['/v1/transfers', 'release:o9', '1000'],
      ['/v1/transfers', 'release:o9', '1000'],
    ]);
  });

  it('reverses part of a transfer with our idempotency key, and turns a refusal into PaymentRefused with Stripe’s code', async () => {
    stripe.answer(() => [200, { id: 'trr_1', object: 'transfer_reversal' }]);
    expect(
      await payments.reverseTransfer({ idempotencyKey: 'reverse:o1:10000', transferId: 'tr_1', amountCents: 9_000, metadata: { order_id: 'o1' } }),
    ).toEqual({ reversalId: 'trr_1' });
    expect(stripe.received[0]).toMatchObject({ method: 'POST', path: '/v1/transfers/tr_1/reversals', form: { amount: '9000', 'metadata[order_id]': 'o1' } });
    expect(stripe.received[0]?.headers['idempotency-key']).toBe('reverse:o1:10000');
    stripe.answer(() => [
      400,
      { error: { type: 'invalid_request_error', code: 'balance_insufficient', message: 'Insufficient funds in the destination account.' } },
    ]);
    await expect(payments.reverseTransfer({ idempotencyKey: 'reverse:o1:25000', transferId: 'tr_1', amountCents: 13_500, metadata: {} })).rejects.toMatchObject(
      { name: 'PaymentRefused', stripeCode: 'balance_insufficient' },
    );
  });

  it('refunds part of a charge with our idempotency key, reading the charge’s refunded total from the expanded charge and the second the refund was made, and turns a refusal into PaymentRefused', async () => {
    stripe.answer(() => [
      200,
      { id: 're_1', object: 'refund', amount: 4_000, created: 1_795_713_094, charge: { id: 'ch_1', object: 'charge', amount: 24_000, amount_refunded: 5_000 } },
    ]);
    expect(
      await payments.refund({ idempotencyKey: 'refund:o1:2', chargeId: 'ch_1', amountCents: 4_000, metadata: { order_id: 'o1', given_by: 'u1' } }),
    ).toEqual({ refundId: 're_1', chargeRefundedCents: 5_000, created: 1_795_713_094 });
    expect(stripe.received[0]).toMatchObject({
      method: 'POST',
      path: '/v1/refunds',
      form: { charge: 'ch_1', amount: '4000', 'metadata[order_id]': 'o1', 'metadata[given_by]': 'u1', 'expand[0]': 'charge' },
    });
    expect(stripe.received[0]?.headers['idempotency-key']).toBe('refund:o1:2');
    stripe.answer(() => [
      400,
      { error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge ch_1 has already been refunded.' } },
    ]);
    await expect(payments.refund({ idempotencyKey: 'refund:o1:3', chargeId: 'ch_1', amountCents: 1_000, metadata: {} })).rejects.toMatchObject({
      name: 'PaymentRefused',
      stripeCode: 'charge_already_refunded',
    });
  });

  it('passes Stripe’s errors on', async () => {
    stripe.answer(() => [400, { error: { type: 'invalid_request_error', message: 'No such destination: acct_nope' } }]);
    await expect(
      payments.createTransfer({
        idempotencyKey: 'k',
        amountCents: 1,
        currency: 'usd',
        destination: 'acct_nope',
        sourceTransaction: 'ch_1',
        transferGroup: 'o1',
        metadata: {},
      }),
    ).rejects.toThrow('No such destination');
  });

  it('waits out Stripe’s 429 and asks again under the same idempotency key, and passes the last 429 on once its tries are spent', async () => {
    const waits: number[] = [];
    // The waits are recorded, not slept: the machine's speed plays no part.
    const patient = createStripePayments('sk_test_adapter', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      rateLimitWaits: { attempts: 3, wait: async (ms) => void waits.push(ms) },
    });
    const limited: [number, unknown] = [429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' } }];
    const transfer = { id: 'tr_1', object: 'transfer' };
    let calls = 0;
    stripe.answer(() => (++calls < 3 ? limited : [200, transfer]));
    const request = {
      idempotencyKey: 'release:o1',
      amountCents: 2_000,
      currency: 'usd',
      destination: 'acct_1',
      sourceTransaction: 'ch_1',
      transferGroup: 'o1',
      metadata: {},
    };
    expect(await patient.createTransfer(request)).toEqual({ transferId: 'tr_1' });
    expect(stripe.received.map((r) => r.headers['idempotency-key'])).toEqual(['release:o1', 'release:o1', 'release:o1']);
    expect(waits).toHaveLength(2);
    expect(waits.every((ms) => ms >= 250 && ms <= 1_000)).toBe(true);
    stripe.received.splice(0);
    stripe.answer(() => limited);
    await expect(patient.refund({ idempotencyKey: 'refund:o1', chargeId: 'ch_1', amountCents: 1_000, metadata: {} })).rejects.toBeInstanceOf(
      Stripe.errors.StripeRateLimitError,
    );
    expect(stripe.received).toHaveLength(3);
  });
});
