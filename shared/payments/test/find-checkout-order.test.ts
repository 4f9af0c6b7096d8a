import type { Request, Response } from '@google-cloud/functions-framework';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { findCheckoutOrder as findWith, isCheckoutSessionIdShaped } from '../use-cases/find-checkout-order';
import { statusSentence } from '../rules/checkout-views';
import { merchSaleView } from '../../races';
import type { DocumentStore } from '../../ports';
import { orderStatuses, type Order } from '../../orders';
import { orderPath } from '../../orders';
import type { Platform } from '../../platform';
import { salePath, type SaleRecord } from '../../races/rules/sale';
import { checkoutOrder } from '../../../functions/checkout-order';
import { saleKey } from '../rules/refunds';
import { anOrder } from '../../../test/support/orders';

const sessionId = 'cs_test_a1B2c3D4e5F6g7H8';

/** The success page as production puts it together: merch sales are races' to show. */
const findCheckoutOrder = ({ store }: { store: DocumentStore }, id: string | undefined) =>
  findWith({ store, others: { view: (s) => merchSaleView(store, s) } }, id);

function order(overrides: Partial<Order> = {}): Order {
  return anOrder({
    orderId: 'k3v9m2qa',
    sourceId: 'drop-1',
    dropKind: 'commission',
    guildId: 'guild-1',
    title: 'Lavender 65% with lubed linears',
    buyerId: 'buyer-discord-id',
    buyerName: 'Mia',
    builderId: 'builder-discord-id',
    builderName: 'Juno Keys',
    amountCents: 12_000,
    platformFeeCents: 1_200,
    builderShareCents: 10_800,
    status: 'paid',
    createdAt: '2026-11-21T10:00:00.000Z',
    checkoutSessionId: sessionId,
    checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4e5F6g7H8',
    paymentIntentId: 'pi_secret_ish',
    chargeId: 'ch_secret_ish',
    ...overrides,
  });
}

async function storeWith(...orders: Order[]): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  for (const o of orders) await store.set(orderPath(o.orderId), o);
  return store;
}

describe('findCheckoutOrder', () => {
  it('GIVEN a paid order THEN shows its public fields with a sentence for people and the amount as money', async () => {
    const store = await storeWith(order(), order({ orderId: 'other001', checkoutSessionId: 'cs_test_someoneElse00', title: 'Not yours' }));
    expect(await findCheckoutOrder({ store }, sessionId)).toEqual({
      ok: true,
      order: {
        kind: 'order',
        orderId: 'k3v9m2qa',
        title: 'Lavender 65% with lubed linears',
        status: 'paid',
        statusSentence: 'The builder will show it on stream when they start.',
        amountLabel: '$120.00',
        builderName: 'Juno Keys',
        dropKind: 'commission',
      },
    });
  });

  it('never hands out buyer ids, Stripe ids or the split', async () => {
    const store = await storeWith(order({ status: 'building', proofUrl: 'https://twitch.tv/junokeys', payouts: { builder: { transferId: 'tr_123' } } }));
    const text = JSON.stringify(await findCheckoutOrder({ store }, sessionId));
    for (const secret of ['buyer-discord-id', 'builder-discord-id', 'Mia', 'guild-1', 'cs_', 'pi_', 'ch_', 'tr_', 'checkout.stripe.com', '10800', '1200']) {
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    }
  });

  it('GIVEN a shipped order THEN shows the proof link and the tracking', async () => {
    const store = await storeWith(
      order({ status: 'shipped', proofUrl: 'https://twitch.tv/junokeys', tracking: '1Z999AA10123456784', currency: 'eur', amountCents: 9_950 }),
    );
    const found = await findCheckoutOrder({ store }, sessionId);
    expect(found).toMatchObject({
      ok: true,
      order: { status: 'shipped', proofUrl: 'https://twitch.tv/junokeys', tracking: '1Z999AA10123456784', amountLabel: '99.50 EUR' },
    });
  });

  it('GIVEN no order for the session THEN answers not-found with a kind message', async () => {
    const store = await storeWith(order());
    expect(await findCheckoutOrder({ store }, 'cs_test_nobodyHasThis1')).toEqual({
      ok: false,
      reason: 'not-found',
      message: expect.stringContaining('/c500 profile'),
    });
  });

  it('GIVEN a guild’s merch Payment Link session THEN shows the purchase, never the guild, the racers or the pool', async () => {
    const store = await storeWith(order());
    const sale: SaleRecord = {
      saleKey: saleKey('stripe', 'cs_test_merchFromALink01'),
      shop: 'stripe',
      saleId: 'cs_test_merchFromALink01',
      guildId: '900000000000000001',
      amountCents: 3_500,
      currency: 'usd',
      paidAt: '2026-11-21T10:00:00.000Z',
      description: 'Stripe merch sale',
      eventId: 'evt_1',
      recordedAt: '2026-11-21T10:00:01.000Z',
      attributedTo: 'race',
      lobbyId: 'lobby-1',
      commissionBps: 2_000,
      poolCents: 700,
      credits: [{ racerId: '800000000000000009', cents: 700 }],
      refundedCents: 0,
      reversedCents: 0,
      paymentIntentId: 'pi_merch',
    };
    await store.set(salePath('stripe', sale.saleId), sale);
    const found = await findCheckoutOrder({ store }, 'cs_test_merchFromALink01');
    expect(found).toEqual({
      ok: true,
      order: {
        kind: 'merch',
        title: 'Merch from the race shop',
        status: 'paid',
        statusSentence: expect.stringContaining('Stripe emails your receipt'),
        amountLabel: '$35.00',
      },
    });
    for (const secret of ['900000000000000001', '800000000000000009', 'lobby-1', 'pi_', '700'])
      expect([secret, JSON.stringify(found).includes(secret)]).toEqual([secret, false]);

    await store.set(salePath('stripe', sale.saleId), { ...sale, refundedCents: 1_000 });
    expect(await findCheckoutOrder({ store }, 'cs_test_merchFromALink01')).toMatchObject({
      ok: true,
      order: { status: 'paid', statusSentence: expect.stringContaining('$10.00 of it was refunded') },
    });
    await store.set(salePath('stripe', sale.saleId), { ...sale, refundedCents: 3_500 });
    expect(await findCheckoutOrder({ store }, 'cs_test_merchFromALink01')).toMatchObject({ ok: true, order: { kind: 'merch', status: 'refunded' } });
  });

  it.each([undefined, '', 'abc', 'pi_test_a1B2c3D4e5F6', 'cs_short', 'cs_test_<script>', 'cs_test_a1/../../x', `cs_${'a'.repeat(251)}`])(
    'GIVEN session id %p THEN refuses it as malformed without reading the store',
    async (raw) => {
      const store = await storeWith(order());
      const query = jest.spyOn(store, 'query');
      expect(await findCheckoutOrder({ store }, raw)).toEqual({ ok: false, reason: 'malformed', message: expect.stringContaining('cs_') });
      expect(query).not.toHaveBeenCalled();
    },
  );

  it('accepts Stripe test and live ids', () => {
    expect(isCheckoutSessionIdShaped('cs_test_a1zGmN3Ux8yVw2Qq4Rr5Ss6Tt7Uu8Vv9Ww0Xx1Yy2Zz3Aa4Bb5Cc6Dd7Ee8Ff9Gg0Hh')).toBe(true);
    expect(isCheckoutSessionIdShaped('cs_live_b1ZgMn3uX8Yv')).toBe(true);
  });

  it('says what happens to an expired auction win, not that it went back to a drop', () => {
    expect(statusSentence('expired', 'auction')).toContain('offered to the next bidder');
    expect(statusSentence('expired', 'auction')).not.toContain('drop');
    expect(statusSentence('expired', 'drop')).toContain('went back to the drop');
  });

  it('has a sentence for every order status', () => {
    for (const status of orderStatuses) expect([status, statusSentence(status).length > 10]).toEqual([status, true]);
    expect(statusSentence('awaiting-payment')).toBe("We're waiting for Stripe to confirm your payment.");
  });
});

