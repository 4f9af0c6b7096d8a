/**
 * @module kofi-sale
 * Ko-fi's webhook, read: it posts `application/x-www-form-urlencoded` with one field,
 * `data`, holding the payment as JSON (its verification token included). Ko-fi sends
 * donations, subscriptions, commissions and shop orders the same way; `kofiType` keeps
 * which one it was, and the guild decides which count.
 */
import { jsonObjectOf, type JsonObject, minorUnitsOf } from '../../common';
import { currencyOf, instantOf, type SaleEvent } from './sale';

/** What a delivery carries: the token to check, and the payment it vouches for. */
export interface KofiDelivery {
  token: string | undefined;
  data: JsonObject;
}

/** The delivery in a request body, or undefined when the body is not Ko-fi's form. */
export function readKofiDelivery(rawBody: Buffer): KofiDelivery | undefined {
  const field = new URLSearchParams(rawBody.toString('utf8')).get('data');
  if (field === null) return undefined;
  const data = jsonObjectOf(Buffer.from(field));
  if (!data) return undefined;
  return { token: typeof data.verification_token === 'string' ? data.verification_token : undefined, data };
}

/**
 * The sale a Ko-fi payment is, or undefined when a field it needs is missing or
 * malformed, or nothing was paid.
 * @example kofiSaleOf({ type: 'Shop Order', amount: '25.00', … }, guildId)?.description // 'Ko-fi shop order'
 */
export function kofiSaleOf(data: JsonObject, guildId: string): SaleEvent | undefined {
  const saleId = textOf(data.kofi_transaction_id);
  const eventId = textOf(data.message_id);
  const kofiType = textOf(data.type);
  const currency = currencyOf(data.currency);
  const amountCents = currency ? minorUnitsOf(data.amount, currency) : undefined;
  const paidAt = instantOf(data.timestamp);
  if (!saleId || !eventId || !kofiType || !amountCents || !currency || !paidAt) return undefined;
  return { kind: 'sale', shop: 'kofi', guildId, saleId, eventId, amountCents, currency, paidAt, description: `Ko-fi ${kofiType.toLowerCase()}`, kofiType };
}

/** A field's text without surrounding spaces; blank reads as '' (falsy), like a missing one. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}
