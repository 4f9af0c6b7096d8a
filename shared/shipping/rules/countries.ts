/**
 * @module countries
 * Where a builder ships: their own country, a list, or everywhere Stripe Checkout can take an
 * address. Codes are ISO 3166-1 alpha-2 from Stripe's list for
 * `shipping_address_collection.allowed_countries` (Stripe refuses a session with any other;
 * `ZZ`, Stripe's "unknown region", is left out: nobody ships there).
 */

/** Stripe's allowed countries for shipping addresses, as the pinned API version lists them. */
export const stripeShippingCountries: readonly string[] =
  'AC AD AE AF AG AI AL AM AO AQ AR AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CD CF CG CH CI CK CL CM CN CO CR CV CW CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IS IT JE JM JO JP KE KG KH KI KM KN KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MK ML MM MN MO MQ MR MS MT MU MV MW MX MY MZ NA NC NE NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VN VU WF WS XK YE YT ZA ZM ZW'.split(
    ' ',
  );

const known = new Set(stripeShippingCountries);

/** What a builder ships to: `worldwide`, or the countries they named. */
export type ShippingDestinations = 'worldwide' | string[];

export type DestinationsInput = { ok: true; to: ShippingDestinations } | { ok: false; reason: string };

/**
 * `to:US`, `to:US,CA,GB` or `to:worldwide`, any case, spaces allowed: sorted and without
 * repeats, so the same list is stored (and sent to Stripe) the same way.
 * @example parseDestinations('gb, us') // { ok: true, to: ['GB', 'US'] }
 */
export function parseDestinations(raw: string): DestinationsInput {
  const text = raw.trim().toUpperCase();
  if (text === 'WORLDWIDE') return { ok: true, to: 'worldwide' };
  const codes = [...new Set(text.split(/[\s,]+/).filter((c) => c !== ''))].sort();
  const example = 'Type `to:US`, `to:US,CA,GB` or `to:worldwide`.';
  if (codes.length === 0) return { ok: false, reason: `Say where you ship. ${example}` };
  if (codes.includes('UK')) return { ok: false, reason: `Stripe writes the United Kingdom as **GB**. ${example}` };
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0)
    return { ok: false, reason: `\`${unknown.slice(0, 5).join(', ').slice(0, 60)}\` isn’t a two-letter country code Stripe can ship to. ${example}` };
  return { ok: true, to: codes };
}

/** Every country an address may be in: the list for Stripe. */
export function allowedCountries(to: ShippingDestinations): string[] {
  return to === 'worldwide' ? [...stripeShippingCountries] : [...to];
}

/** Whether the builder ships inside their own country, and abroad. */
export function scopesOf(to: ShippingDestinations, homeCountry: string): { domestic: boolean; international: boolean } {
  if (to === 'worldwide') return { domestic: true, international: true };
  return { domestic: to.includes(homeCountry), international: to.some((c) => c !== homeCountry) };
}

/** How the destinations read in a message: `worldwide` or `US, CA, GB` (a long list cut short). */
export function destinationsText(to: ShippingDestinations): string {
  if (to === 'worldwide') return 'worldwide';
  return to.length > 20 ? `${to.slice(0, 20).join(', ')} and ${to.length - 20} more` : to.join(', ');
}
