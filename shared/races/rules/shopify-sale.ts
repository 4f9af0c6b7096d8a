/**
 * @module shopify-sale
 * Shopify's webhooks, read: `orders/paid` is a sale and `refunds/create` a refund of one.
 * `orders/create` fires before payment (and for orders never paid), so it is not a sale.
 * The topic and the delivery id come from headers (`X-Shopify-Topic`,
 * `X-Shopify-Webhook-Id`); the body is the order or the refund as JSON.
 */
import { isJsonObject, type JsonObject, minorUnitsOf } from '../../common';
import { currencyOf, instantOf, type SaleEvent, type ShopEvent } from './sale';
import type { RefundEvent } from '../../payments';

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
  // The shop's own currency first, as the sale was credited in it; a refund written only as
  // transactions (older payloads, custom amounts) falls back to them.
  const money = shopMoneyRefunded(refund) ?? refundedMoney(refund.transactions);
  if (!saleId || !refundId || !refundedAt || !money) return undefined;
  return { kind: 'refund', shop: 'shopify', guildId, saleId, refundId, eventId, currency: money.currency, refundedAt, amountCents: money.cents };
}

type Money = { cents: number; currency: string };

/** `{ shop_money: { amount, currency_code } }` -> minor units of the shop's currency, signed. */
function shopMoneyOf(set: unknown): Money | undefined | 'malformed' {
  if (set === undefined || set === null) return undefined;
  const shop = (set as { shop_money?: unknown }).shop_money;
  if (!isJsonObject(shop)) return 'malformed';
  const currency = currencyOf(shop.currency_code);
  if (!currency) return 'malformed';
  const raw = typeof shop.amount === 'number' ? String(shop.amount) : shop.amount;
  const negative = typeof raw === 'string' && raw.trim().startsWith('-');
  const cents = minorUnitsOf(negative ? (raw as string).trim().slice(1) : raw, currency);
  // Stryker disable next-line ConditionalExpression: an unreadable amount left in adds undefined, so the sum is NaN, which the final cents > 0 refuses all the same
  return cents === undefined ? 'malformed' : { cents: negative ? -cents : cents, currency };
}

/**
 * What went back to the buyer in the shop's currency: each refunded line's subtotal and tax
 * (`…_set.shop_money`), less the order adjustments (a refunded shipping charge is a negative
 * adjustment, a refund below the calculated amount a positive one). Shopify Markets writes
 * `transactions` in the buyer's (presentment) currency, which the sale was not credited in.
 * Undefined when the refund names no such amounts, or they do not add up in one currency.
 */
function shopMoneyRefunded(refund: JsonObject): Money | undefined {
  const parts = [
    ...objectsIn(refund.refund_line_items).flatMap((line) => [
      { set: line.subtotal_set, sign: 1 },
      { set: line.total_tax_set, sign: 1 },
    ]),
    ...objectsIn(refund.order_adjustments).flatMap((adjustment) => [
      { set: adjustment.amount_set, sign: -1 },
      { set: adjustment.tax_amount_set, sign: -1 },
    ]),
  ];
  let cents = 0;
  const currencies = new Set<string>();
  for (const { set, sign } of parts) {
    const money = shopMoneyOf(set);
    // Stryker disable next-line ConditionalExpression,StringLiteral: a malformed part left in adds undefined, so the sum is NaN, which the final cents > 0 refuses all the same
    if (money === 'malformed') return undefined;
    if (!money) continue;
    cents += sign * money.cents;
    currencies.add(money.currency);
  }
  const [currency] = currencies;
  return cents > 0 && currency && currencies.size === 1 ? { cents, currency } : undefined;
}

/**
 * What went back to the buyer: the successful `refund` transactions (a refund also lists
 * failed attempts). Undefined when that is nothing, or amounts or currencies do not add up.
 */
function refundedMoney(transactions: unknown): Money | undefined {
  let cents = 0;
  const currencies = new Set<string>();
  for (const transaction of objectsIn(transactions)) {
    if (transaction.kind !== 'refund' || transaction.status !== 'success') continue;
    const currency = currencyOf(transaction.currency);
    if (!currency) return undefined;
    const part = minorUnitsOf(transaction.amount, currency);
    // Stryker disable next-line ConditionalExpression: a malformed amount left in adds undefined, so the sum is NaN, which the final cents > 0 refuses all the same
    if (part === undefined) return undefined;
    cents += part;
    currencies.add(currency);
  }
  const [currency] = currencies;
  return cents > 0 && currency && currencies.size === 1 ? { cents, currency } : undefined;
}

/** The objects in a JSON array; a field that is not an array holds none. */
function objectsIn(value: unknown): JsonObject[] {
  // Stryker disable next-line ArrayDeclaration: only objects' fields are read from the list, and a string placeholder in the empty one has none, so it adds no money
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/**
 * Shopify ids are JSON numbers; a string of digits is taken too rather than losing a sale over
 * its type. Ids past 2^53 (Shopify's own samples have them) lose their last digits in
 * JSON.parse, the same way in every delivery, so the sale and its refund still meet.
 */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value < 1e20 ? BigInt(value).toString() : undefined;
  return typeof value === 'string' && /^\d{1,20}$/.test(value) ? value : undefined;
}
