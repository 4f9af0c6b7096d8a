/**
 * @module pledge-shipping
 * What shipping a pledge pays, when its group buy ships under the builder's shipping profile.
 * At Join the profile's rates for the member's quantity (combined shipping: the first unit at
 * its rate, each further one at the further rate, nothing from the free threshold on) are
 * fixed on the pledge and said in the consent; when the card is saved, the address's country
 * picks the one of them that applies, and that amount is fixed on the pledge: the charge at the
 * close asks for it, whatever the builder changes in their profile later. Pure.
 */
import { formatMoney } from '../../common';
import { allowedCountries, quoteShipping, type ShippingDestinations, type ShippingProfile } from '../../shipping';

/** The shipping a joiner was quoted at Join, for their quantity: what each scope costs, and where the builder ships. */
export interface PledgeShipping {
  /** The builder's country: an address there is domestic. */
  homeCountry: string;
  to: ShippingDestinations;
  /** Whole minor units for the pledge's units, zero when free; absent when the builder does not ship at home (or abroad). */
  domesticCents?: number;
  internationalCents?: number;
}

/**
 * The rates for `quantity` units under this profile, or undefined when it quotes none (its
 * rates are in another currency than the group buy's, or it names no rate at all).
 */
export function pledgeShippingOf(profile: ShippingProfile, groupBuy: { priceCents: number; currency: string }, quantity: number): PledgeShipping | undefined {
  if (profile.currency.toLowerCase() !== groupBuy.currency.toLowerCase()) return undefined;
  const quote = quoteShipping(profile, Array<number>(quantity).fill(groupBuy.priceCents));
  if (!quote) return undefined;
  const cents = (scope: 'domestic' | 'international') => quote.options.find((o) => o.scope === scope)?.amountCents;
  const [domesticCents, internationalCents] = [cents('domestic'), cents('international')];
  return {
    homeCountry: quote.homeCountry,
    to: profile.to,
    ...(domesticCents !== undefined ? { domesticCents } : {}),
    ...(internationalCents !== undefined ? { internationalCents } : {}),
  };
}

/** What shipping to `country` costs under the rates quoted, or undefined when they do not ship there. */
export function shippingToCountry(terms: PledgeShipping, country: string): number | undefined {
  if (!allowedCountries(terms.to).includes(country)) return undefined;
  return country === terms.homeCountry ? terms.domesticCents : terms.internationalCents;
}

/** At most this many countries are named in words; a longer list is "the countries listed on Stripe's page". */
const namedCountries = 8;

/** Where abroad the builder ships, in words: `any other country`, `CA or GB`. */
function abroadWords(terms: PledgeShipping): string {
  if (terms.to === 'worldwide') return 'any other country';
  const abroad = terms.to.filter((c) => c !== terms.homeCountry);
  if (abroad.length > namedCountries) return `the other countries listed on this page`;
  return abroad.length === 1 ? (abroad[0] as string) : `${abroad.slice(0, -1).join(', ')} or ${abroad.at(-1) as string}`;
}

/**
 * The shipping in words, for the consent beside Stripe's button and the answers before it.
 * @example shippingWords({ homeCountry: 'US', to: 'worldwide', domesticCents: 800, internationalCents: 2500 }, 'usd')
 * // 'plus shipping to the address you give ($8.00 within US, or $25.00 to any other country)'
 */
export function shippingWords(terms: PledgeShipping, currency: string): string {
  const money = (cents: number) => (cents === 0 ? 'free' : formatMoney({ cents, currency }));
  const parts = [
    ...(terms.domesticCents !== undefined ? [`${money(terms.domesticCents)} within ${terms.homeCountry}`] : []),
    ...(terms.internationalCents !== undefined ? [`${money(terms.internationalCents)} to ${abroadWords(terms)}`] : []),
  ];
  return `plus shipping to the address you give (${parts.join(', or ')})`;
}

/** The countries a member may give an address in (the builder's, as they ship now), in words for a DM. */
export function countriesWords(to: ShippingDestinations): string {
  if (to === 'worldwide') return 'any country Stripe’s page offers';
  return to.length > 20 ? `${to.slice(0, 20).join(', ')} and ${to.length - 20} more` : to.join(', ');
}
