/**
 * @module money
 * Money is an integer of minor units (cents) with its currency. Never a float.
 */

export interface Money {
  cents: number;
  currency: string;
}

/** `1999, 'usd'` -> `$19.99`; other currencies by their code, e.g. `19.99 EUR`. */
export function formatMoney({ cents, currency }: Money): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`an amount must be whole cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const major = Math.floor(abs / 100).toLocaleString('en-US');
  const minor = String(abs % 100).padStart(2, '0');
  return currency.toLowerCase() === 'usd' ? `${sign}$${major}.${minor}` : `${sign}${major}.${minor} ${currency.toUpperCase()}`;
}

export type AmountResult = { ok: true; cents: number } | { ok: false; reason: string };

/** The most a single price or bid may be: $1,000,000.00, far above any keyboard. */
export const maxAmountCents = 100_000_000;

/**
 * A person's amount in the major unit (`25`, `25.5`, `25.50`, `$1,200`) -> whole cents,
 * exactly: the digits are read as text, never multiplied as a float. More than two
 * decimals, zero, negative or absurd amounts are refused with what to type instead.
 */
export function parseAmount(raw: number | string): AmountResult {
  const text = (typeof raw === 'number' ? numberText(raw) : raw).trim().replace(/^\$/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  const example = 'Type an amount like `25` or `25.50`.';
  if (/^-/.test(text)) return { ok: false, reason: `An amount can’t be negative. ${example}` };
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) {
    if (/^\d*\.\d{3,}$/.test(text)) return { ok: false, reason: `\`${text}\` has more than two decimals: money goes to the cent. ${example}` };
    return { ok: false, reason: `\`${text || ' '}\` isn’t an amount. ${example}` };
  }
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > maxAmountCents) return { ok: false, reason: `That’s more than ${formatMoney({ cents: maxAmountCents, currency: 'usd' })}. ${example}` };
  if (cents === 0) return { ok: false, reason: `An amount must be more than zero. ${example}` };
  return { ok: true, cents };
}

/** Numbers as Discord sent them, without exponent notation (1e-7 would hide its decimals). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, '') : text;
}

/** `round_half_up(amount × bps / 10,000)` in integers: a fee or a commission pool. */
export function shareOf(amountCents: number, bps: number): number {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`amount must be whole non-negative cents, got ${amountCents}`);
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`rate must be 0 to 10,000 basis points, got ${bps}`);
  return Math.floor((amountCents * bps + 5_000) / 10_000);
}
