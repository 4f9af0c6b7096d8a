import { acceptKofiSale, acceptShopifyEvent, type AcceptKofiDeps, type AcceptShopifyDeps } from '../use-cases/accept-shop-sale';
import { RecentIds } from '../../common';
import { kofiTokenMatches } from '../../adapters/shops/kofi-token';
import { verifyShopifySignature } from '../../adapters/shops/shopify-signature';
import type { EventPublisher, PublishOptions } from '../../ports';
import { KOFI_TOKEN, SHOPIFY_SECRET, kofiForm, kofiPayload, shopifyHeaders, shopifyOrder, shopifyRefund } from '../../../test/support/shops';

const guildId = '910000000000000001';
const webhookId = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';
const clock = { now: () => new Date('2026-11-22T15:00:00Z') };

function setup(secret: string | undefined, options: { failures?: number } = {}) {
  const published: Array<{ topic: string; data: unknown; options: PublishOptions | undefined }> = [];
  let failures = options.failures ?? 0;
  const publisher: EventPublisher = {
    publish: async (topic, data, publishOptions) => {
      if (failures-- > 0) throw new Error('Pub/Sub is unavailable');
      published.push({ topic, data, options: publishOptions });
      return String(published.length);
    },
  };
  const deps: AcceptKofiDeps & AcceptShopifyDeps = {
    publisher,
    recent: new RecentIds(),
    clock,
    secretFor: async () => secret,
    verifyShopifySignature,
    kofiTokenMatches,
  };
  return { deps, published };
}

describe('accepting a Ko-fi delivery', () => {
  const kofi = (options?: { failures?: number }) => {
    const { deps, published } = setup(KOFI_TOKEN, options);
    const deliver = (data: Record<string, unknown> = kofiPayload(), guild = guildId) => acceptKofiSale(guild, Buffer.from(kofiForm(data)), deps);
    return { deliver, published, deps };
  };

  it('publishes the sale to sales with its shop, guild and kind, then answers 200', async () => {
    const { deliver, published } = kofi();
    expect(await deliver()).toEqual({ status: 200, text: 'received' });
    expect(published).toEqual([
      {
        topic: 'shop-events',
        data: { event: expect.objectContaining({ kind: 'sale', shop: 'kofi', guildId, saleId: '0a1b2c3d-4e5f-6789-abcd-ef0123456789', amountCents: 2500 }) },
        options: { attributes: { shop: 'kofi', guildId, kind: 'sale' } },
      },
    ]);
  });

  it('answers 401 and publishes nothing when the token does not match', async () => {
    const { deliver, published } = kofi();
    expect(await deliver(kofiPayload({ verification_token: 'someone-elses-token' }))).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });

  it('answers 401 and publishes nothing when the token is missing', async () => {
    const { deliver, published } = kofi();
    expect(await deliver(kofiPayload({ verification_token: undefined }))).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });

  it('answers 401 when the body is not Ko-fi’s form, as there is no token to check', async () => {
    const { deps, published } = kofi();
    expect(await acceptKofiSale(guildId, Buffer.from(JSON.stringify(kofiPayload())), deps)).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });

  it('answers 401 stale and publishes nothing for a payment older than the replay window', async () => {
    const { deliver, published } = kofi();
    expect(await deliver(kofiPayload({ timestamp: '2026-11-21T14:59:00Z' }))).toEqual({ status: 401, text: 'stale' });
    expect(published).toEqual([]);
  });

  it('answers 200 ignored for a verified payload that is not a sale, so Ko-fi does not retry it', async () => {
    const { deliver, published } = kofi();
    expect(await deliver(kofiPayload({ amount: '12.345' }))).toEqual({ status: 200, text: 'ignored' });
    expect(published).toEqual([]);
  });

  it('publishes a repeated delivery once and answers the repeat 200 already received', async () => {
    const { deliver, published } = kofi();
    await deliver();
    expect(await deliver()).toEqual({ status: 200, text: 'already received' });
    expect(published).toHaveLength(1);
  });

  it('lets a publish failure through, so the ingress answers 500, and publishes the retry', async () => {
    const { deliver, published } = kofi({ failures: 1 });
    await expect(deliver()).rejects.toThrow('Pub/Sub is unavailable');
    expect(await deliver()).toEqual({ status: 200, text: 'received' });
    expect(published).toHaveLength(1);
  });

  it.each(['', '123', 'guild', '9100000000000000011111', '../910000000000000001'])('answers 404 for the guild id %p', async (guild) => {
    const { deliver } = kofi();
    expect(await deliver(kofiPayload(), guild)).toEqual({ status: 404, text: 'no such shop connection' });
  });

  it('answers 401 when the guild has no token to check against', async () => {
    const { deps, published } = setup(undefined);
    expect(await acceptKofiSale(guildId, Buffer.from(kofiForm(kofiPayload())), deps)).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });
});

