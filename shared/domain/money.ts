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
