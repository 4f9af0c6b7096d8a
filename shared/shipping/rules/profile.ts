/**
 * @module profile
 * A builder's shipping profile in one server (`shippingProfiles/<guild id>:<builder id>`):
 * where they ship, what the first item and each further item of one checkout cost at home
 * and abroad, an optional threshold above which shipping is free, and how many business
 * days they take to send an item. Kept per server because its rates are in that server's
 * currency. A builder with none sells as before: buyers pick up or arrange shipping.
 */
import { collectionPath, docPath } from '../../ports';
import { parseAmount } from '../../common';
import { parseDestinations, scopesOf, type ShippingDestinations } from './countries';
import { parseShipFrom, type ShipFrom } from './ship-from';

export interface ShippingProfile {
  guildId: string;
  builderId: string;
  /** The currency the rates are in (the server's, when they were set). */
  currency: string;
  /** The builder's Stripe account's country: an address there is domestic. */
  homeCountry: string;
  to: ShippingDestinations;
  /** Whole minor units; zero is free. Absent when the builder ships only abroad. */
  domesticCents?: number;
  domesticExtraCents?: number;
  /** Absent when the builder ships only at home. */
  internationalCents?: number;
  internationalExtraCents?: number;
  /** Shipping is free when the items of one checkout add up to this or more. */
  freeOverCents?: number;
  handlingDays: number;
  /** Where labels bought through C500 are sent from (`from:`); absent until the builder says. */
  shipFrom?: ShipFrom;
  updatedAt: string;
}

export const shippingProfilesCollection = collectionPath<ShippingProfile>('shippingProfiles');
export const shippingProfilePath = (guildId: string, builderId: string) => docPath<ShippingProfile>(`${shippingProfilesCollection}/${guildId}:${builderId}`);

/** Handling time when the builder names none; at most a month. */
export const defaultHandlingDays = 3;
export const maxHandlingDays = 30;

/** The options of `/c500 shipping`, as Discord delivered them (unchecked). */
export interface ShippingOptions {
  to?: unknown;
  domestic?: unknown;
  'domestic-extra'?: unknown;
  international?: unknown;
  'international-extra'?: unknown;
  'free-over'?: unknown;
  'handling-days'?: unknown;
  from?: unknown;
}

type RateField = 'domesticCents' | 'domesticExtraCents' | 'internationalCents' | 'internationalExtraCents';
const rateOptions: ReadonlyArray<[keyof ShippingOptions, RateField]> = [
  ['domestic', 'domesticCents'],
  ['domestic-extra', 'domesticExtraCents'],
  ['international', 'internationalCents'],
  ['international-extra', 'internationalExtraCents'],
];

export type ProfileChange = { ok: true; profile: ShippingProfile } | { ok: false; reason: string };

/**
 * The profile after this command: the options given replace the stored ones, the rest stay.
 * Every rate a destination needs must be there in the end (a first-time profile names them
 * all); `free-over:0` removes the threshold.
 */
export function changeProfile(
  current: ShippingProfile | undefined,
  options: ShippingOptions,
  base: Pick<ShippingProfile, 'guildId' | 'builderId' | 'currency' | 'homeCountry' | 'updatedAt'>,
): ProfileChange {
  // Rates in another currency mean nothing here: a changed server currency starts afresh.
  const kept = current && current.currency === base.currency ? current : undefined;
  const next: Partial<ShippingProfile> = { ...kept, ...base };
  if (options.to !== undefined) {
    const to = parseDestinations(String(options.to));
    if (!to.ok) return to;
    next.to = to.to;
  }
  for (const [option, field] of rateOptions) {
    if (options[option] === undefined) continue;
    const cents = shippingAmount(options[option], base.currency);
    if (!cents.ok) return { ok: false, reason: `\`${option}\`: ${cents.reason}` };
    next[field] = cents.cents;
  }
  if (options['free-over'] !== undefined) {
    const threshold = shippingAmount(options['free-over'], base.currency);
    if (!threshold.ok) return { ok: false, reason: `\`free-over\`: ${threshold.reason}` };
    if (threshold.cents === 0) delete next.freeOverCents;
    else next.freeOverCents = threshold.cents;
  }
  if (options['handling-days'] !== undefined) {
    const days = options['handling-days'];
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > maxHandlingDays)
      return { ok: false, reason: `\`handling-days\` is a whole number of business days from 0 to ${maxHandlingDays}, like \`handling-days:3\`.` };
    next.handlingDays = days;
  }
  if (options.from !== undefined) {
    const from = parseShipFrom(options.from, base.homeCountry);
    if (!from.ok) return from;
    next.shipFrom = from.from;
  }
  return complete(next);
}

/** Every rate the destinations need, or what to add. */
function complete(next: Partial<ShippingProfile>): ProfileChange {
  const { to, homeCountry } = next;
  if (to === undefined || homeCountry === undefined) return { ok: false, reason: 'Say where you ship with `to:US`, `to:US,CA,GB` or `to:worldwide`.' };
  const scopes = scopesOf(to, homeCountry);
  const missing = [
    ...(scopes.domestic && next.domesticCents === undefined ? ['domestic'] : []),
    ...(scopes.domestic && next.domesticExtraCents === undefined ? ['domestic-extra'] : []),
    ...(scopes.international && next.internationalCents === undefined ? ['international'] : []),
    ...(scopes.international && next.internationalExtraCents === undefined ? ['international-extra'] : []),
  ];
  if (missing.length > 0)
    return {
      ok: false,
      reason: `Shipping to ${scopes.international ? 'other countries' : homeCountry} needs ${missing.map((m) => `\`${m}:<amount>\``).join(', ')} too.`,
    };
  return {
    ok: true,
    profile: {
      guildId: next.guildId as string,
      builderId: next.builderId as string,
      currency: next.currency as string,
      homeCountry,
      to,
      ...(scopes.domestic ? { domesticCents: next.domesticCents as number, domesticExtraCents: next.domesticExtraCents as number } : {}),
      ...(scopes.international
        ? { internationalCents: next.internationalCents as number, internationalExtraCents: next.internationalExtraCents as number }
        : {}),
      ...(next.freeOverCents !== undefined ? { freeOverCents: next.freeOverCents } : {}),
      handlingDays: next.handlingDays ?? defaultHandlingDays,
      ...(next.shipFrom ? { shipFrom: next.shipFrom } : {}),
      updatedAt: next.updatedAt as string,
    },
  };
}

/**
 * A rate as a price is read (the server's currency, its decimals, zero-decimal ones
 * included), except that zero is a rate too: free shipping.
 */
export function shippingAmount(raw: unknown, currency: string): { ok: true; cents: number } | { ok: false; reason: string } {
  if (typeof raw !== 'number' && typeof raw !== 'string') return { ok: false, reason: 'isn’t an amount.' };
  const amount = parseAmount(raw, currency);
  if (amount.ok) return amount;
  return amount.problem === 'zero' ? { ok: true, cents: 0 } : { ok: false, reason: amount.reason };
}