describe('accepting a Shopify delivery', () => {
  const shopify = (options?: { failures?: number }) => {
    const { deps, published } = setup(SHOPIFY_SECRET, options);
    const deliver = (body: string, headers: Record<string, string>) =>
      acceptShopifyEvent(
        guildId,
        Buffer.from(body),
        { hmac: headers['x-shopify-hmac-sha256'], topic: headers['x-shopify-topic'], webhookId: headers['x-shopify-webhook-id'] },
        deps,
      );
    const send = (topic: string, payload: Record<string, unknown>, id = webhookId) => {
      const body = JSON.stringify(payload);
      return deliver(body, shopifyHeaders(body, SHOPIFY_SECRET, topic, id));
    };
    return { deliver, send, published, deps };
  };
  const order = JSON.stringify(shopifyOrder());

  it('publishes a paid order as a sale to sales, then answers 200', async () => {
    const { send, published } = shopify();
    expect(await send('orders/paid', shopifyOrder())).toEqual({ status: 200, text: 'received' });
    expect(published).toEqual([
      {
        topic: 'shop-events',
        data: { event: expect.objectContaining({ kind: 'sale', shop: 'shopify', saleId: '5000000001', eventId: webhookId, amountCents: 4200 }) },
        options: { attributes: { shop: 'shopify', guildId, kind: 'sale' } },
      },
    ]);
  });

  it('publishes a refund with the sum of its successful refund transactions', async () => {
    const { send, published } = shopify();
    const transactions = [
      { id: 1, amount: '5.00', kind: 'refund', status: 'success', currency: 'USD' },
      { id: 2, amount: '7.25', kind: 'refund', status: 'success', currency: 'USD' },
      { id: 3, amount: '50.00', kind: 'refund', status: 'failure', currency: 'USD' },
    ];
    expect(await send('refunds/create', shopifyRefund({ transactions }))).toMatchObject({ status: 200 });
    expect(published[0]).toMatchObject({
      data: { event: { kind: 'refund', saleId: '5000000001', refundId: '900000001', amountCents: 1225 } },
      options: { attributes: { kind: 'refund' } },
    });
  });

  it('answers 401 and publishes nothing when one byte of the body changed after signing', async () => {
    const { deliver, published } = shopify();
    const headers = shopifyHeaders(order, SHOPIFY_SECRET, 'orders/paid', webhookId);
    expect(await deliver(order.replace('42.00', '42.01'), headers)).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });

  it('answers 401 and publishes nothing for a signature made with another secret', async () => {
    const { deliver, published } = shopify();
    expect(await deliver(order, shopifyHeaders(order, 'forger-secret', 'orders/paid', webhookId))).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });

  it('answers 401 and publishes nothing without a signature header', async () => {
    const { deps, published } = shopify();
    expect(await acceptShopifyEvent(guildId, Buffer.from(order), { topic: 'orders/paid', webhookId }, deps)).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });

  it('checks the signature before reading the body', async () => {
    const { deliver } = shopify();
    expect(await deliver('not json', shopifyHeaders('{}', SHOPIFY_SECRET, 'orders/paid', webhookId))).toMatchObject({ status: 401 });
  });

  it('answers 401 stale and publishes nothing for an order paid before the replay window', async () => {
    const { send, published } = shopify();
    const old = shopifyOrder({ updated_at: '2026-11-21T14:59:00Z' });
    expect(await send('orders/paid', old)).toEqual({ status: 401, text: 'stale' });
    expect(published).toEqual([]);
  });

  it('answers 401 stale for a refund dated too far in the future', async () => {
    const { send, published } = shopify();
    expect(await send('refunds/create', shopifyRefund({ created_at: '2026-11-22T15:06:00Z' }))).toEqual({ status: 401, text: 'stale' });
    expect(published).toEqual([]);
  });

  it('answers 400 when the webhook id is missing', async () => {
    const { deliver, published } = shopify();
    const { 'x-shopify-webhook-id': _, ...headers } = shopifyHeaders(order, SHOPIFY_SECRET, 'orders/paid', webhookId);
    expect(await deliver(order, headers)).toMatchObject({ status: 400 });
    expect(published).toEqual([]);
  });

  it('answers 400 when the signed body is not a JSON object', async () => {
    const { deliver } = shopify();
    for (const body of ['not json', '[]', 'null']) {
      expect(await deliver(body, shopifyHeaders(body, SHOPIFY_SECRET, 'orders/paid', webhookId))).toMatchObject({ status: 400 });
    }
  });

  it('acknowledges orders/create without publishing: it fires before payment', async () => {
    const { send, published } = shopify();
    expect(await send('orders/create', shopifyOrder())).toEqual({ status: 200, text: 'ignored' });
    expect(published).toEqual([]);
  });

  it('acknowledges a paid-topic order that is not paid without publishing, so Shopify does not retry', async () => {
    const { send, published } = shopify();
    expect(await send('orders/paid', shopifyOrder({ financial_status: 'pending' }))).toEqual({ status: 200, text: 'ignored' });
    expect(published).toEqual([]);
  });

  it('publishes a repeated webhook id once and answers the repeat 200 already received', async () => {
    const { send, published } = shopify();
    await send('orders/paid', shopifyOrder());
    expect(await send('orders/paid', shopifyOrder())).toEqual({ status: 200, text: 'already received' });
    expect(published).toHaveLength(1);
  });

  it('lets a publish failure through, so the ingress answers 500, and publishes the retry', async () => {
    const { send, published } = shopify({ failures: 1 });
    await expect(send('orders/paid', shopifyOrder())).rejects.toThrow('Pub/Sub is unavailable');
    expect(await send('orders/paid', shopifyOrder())).toEqual({ status: 200, text: 'received' });
    expect(published).toHaveLength(1);
  });

  it('answers 404 for a path that does not name a guild', async () => {
    const { deps } = shopify();
    expect(await acceptShopifyEvent('shop', Buffer.from(order), {}, deps)).toEqual({ status: 404, text: 'no such shop connection' });
  });

  it('answers 401 when the guild has no secret to check against', async () => {
    const { deps, published } = setup(undefined);
    const headers = shopifyHeaders(order, SHOPIFY_SECRET, 'orders/paid', webhookId);
    expect(
      await acceptShopifyEvent(guildId, Buffer.from(order), { hmac: headers['x-shopify-hmac-sha256'], topic: 'orders/paid', webhookId }, deps),
    ).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });
});
