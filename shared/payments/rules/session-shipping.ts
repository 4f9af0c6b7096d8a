/**
 * @module session-shipping
 * What a completed Checkout Session says about shipping: the address the buyer gave and the
 * shipping they paid. The pinned API version (2025-03-31.basil and later) delivers the
 * address under `collected_information.shipping_details`; earlier ones put it at the top,
 * as `shipping_details`, and the oldest as `shipping`: read in that order, so an event sent
 * under another version still finds it. The shipping paid is `shipping_cost.amount_total`
 * (the whole charge is `amount_total`, the items `amount_subtotal`).
 */
import type { ShippingAddress } from '../../orders';
import type { StripeObject } from './stripe-event';

export interface SessionShipping {
  /** What the buyer paid for shipping: zero when the session had none. */
  cents: number;
  address?: ShippingAddress;
}

type Fields = Record<string, unknown>;
/** An object's fields; anything else, null included, is nothing. */
const fieldsOf = (value: unknown): Fields | undefined => (typeof value === 'object' ? ((value ?? undefined) as Fields | undefined) : undefined);
/** A field of an address as text, cut to a length no real address needs (the input is the buyer's); blank is nothing. */
const line = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim().slice(0, 200) || undefined : undefined);

export function sessionShipping(session: StripeObject): SessionShipping {
  const cost = fieldsOf(session.shipping_cost)?.amount_total;
  const cents = Number.isSafeInteger(cost) ? Math.max(0, cost as number) : 0;
  const details = fieldsOf(fieldsOf(session.collected_information)?.shipping_details) ?? fieldsOf(session.shipping_details) ?? fieldsOf(session.shipping);
  const address = details && addressOf(details);
  return { cents, ...(address ? { address } : {}) };
}

function addressOf(details: Fields): ShippingAddress | undefined {
  const where = fieldsOf(details.address);
  if (!where) return undefined;
  const country = line(where.country)?.toUpperCase();
  if (!country?.match(/^[A-Z]{2}$/)) return undefined;
  const [name, line1, line2, city, state, postalCode] = [details.name, where.line1, where.line2, where.city, where.state, where.postal_code].map(line);
  return {
    name: name ?? '',
    line1: line1 ?? '',
    ...(line2 ? { line2 } : {}),
    city: city ?? '',
    ...(state ? { state } : {}),
    postalCode: postalCode ?? '',
    country,
  };
}
