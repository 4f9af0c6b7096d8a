/**
 * @module shop-simulator
 * The local stand-in for Ko-fi and Shopify: a route that makes a payment (or a refund) and
 * delivers the webhook those shops would, signed with the guild's connected secret (or the
 * deployment's) to the real `POST /webhooks/kofi/<guild>` and `/webhooks/shopify/<guild>`.
 * Each answers with what the ingress answered, so a refused delivery is seen, not hidden.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type express from 'express';
import { deliverWithRetries } from './webhook-delivery';
import type { Clock, DocumentStore } from '../ports';
import { amountText, parseAmount } from '../common';
import { shopConnectionsPath, type SecretShop } from '../races';
import { shopifySignature } from '../adapters/shops/shopify-signature';

export interface ShopSimulatorDeps {
  store: DocumentStore;
  clock: Clock;
  /** Where the runtime listens: deliveries go to its ingress routes. */
  baseUrl: string;
  deploymentSecrets: { kofi?: string | undefined; shopify?: string | undefined };
}

export function mountShopSimulator(app: express.Express, deps: ShopSimulatorDeps): void {
  const secretOf = async (guildId: string, shop: SecretShop) =>
    (await deps.store.get(shopConnectionsPath(guildId)))?.[shop]?.secret ?? deps.deploymentSecrets[shop];
  mountKofi(app, deps, secretOf);
  mountShopify(app, deps, secretOf);
}

/** The secret a guild's shop webhooks are signed with: the guild's connected one, else the deployment's. */
type SecretOf = (guildId: string, shop: SecretShop) => Promise<string | undefined>;

const currency = (req: express.Request) => String(req.query.currency ?? 'USD').toUpperCase();
// Amounts are typed and written in the currency's own unit, as the shops write them: "2400" yen, "24.00" dollars.
const money = (req: express.Request) => parseAmount(String(req.query.amount ?? ''), currency(req));
const decimal = (cents: number, req: express.Request) => amountText({ cents, currency: currency(req) });

/** A Ko-fi payment: the form-encoded `data` Ko-fi posts, its verification token the guild's secret. */
function mountKofi(app: express.Express, deps: ShopSimulatorDeps, secretOf: SecretOf): void {
  app.post('/_local/kofi/:guildId/payments', async (req, res) => {
    const amount = money(req);
    if (!amount.ok) return void res.status(400).json({ error: `amount: ${amount.reason}` });
    const guildId = String(req.params.guildId);
    const data = {
      verification_token: (await secretOf(guildId, 'kofi')) ?? '',
      message_id: String(req.query.message ?? randomUUID()),
      timestamp: deps.clock.now().toISOString(),
      type: String(req.query.type ?? 'Shop Order'),
      is_public: true,
      from_name: String(req.query.from ?? 'Ko-fi supporter'),
      message: null,
      amount: decimal(amount.cents, req),
      url: 'https://ko-fi.com/',
      email: 'supporter@example.com',
      currency: currency(req),
      is_subscription_payment: false,
      is_first_subscription_payment: false,
      kofi_transaction_id: String(req.query.transaction ?? randomUUID()),
      shop_items: [],
      tier_name: null,
      shipping: null,
    };
    const sent = await deliverWithRetries(() =>
      fetch(`${deps.baseUrl}/webhooks/kofi/${encodeURIComponent(guildId)}`, {
        method: 'POST',
        body: new URLSearchParams({ data: JSON.stringify(data) }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    const { verification_token: _token, ...delivered } = data;
    res.status(sent.ok ? 200 : 502).json({ webhook: { status: sent.status, text: await sent.text() }, payment: delivered });
  });
}

/** A Shopify order paid, and a refund of one: JSON bodies signed with the guild's secret (HMAC-SHA256). */
function mountShopify(app: express.Express, deps: ShopSimulatorDeps, secretOf: SecretOf): void {
  const deliverShopify = async (res: express.Response, guildId: string, topic: string, body: Record<string, unknown>, webhookId: string) => {
    const payload = JSON.stringify(body);
    const secret = (await secretOf(guildId, 'shopify')) ?? '';
    const sent = await deliverWithRetries(() =>
      fetch(`${deps.baseUrl}/webhooks/shopify/${encodeURIComponent(guildId)}`, {
        method: 'POST',
        body: payload,
        headers: {
          'content-type': 'application/json',
          'x-shopify-hmac-sha256': shopifySignature(payload, secret),
          'x-shopify-topic': topic,
          'x-shopify-webhook-id': webhookId,
        },
      }),
    );
    res
      .status(sent.ok ? 200 : 502)
      .json({ webhook: { status: sent.status, text: await sent.text(), id: webhookId }, [topic === 'orders/paid' ? 'order' : 'refund']: body });
  };

  app.post('/_local/shopify/:guildId/orders/:orderId/paid', async (req, res) => {
    const amount = money(req);
    if (!amount.ok) return void res.status(400).json({ error: `amount: ${amount.reason}` });
    const now = deps.clock.now().toISOString();
    const order = {
      id: Number(req.params.orderId),
      name: `#${req.params.orderId}`,
      currency: currency(req),
      total_price: decimal(amount.cents, req),
      financial_status: 'paid',
      created_at: now,
      processed_at: now,
      updated_at: now,
    };
    await deliverShopify(res, String(req.params.guildId), 'orders/paid', order, String(req.query.webhook ?? randomUUID()));
  });

  app.post('/_local/shopify/:guildId/orders/:orderId/refunds', async (req, res) => {
    const amount = money(req);
    if (!amount.ok) return void res.status(400).json({ error: `amount: ${amount.reason}` });
    const refund = shopifyRefund(req, amount.cents, deps.clock);
    await deliverShopify(res, String(req.params.guildId), 'refunds/create', refund, String(req.query.webhook ?? randomUUID()));
  });
}

/** A refund of `cents` as Shopify's `refunds/create` webhook carries it: one refunded line and its transaction. */
function shopifyRefund(req: express.Request, cents: number, clock: Clock): Record<string, unknown> {
  const refundId = Number(req.query.refund ?? parseInt(randomBytes(4).toString('hex'), 16));
  // Shopify Markets: the buyer paid in another (presentment) currency. The refund's lines
  // carry both, the transactions only the buyer's: `?presentment=CAD&presented=62.82`.
  const presentment = typeof req.query.presentment === 'string' ? req.query.presentment.toUpperCase() : currency(req);
  const presented = typeof req.query.presented === 'string' ? req.query.presented : decimal(cents, req);
  const moneySet = (shopAmount: string, presentmentAmount: string) => ({
    shop_money: { amount: shopAmount, currency_code: currency(req) },
    presentment_money: { amount: presentmentAmount, currency_code: presentment },
  });
  const zero = amountText({ cents: 0, currency: currency(req) });
  return {
    id: refundId,
    order_id: Number(req.params.orderId),
    created_at: clock.now().toISOString(),
    refund_line_items: [
      {
        id: refundId + 2,
        quantity: 1,
        line_item_id: refundId + 3,
        restock_type: 'no_restock',
        subtotal_set: moneySet(decimal(cents, req), presented),
        total_tax_set: moneySet(zero, zero),
      },
    ],
    order_adjustments: [],
    transactions: [{ id: refundId + 1, amount: presented, kind: 'refund', status: 'success', currency: presentment }],
  };
}