describe('the checkout-order function', () => {
  interface Answer {
    status: number;
    headers: Record<string, string>;
    body: unknown;
    json?: boolean;
  }

  async function get(store: LocalDocumentStore, query: Record<string, unknown>, method = 'GET'): Promise<Answer> {
    const platform = { store: () => store } as unknown as Platform;
    const answer: Answer = { status: 0, headers: {}, body: undefined };
    const result = () => ({ status: answer.status, headers: answer.headers, body: answer.body });
    // What the function writes with Node's writeHead and end; the type and length are the writer's, not the function's.
    const res = {
      writeHead(code: number, headers: Record<string, string>) {
        answer.status = code;
        for (const [key, value] of Object.entries(headers))
          if (!['content-type', 'content-length'].includes(key.toLowerCase())) answer.headers[key.toLowerCase()] = value;
        answer.json = headers['content-type']?.startsWith('application/json') ?? false;
        return res;
      },
      end(body: string) {
        answer.body = answer.json ? JSON.parse(body) : body;
        return res;
      },
    };
    const req = { method, query, get: () => undefined };
    await checkoutOrder(platform)(req as unknown as Request, res as unknown as Response);
    return result();
  }

  it('answers 200 with the order and no-store', async () => {
    const answer = await get(await storeWith(order({ status: 'awaiting-payment' })), { session_id: sessionId });
    expect(answer).toEqual({
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: expect.objectContaining({ orderId: 'k3v9m2qa', status: 'awaiting-payment' }),
    });
  });

  it('answers 400 with a JSON error when session_id is missing or repeated', async () => {
    const store = await storeWith(order());
    expect(await get(store, {})).toMatchObject({ status: 400, headers: { 'cache-control': 'no-store' }, body: { error: expect.any(String) } });
    expect(await get(store, { session_id: [sessionId, sessionId] })).toMatchObject({ status: 400 });
  });

  it('answers 404 with a JSON error when no order has the session', async () => {
    expect(await get(await storeWith(), { session_id: sessionId })).toMatchObject({ status: 404, body: { error: expect.any(String) } });
  });

  it('refuses anything but GET', async () => {
    expect(await get(await storeWith(order()), { session_id: sessionId }, 'POST')).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } });
  });
});
