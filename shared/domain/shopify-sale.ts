/**
 * @module shopify-sale
 * Shopify's webhooks, read: `orders/paid` is a sale and `refunds/create` a refund of one.
 * `orders/create` fires before payment (and for orders never paid), so it is not a sale.
 * The topic and the delivery id come from headers (`X-Shopify-Topic`,
 * `X-Shopify-Webhook-Id`); the body is the order or the refund as JSON.
 */
import { isJsonObject, type JsonObject } from './json';
import { currencyOf, instantOf, type RefundEvent, type SaleEvent, type ShopEvent } from './sale';
import { minorUnitsOf } from './money';

/** The topics that become events; the ingress acknowledges every other one and drops it. */
export const shopifySaleTopics = ['orders/paid', 'refunds/create'] as const;
export type ShopifySaleTopic = (typeof shopifySaleTopics)[number];

export function isShopifySaleTopic(topic: string | undefined): topic is ShopifySaleTopic {
  return (shopifySaleTopics as readonly (string | undefined)[]).includes(topic);
}

/**
 * The sale or refund a delivery is, or undefined for another topic, a body missing what
 * it needs, an order not (yet) paid, or nothing paid or refunded.
 * @example shopifyEventOf('orders/paid', order, webhookId, guildId)?.description // 'Shopify order #1001'
 */
export function shopifyEventOf(topic: string | undefined, body: JsonObject, webhookId: string, guildId: string): ShopEvent | undefined {
  if (topic === 'orders/paid') return saleOf(body, webhookId, guildId);
  if (topic === 'refunds/create') return refundOf(body, webhookId, guildId);
  return undefined;
}

function saleOf(order: JsonObject, eventId: string, guildId: string): SaleEvent | undefined {
  // Only a wholly paid order is a sale; an older payload without the field is taken as paid.
  if (order.financial_status !== undefined && order.financial_status !== 'paid') return undefined;
  const saleId = idOf(order.id);
  const currency = currencyOf(order.currency);
  const amountCents = currency ? minorUnitsOf(order.total_price, currency) : undefined;
  const paidAt = instantOf(order.updated_at) ?? instantOf(order.processed_at) ?? instantOf(order.created_at);
  if (!saleId || !amountCents || !currency || !paidAt) return undefined;
  const name = typeof order.name === 'string' && order.name !== '' ? order.name : `#${saleId}`;
  return { kind: 'sale', shop: 'shopify', guildId, saleId, eventId, amountCents, currency, paidAt, description: `Shopify order ${name}` };
}

function refundOf(refund: JsonObject, eventId: string, guildId: string): RefundEvent | undefined {
  const saleId = idOf(refund.order_id);
  const refundId = idOf(refund.id);
  const refundedAt = instantOf(refund.created_at);
  const money = refundedMoney(refund.transactions);
  if (!saleId || !refundId || !refundedAt || !money) return undefined;
  return { kind: 'refund', shop: 'shopify', guildId, saleId, refundId, eventId, currency: money.currency, refundedAt, amountCents: money.cents };
}

/**
 * What went back to the buyer: the successful `refund` transactions (a refund also lists
 * failed attempts). Undefined when that is nothing, or amounts or currencies do not add up.
 */
function refundedMoney(transactions: unknown): { cents: number; currency: string } | undefined {
  if (!Array.isArray(transactions)) return undefined;
  let cents = 0;
  const currencies = new Set<string>();
  for (const transaction of transactions as unknown[]) {
    if (!isJsonObject(transaction) || transaction.kind !== 'refund' || transaction.status !== 'success') continue;
    const { amount, currency } = transaction;
    const code = currencyOf(currency);
    const part = code ? minorUnitsOf(amount, code) : undefined;
    if (part === undefined || !code) return undefined;
    cents += part;
    currencies.add(code);
  }
  const [currency] = currencies;
  return cents > 0 && currency && currencies.size === 1 ? { cents, currency } : undefined;
}

/** Shopify ids are JSON numbers; a string of digits is taken too rather than losing a sale over its type. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  return typeof value === 'string' && /^\d{1,20}$/.test(value) ? value : undefined;
}
