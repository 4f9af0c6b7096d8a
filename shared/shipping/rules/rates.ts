/**
 * @module rates
 * What shipping costs: the first item of a checkout at its rate, each further item at the
 * further-item rate (combined shipping, as Whatnot and eBay do for several wins from one
 * seller), nothing when the items reach the free-shipping threshold; and the quote a
 * checkout of a shipped item sends Stripe.
 *
 * Stripe Checkout cannot make a fixed-amount option depend on the address's country, so a
 * builder who ships at home and abroad is quoted two options (domestic and international)
 * for the buyer to pick, and the address's country is checked against the option chosen
 * when the session completes (`shippingCheck`): a mismatch is recorded on the order and
 * both sides are told, so nobody under- or over-pays in silence.
 */
import type { CheckoutShipping, CheckoutShippingOption } from '../../ports';
import { formatMoney } from '../../common';
import { allowedCountries, scopesOf } from './countries';
import type { ShippingProfile } from './profile';

export type ShippingScope = CheckoutShippingOption['scope'];

/**
 * A carrier's usual business days in transit, added to the builder's handling time for the
 * estimate Stripe shows. A rule of thumb (no carrier is known at checkout), said as a range.
 */
const transitDays: Record<ShippingScope, { minimum: number; maximum: number }> = {
  domestic: { minimum: 2, maximum: 5 },
  international: { minimum: 5, maximum: 15 },
};

/**
 * What `items` (their prices, in one checkout) cost to ship at the scope's rates: the first
 * rate once and the further rate for each other item, or nothing from the free threshold on.
 * Undefined when the profile does not ship there.
 * @example shippingCents(profile, 'domestic', [5_000, 3_000, 2_000]) // first + 2 × further
 */
export function shippingCents(profile: ShippingProfile, scope: ShippingScope, items: readonly number[]): number | undefined {
  const [first, further] =
    scope === 'domestic' ? [profile.domesticCents, profile.domesticExtraCents] : [profile.internationalCents, profile.internationalExtraCents];
  if (first === undefined || further === undefined || items.length === 0) return undefined;
  const subtotal = items.reduce((sum, cents) => sum + cents, 0);
  if (profile.freeOverCents !== undefined && subtotal >= profile.freeOverCents) return 0;
  return first + further * (items.length - 1);
}

/** The scope an address in `country` is for this builder: at home or abroad. */
export function scopeOf(country: string, homeCountry: string): ShippingScope {
  return country === homeCountry ? 'domestic' : 'international';
}

/** What shipping `items` to `country` costs, or undefined when the builder does not ship there. */
export function shippingTo(profile: ShippingProfile, country: string, items: readonly number[]): number | undefined {
  if (!allowedCountries(profile.to).includes(country)) return undefined;
  return shippingCents(profile, scopeOf(country, profile.homeCountry), items);
}

/** Business days from payment to the door: handling, then transit. */
export function deliveryEstimate(handlingDays: number, scope: ShippingScope): { minimum: number; maximum: number } {
  return { minimum: handlingDays + transitDays[scope].minimum, maximum: handlingDays + transitDays[scope].maximum };
}

/**
 * The shipping a checkout of these items asks Stripe for: the builder's countries, and only
 * the options that apply to them (one when the builder ships only at home or only abroad).
 */
export function quoteShipping(profile: ShippingProfile, items: readonly number[]): CheckoutShipping | undefined {
  const scopes = scopesOf(profile.to, profile.homeCountry);
  const options: CheckoutShippingOption[] = [];
  for (const scope of ['domestic', 'international'] as const) {
    const cents = scopes[scope] ? shippingCents(profile, scope, items) : undefined;
    if (cents === undefined) continue;
    options.push({
      scope,
      displayName: optionName(scope, profile.homeCountry, cents),
      amountCents: cents,
      deliveryDays: deliveryEstimate(profile.handlingDays, scope),
    });
  }
  if (options.length === 0) return undefined;
  return { allowedCountries: allowedCountries(profile.to), homeCountry: profile.homeCountry, options };
}

/** What the buyer reads on Stripe's page: which addresses the option is for (Stripe allows 100 characters). */
function optionName(scope: ShippingScope, homeCountry: string, cents: number): string {
  const where = scope === 'domestic' ? `to an address in ${homeCountry}` : `to an address outside ${homeCountry}`;
  return `${cents === 0 ? 'Free shipping' : 'Shipping'} ${where}`;
}

/** How the shipping the buyer paid compares with what their address's country calls for. */
export type ShippingCheck = { ok: true } | { ok: false; paidCents: number; dueCents: number; country: string };

/**
 * At completion: the option chosen must be the one for the address's country. An option of
 * the same amount is as good (the buyer paid what was due).
 */
export function shippingCheck(quote: CheckoutShipping, country: string, paidCents: number): ShippingCheck {
  const due = quote.options.find((o) => o.scope === scopeOf(country, quote.homeCountry));
  // No option for that scope (Stripe let an address through that the builder does not ship to): what was paid stands, flagged.
  const dueCents = due?.amountCents ?? paidCents;
  if (due && dueCents === paidCents) return { ok: true };
  return { ok: false, paidCents, dueCents, country };
}

/** The mismatch in words, for the buyer and the builder (no address: only its country). */
export function mismatchText(check: Extract<ShippingCheck, { ok: false }>, currency: string): string {
  const paid = formatMoney({ cents: check.paidCents, currency });
  const due = formatMoney({ cents: check.dueCents, currency });
  if (check.paidCents < check.dueCents) return `The shipping chosen (${paid}) is less than shipping to ${check.country} costs (${due}).`;
  if (check.paidCents > check.dueCents) return `The shipping chosen (${paid}) is more than shipping to ${check.country} costs (${due}).`;
  return `The builder has no shipping rate for ${check.country}.`;
}
