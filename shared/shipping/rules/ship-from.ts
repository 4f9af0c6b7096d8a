/**
 * @module ship-from
 * Where a builder ships from, for the labels C500 buys (issue 78): typed once with
 * `/c500 shipping from:<street>, <city>, [<state>,] <ZIP>`, in the country of their Stripe
 * account. Personal data: the builder's own address, seen by nobody but the carrier (it is
 * the label's return address) and erased with their shipping profile.
 */

/** The address labels are sent from; `country` is the profile's home country. */
export interface ShipFrom {
  street1: string;
  city: string;
  state?: string;
  zip: string;
  country: string;
}

export type ShipFromRead = { ok: true; from: ShipFrom } | { ok: false; reason: string };

const part = /^[\p{L}\p{N} .'#/-]{1,60}$/u;

/** `street, city, [state,] ZIP`: three or four parts of plain words, at most 200 characters. */
export function parseShipFrom(raw: unknown, country: string): ShipFromRead {
  const refused: ShipFromRead = {
    ok: false,
    reason:
      'Give where you ship from as `from:<street>, <city>, <state>, <ZIP>` (the state may be left out where there is none), in letters, digits and spaces.',
  };
  if (typeof raw !== 'string' || raw.length > 200) return refused;
  const parts = raw.split(',').map((p) => p.trim().replace(/\s+/g, ' '));
  if ((parts.length !== 3 && parts.length !== 4) || !parts.every((p) => part.test(p))) return refused;
  const [street1, city, ...rest] = parts as [string, string, ...string[]];
  const zip = rest[rest.length - 1] as string;
  const state = rest.length === 2 ? rest[0] : undefined;
  return { ok: true, from: { street1, city, ...(state ? { state } : {}), zip, country: country.toUpperCase() } };
}
