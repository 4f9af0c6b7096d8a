/**
 * @module stripe/shipping
 * The simulator's side of a shipped checkout: what Stripe refuses in a session's shipping,
 * the address the buyer types on the hosted page (given as JSON to the pay route, or a
 * default one), the option they pick, and the session as it completes: the address under
 * `collected_information.shipping_details` and the option paid under `shipping_cost`, with
 * `amount_total` the items and the shipping together, as the pinned API version sends it.
 */
import type { CheckoutShipping } from '../../ports';
import { stripeShippingCountries } from '../../shipping';
import type { LocalCheckoutSession, LocalShippingDetails, LocalShippingRate, Stored } from './objects';
import { addressFromForm, type AddressFieldName } from './address-form';

/** What the buyer gives on Stripe's page: their address and, optionally, the option they pick (its rate id). */
export interface BuyerShipping {
  details: LocalShippingDetails;
  shippingRate?: string;
}

const stripeCountries = new Set(stripeShippingCountries);

/** Stripe's refusals of a session's shipping, in its words where it has them; undefined when it would take it. */
export function shippingRequestProblem(shipping: CheckoutShipping): string | undefined {
  if (shipping.allowedCountries.length === 0) return 'shipping_address_collection[allowed_countries] must name at least one country.';
  const unknown = shipping.allowedCountries.find((c) => !stripeCountries.has(c));
  if (unknown) return `Invalid shipping_address_collection[allowed_countries]: '${unknown}' is not a supported country.`;
  if (shipping.options.length === 0 || shipping.options.length > 5) return 'shipping_options may have between 1 and 5 options.';
  const bad = shipping.options.find(
    (o) => !Number.isSafeInteger(o.amountCents) || o.amountCents < 0 || o.displayName.length === 0 || o.displayName.length > 100,
  );
  return bad ? `Invalid shipping_rate_data for '${bad.displayName.slice(0, 100)}'.` : undefined;
}

/** A refusal names the part of the address it is about (`field`), so a page can say it beside that field. */
type Parsed = { ok: true; shipping?: BuyerShipping } | { ok: false; error: string; field?: AddressFieldName };

/**
 * The pay route's optional JSON body: `{"shipping": {"name", "address": {line1, city, postal_code, state, country}}, "shipping_rate"?}`,
 * or the checkout page's form with the address the buyer typed (`addressFields`).
 */
export function parseBuyerShipping(body: unknown, contentType = ''): Parsed {
  const json = contentType.startsWith('application/x-www-form-urlencoded') ? addressFromForm(textOf(body)) : jsonOf(body);
  if (json === undefined) return { ok: true };
  if (json === null || typeof json !== 'object') return { ok: false, error: 'the body is a JSON object' };
  const { shipping, shipping_rate: rate } = json as { shipping?: unknown; shipping_rate?: unknown };
  if (shipping === undefined) return { ok: true };
  const given = shipping as { name?: unknown; address?: Record<string, unknown> } | null;
  const address = given?.address;
  const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim() !== '' && value.length <= max ? value.trim() : undefined);
  const name = text(given?.name, 200);
  const line1 = text(address?.line1, 200);
  const city = text(address?.city, 200);
  const postalCode = text(address?.postal_code, 40);
  const country = text(address?.country, 2)?.toUpperCase();
  const missing = (
    [
      ['name', name, 'shipping.name'],
      ['line1', line1, 'shipping.address.line1'],
      ['city', city, 'shipping.address.city'],
      ['postal_code', postalCode, 'shipping.address.postal_code'],
      ['country', country && /^[A-Z]{2}$/.test(country) ? country : undefined, 'shipping.address.country (two letters)'],
    ] as const
  ).find(([, value]) => !value);
  if (missing || !name || !line1 || !city || !postalCode || !country)
    return { ok: false, error: `${missing?.[2] ?? 'shipping'} is missing, blank or too long`, ...(missing ? { field: missing[0] } : {}) };
  if (rate !== undefined && typeof rate !== 'string') return { ok: false, error: 'shipping_rate is the id of one of the session’s shipping options' };
  const details: LocalShippingDetails = {
    name,
    address: { line1, line2: text(address?.line2, 200) ?? null, city, state: text(address?.state, 100) ?? null, postal_code: postalCode, country },
  };
  return { ok: true, shipping: { details, ...(rate ? { shippingRate: rate } : {}) } };
}

/** Why Stripe's page would not take this address or option for the session, if it would not. */
export function buyerShippingRefusal(stored: Stored<LocalCheckoutSession>, buyer: BuyerShipping): string | undefined {
  const allowed = stored.stripe.shipping_address_collection?.allowed_countries;
  if (!allowed) return undefined;
  if (!allowed.includes(buyer.details.address.country))
    return `this checkout ships only to ${allowed.slice(0, 20).join(', ')}${allowed.length > 20 ? '…' : ''}`;
  if (buyer.shippingRate && !(stored.shippingRates ?? []).some((r) => r.id === buyer.shippingRate)) return 'shipping_rate is not one of this session’s options';
  return undefined;
}

/** The session as the buyer completes it: their address, the option they picked (by default the one for their country), and its amount in the total. */
export function shippedSession(stored: Stored<LocalCheckoutSession>, given: BuyerShipping | undefined): LocalCheckoutSession {
  const session = stored.stripe;
  if (!session.shipping_address_collection) return session;
  const buyer = given ?? defaultBuyer(stored);
  const rate = pickRate(stored, buyer);
  const shipping = rate?.fixed_amount.amount ?? 0;
  return {
    ...session,
    amount_total: (session.amount_subtotal ?? 0) + shipping,
    shipping_cost: rate ? { amount_subtotal: shipping, amount_tax: 0, amount_total: shipping, shipping_rate: rate.id } : null,
    collected_information: { business_name: null, individual_name: null, shipping_details: buyer.details },
  };
}

function pickRate(stored: Stored<LocalCheckoutSession>, buyer: BuyerShipping): LocalShippingRate | undefined {
  const rates = stored.shippingRates ?? [];
  if (buyer.shippingRate) return rates.find((r) => r.id === buyer.shippingRate);
  const quote = stored.shippingQuote;
  const scope = quote && buyer.details.address.country === quote.homeCountry ? 'domestic' : 'international';
  const index = quote?.options.findIndex((o) => o.scope === scope) ?? -1;
  return rates[index >= 0 ? index : 0];
}

/** A buyer who gave no address: a made-up one in the builder's country (or the first one they ship to). */
export function defaultBuyer(stored: Stored<LocalCheckoutSession>): BuyerShipping {
  const allowed = stored.stripe.shipping_address_collection?.allowed_countries ?? ['US'];
  const home = stored.shippingQuote?.homeCountry;
  const country = home && allowed.includes(home) ? home : (allowed[0] ?? 'US');
  return { details: { name: 'Local Buyer', address: { line1: '1 Test Street', line2: null, city: 'Testville', state: null, postal_code: '10001', country } } };
}

function textOf(body: unknown): string {
  return Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
}

function jsonOf(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    const text = body.toString().trim();
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // A form post from the simulator's page carries no JSON: no address given.
      return text.startsWith('{') ? null : undefined;
    }
  }
  return typeof body === 'object' && Object.keys(body).length === 0 ? undefined : body;
}
