/**
 * The three ways a merch sale reaches us (a Stripe Payment Link session, a Ko-fi payment,
 * a Shopify paid order), held to the rules of docs/architecture.md, section 6: a forged, tampered or stale delivery
 * gets 401 and changes nothing, even with a race window open to credit it. Each good
 * delivery, built the same way and signed right, is credited, so a 401 here is the check
 * at work and not a malformed request.
 */
import { randomBytes } from 'node:crypto';
import { stripeSignatureHeader, stripeToleranceSeconds } from '../../shared/adapters/stripe/stripe-signature';
import { shopClockSkewMs, shopReplayWindowMs, salesCollection } from '../../shared/races/rules/sale';
import { snowflake } from '../support/interactions';
import type { TestRuntime } from '../support/local-runtime';
import { textOf } from '../support/marketplace';
import { GUILD, ledgerOf, lobby, race, raceWorld, racing, walletOf } from '../support/races';
import { kofiForm, kofiPayload, shopifyHeaders, shopifyOrder } from '../support/shops';
import type { TestClock } from '../support/auctions';
import type { RaceLobby } from '../../shared/races';

/** A request as it goes over the wire: the body is the exact bytes sent. */
interface Delivery {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** What a delivery is built from: the runtime's secrets and the test's clock. */
interface World {
  rt: TestRuntime;
  nowMs: number;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A `checkout.session.completed` for a paid session from the guild's merch Payment Link, signed at `signedAtMs`. */
function stripeMerchSession(w: World, options: { secret?: string; signedAtMs?: number } = {}): Delivery {
  const signedAt = Math.floor((options.signedAtMs ?? w.nowMs) / 1000);
  const session = {
    id: `cs_test_${hex(12)}`,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    payment_intent: `pi_${hex(12)}`,
    amount_total: 4000,
    currency: 'usd',
    client_reference_id: null,
    metadata: { guild_id: GUILD },
  };
  const body = JSON.stringify({
    id: `evt_${hex(12)}`,
    object: 'event',
    type: 'checkout.session.completed',
    created: signedAt,
    livemode: false,
    data: { object: session },
  });
  const secret = options.secret ?? (w.rt.secrets.STRIPE_WEBHOOK_SECRET as string);
  return { path: '/webhooks/stripe', body, headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(body, secret, signedAt) } };
}

/** A Ko-fi shop order of $25.00 paid at `paidAtMs`, carrying `token` (the runtime's by default). */
function kofiShopOrder(w: World, options: { token?: string | undefined; paidAtMs?: number } = {}): Delivery {
  const token = 'token' in options ? options.token : w.rt.secrets.KOFI_VERIFICATION_TOKEN;
  const data = kofiPayload({
    verification_token: token,
    message_id: `msg-${hex(8)}`,
    kofi_transaction_id: `${hex(8)}-tx`,
    timestamp: new Date(options.paidAtMs ?? w.nowMs).toISOString(),
  });
  return { path: `/webhooks/kofi/${GUILD}`, body: kofiForm(data), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** A Shopify `orders/paid` for $42.00, last updated at `paidAtMs`, signed with `secret` (the runtime's by default). */
function shopifyPaidOrder(w: World, options: { secret?: string; paidAtMs?: number } = {}): Delivery {
  const body = JSON.stringify(shopifyOrder({ id: Number.parseInt(hex(4), 16) + 1, updated_at: new Date(options.paidAtMs ?? w.nowMs).toISOString() }));
  const secret = options.secret ?? (w.rt.secrets.SHOPIFY_WEBHOOK_SECRET as string);
  return { path: `/webhooks/shopify/${GUILD}`, body, headers: shopifyHeaders(body, secret, 'orders/paid', `wh-${hex(8)}`) };
}

function withoutHeader(delivery: Delivery, name: string): Delivery {
  const { [name]: _dropped, ...headers } = delivery.headers;
  return { ...delivery, headers };
}

/** The same signed request with `from` replaced by `to` in the bytes sent, as someone on the way might. */
function tampered(delivery: Delivery, from: string, to: string): Delivery {
  if (delivery.body.split(from).length !== 2) throw new Error(`\`${from}\` is not once in ${delivery.body}`);
  return { ...delivery, body: delivery.body.replace(from, to) };
}

describe('the shop ingresses with a race window open', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let live: RaceLobby;
  const racer = snowflake();
  /** The topic of every message the sales and stripe-events topics handed their subscribers. */
  let reached: string[];

  const world = (): World => ({ rt, nowMs: clock.ms });
  const send = async (delivery: Delivery): Promise<Response> => {
    const res = await fetch(`${rt.url}${delivery.path}`, { method: 'POST', body: delivery.body, headers: delivery.headers });
    await rt.settle();
    return res;
  };

  beforeEach(async () => {
    let host: string;
    ({ rt, clock, host } = await raceWorld());
    live = await racing(rt, host, [racer]);
    reached = [];
    for (const topic of ['shop-events', 'stripe-events']) {
      rt.bus.subscribe(topic, `${topic}-witness`, async () => void reached.push(topic), { maxDeliveryAttempts: 1 });
    }
  });
  afterEach(() => rt.close());

  async function expectNothingChanged(): Promise<void> {
    await rt.settle();
    expect(await rt.store.query(salesCollection)).toHaveLength(0);
    expect(await walletOf(rt, racer)).toBeUndefined();
    expect(await ledgerOf(rt, racer)).toEqual([]);
    expect(reached).toEqual([]);
    expect((await lobby(rt, live.lobbyId)).poolCents ?? 0).toBe(0);
  }

  /** What is sent, and the ingress's reason for refusing it. */
  type Case = [string, (w: World) => Delivery, string];
  const badStripe = 'invalid Stripe-Signature';
  const badKofi = 'invalid Ko-fi verification token';
  const badShopify = 'invalid X-Shopify-Hmac-Sha256';
  const stale = 'stale';

  async function expectRefused(delivery: Delivery, reason: string): Promise<void> {
    const res = await send(delivery);
    expect({ status: res.status, text: await res.text() }).toEqual({ status: 401, text: reason });
    await expectNothingChanged();
  }

  describe('a forged delivery', () => {
    it.each<Case>([
      ['a Stripe merch session signed with another endpoint’s secret', (w) => stripeMerchSession(w, { secret: `whsec_${hex(16)}` }), badStripe],
      ['a Stripe merch session with no Stripe-Signature', (w) => withoutHeader(stripeMerchSession(w), 'stripe-signature'), badStripe],
      ['a Ko-fi payment with the wrong verification token', (w) => kofiShopOrder(w, { token: `kofi-${hex(12)}` }), badKofi],
      [
        'a Ko-fi payment whose token is one character off',
        (w) => kofiShopOrder(w, { token: `${(w.rt.secrets.KOFI_VERIFICATION_TOKEN as string).slice(0, -1)}#` }),
        badKofi,
      ],
      ['a Ko-fi payment with no verification token', (w) => kofiShopOrder(w, { token: undefined }), badKofi],
      ['a Shopify order signed with another secret', (w) => shopifyPaidOrder(w, { secret: hex(16) }), badShopify],
      ['a Shopify order with no X-Shopify-Hmac-Sha256', (w) => withoutHeader(shopifyPaidOrder(w), 'x-shopify-hmac-sha256'), badShopify],
    ])('gets 401 for %s, and changes nothing', (_, build, reason) => expectRefused(build(world()), reason));
  });

  // Ko-fi signs nothing but its token, which sits inside the body: a body changed on the
  // way with the token intact cannot be told from Ko-fi's own, so Ko-fi has no row here.
  describe('a tampered delivery: signed right, then the amount changed in the bytes sent', () => {
    it.each<Case>([
      ['a Stripe merch session', (w) => tampered(stripeMerchSession(w), '"amount_total":4000', '"amount_total":9000'), badStripe],
      ['a Shopify order', (w) => tampered(shopifyPaidOrder(w), '"total_price":"42.00"', '"total_price":"92.00"'), badShopify],
    ])('gets 401 for %s, and changes nothing', (_, build, reason) => expectRefused(build(world()), reason));
  });

  describe('a stale delivery: signed right, at a time outside the window taken', () => {
    it.each<Case>([
      [
        `a Stripe merch session whose signature is ${stripeToleranceSeconds + 1} s old`,
        (w) => stripeMerchSession(w, { signedAtMs: w.nowMs - (stripeToleranceSeconds + 1) * 1000 }),
        badStripe,
      ],
      ['a Ko-fi payment timestamped more than 24 hours ago', (w) => kofiShopOrder(w, { paidAtMs: w.nowMs - shopReplayWindowMs - 1_000 }), stale],
      ['a Shopify order updated more than 24 hours ago', (w) => shopifyPaidOrder(w, { paidAtMs: w.nowMs - shopReplayWindowMs - 1_000 }), stale],
    ])('gets 401 for %s, and changes nothing', (_, build, reason) => expectRefused(build(world()), reason));

    it.each<Case>([
      [
        `a Stripe merch session signed more than ${stripeToleranceSeconds} s ahead`,
        (w) => stripeMerchSession(w, { signedAtMs: w.nowMs + (stripeToleranceSeconds + 1) * 1000 }),
        badStripe,
      ],
      ['a Ko-fi payment timestamped further ahead than clocks drift', (w) => kofiShopOrder(w, { paidAtMs: w.nowMs + shopClockSkewMs + 1_000 }), stale],
      ['a Shopify order updated further ahead than clocks drift', (w) => shopifyPaidOrder(w, { paidAtMs: w.nowMs + shopClockSkewMs + 1_000 }), stale],
    ])('gets 401 for %s too, and changes nothing', (_, build, reason) => expectRefused(build(world()), reason));
  });

  describe('a good delivery, for contrast', () => {
    it.each<[string, (w: World) => Delivery, string, number]>([
      ['a Stripe merch session of $40.00', (w) => stripeMerchSession(w), 'stripe-events', 800],
      ['a Ko-fi shop order of $25.00', (w) => kofiShopOrder(w), 'shop-events', 500],
      ['a Shopify order of $42.00', (w) => shopifyPaidOrder(w), 'shop-events', 840],
    ])('takes %s with 200 and credits the racer 20% of it', async (_, build, topic, creditedCents) => {
      const res = await send(build(world()));
      expect(res.status).toBe(200);
      expect(reached).toEqual([topic]);
      expect(await rt.store.query(salesCollection)).toHaveLength(1);
      expect((await walletOf(rt, racer))?.pendingCents).toBe(creditedCents);
      expect((await lobby(rt, live.lobbyId)).poolCents).toBe(creditedCents);
    });
  });

  describe('a guild that connected its own Ko-fi token', () => {
    const ownToken = 'my-own-kofi-token-123';

    beforeEach(async () => {
      const answer = await race(rt, snowflake(), 'connect', { shop: 'kofi', secret: ownToken });
      expect(textOf(answer)).toContain('Ko-fi connected');
    });

    it('refuses a delivery carrying the runtime’s default token with 401, and changes nothing', () =>
      expectRefused(kofiShopOrder(world(), { token: rt.secrets.KOFI_VERIFICATION_TOKEN }), badKofi));

    it('takes a delivery carrying its own token with 200 and credits the racer', async () => {
      const res = await send(kofiShopOrder(world(), { token: ownToken }));
      expect(res.status).toBe(200);
      expect((await walletOf(rt, racer))?.pendingCents).toBe(500);
      expect(reached).toEqual(['shop-events']);
    });
  });
});
