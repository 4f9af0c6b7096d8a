/**
 * @module money
 * Money is an integer of the currency's minor units with its currency. Never a float. The
 * minor unit is what Stripe counts in: cents for USD, but the whole yen for JPY and the
 * fils for KWD (a field named `…Cents` holds minor units of its currency). Parsing, display
 * and every Stripe call go by the currency's digits; splits and shares are integer maths
 * on minor units and need no digits at all.
 */

export interface Money {
  /** Minor units of `currency`. */
  cents: number;
  currency: string;
}

/** Stripe's zero-decimal currencies: the amount is the whole unit (¥2,400 is 2400). */
const zeroDecimal = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
/** Stripe's three-decimal currencies (it wants their last digit 0). */
const threeDecimal = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** How many decimals a currency's minor unit has, as Stripe counts amounts. */
export function minorDigits(currency: string): 0 | 2 | 3 {
  const code = currency.toLowerCase();
  return zeroDecimal.has(code) ? 0 : threeDecimal.has(code) ? 3 : 2;
}

/**
 * The minor units every amount in `currency` moves in: 10 for the three-decimal currencies,
 * because Stripe's docs ("Three-decimal currencies") ask card amounts in them to end in 0
 * (a 5.125 KWD charge is refused; 5.120 is taken), else 1. Prices, bids and every part a split
 * makes of an amount in such a currency stay on multiples of it.
 * @example amountStep('kwd') // 10
 */
export function amountStep(currency: string): 1 | 10 {
  return minorDigits(currency) === 3 ? 10 : 1;
}

/** Minor units as plain digits a person types back: `2550, 'usd'` -> `25.50`, `2400, 'jpy'` -> `2400`. */
export function amountText({ cents, currency }: Money): string {
  const digits = minorDigits(currency);
  const abs = Math.abs(cents);
  const scale = 10 ** digits;
  const major = String(Math.floor(abs / scale));
  return `${cents < 0 ? '-' : ''}${digits === 0 ? major : `${major}.${String(abs % scale).padStart(digits, '0')}`}`;
}

/** `1999, 'usd'` -> `$19.99`; `2400, 'jpy'` -> `2,400 JPY`; other currencies by their code, e.g. `19.99 EUR`. */
export function formatMoney({ cents, currency }: Money): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`an amount must be whole minor units, got ${cents}`);
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const major = Math.floor(abs / scale).toLocaleString('en-US');
  const number = digits === 0 ? major : `${major}.${String(abs % scale).padStart(digits, '0')}`;
  return currency.toLowerCase() === 'usd' ? `${sign}$${number}` : `${sign}${number} ${currency.toUpperCase()}`;
}

/** Why an amount was refused, for a caller that words it its own way (chat); `reason` says it for Discord. */
export type AmountProblem = 'negative' | 'decimals' | 'unreadable' | 'too-big' | 'zero' | 'step';
/** `nearest`: for an amount off its currency's step, the amounts on it either side. */
export type AmountResult = { ok: true; cents: number } | { ok: false; reason: string; problem: AmountProblem; nearest?: number[] };

/**
 * The most a single price or bid may be, in minor units: Stripe takes amounts of up to eight
 * digits (99,999,999: $999,999.99, ¥99,999,999), so anything larger could be won and never paid.
 */
export const maxAmountCents = 99_999_999;

/**
 * The least Stripe charges in a currency, in its minor units (Stripe's "minimum charge
 * amount" table; 50 minor units where it lists none of its own, as for USD and EUR).
 */
const minimumCharges: Record<string, number> = {
  aed: 200,
  bgn: 100,
  czk: 1_500,
  dkk: 250,
  gbp: 30,
  hkd: 400,
  huf: 17_500,
  jpy: 50,
  mxn: 1_000,
  myr: 200,
  nok: 300,
  pln: 200,
  ron: 200,
  sek: 300,
  thb: 1_000,
};

export function minimumCharge(currency: string): Money {
  const code = currency.toLowerCase();
  return { cents: minimumCharges[code] ?? 50 * 10 ** Math.max(0, minorDigits(code) - 2), currency: code };
}

/** How to say the smallest unit of a currency in a refusal. */
const smallestUnit = (currency: string) => (currency.toLowerCase() === 'usd' ? 'the cent' : 'its smallest unit');

/**
 * A person's amount in the major unit (`25`, `25.5`, `25.50`, `$1,200`; `2400` for yen) ->
 * whole minor units, exactly: the digits are read as text, never multiplied as a float. More
 * decimals than the currency has, zero, negative or absurd amounts are refused with what to
 * type instead.
 */
export function parseAmount(raw: number | string, currency = 'usd'): AmountResult {
  const digits = minorDigits(currency);
  const text = (typeof raw === 'number' ? numberText(raw) : raw)
    .trim()
    .replace(/^[$€£¥₩]/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  const example =
    digits === 0 ? 'Type an amount like `2400`.' : digits === 3 ? 'Type an amount like `25` or `25.500`.' : 'Type an amount like `25` or `25.50`.';
  if (/^-/.test(text)) return { ok: false, problem: 'negative', reason: `An amount can’t be negative. ${example}` };
  const match = new RegExp(`^(\\d+)(?:\\.(\\d{0,${digits}}))?$`).exec(text);
  if (!match) {
    if (/^\d*\.\d+$/.test(text)) {
      const why =
        digits === 0
          ? `has decimals, and ${currency.toUpperCase()} has none`
          : `has more than ${digits === 2 ? 'two' : 'three'} decimals: money goes to ${smallestUnit(currency)}`;
      return { ok: false, problem: 'decimals', reason: `\`${text.slice(0, 40)}\` ${why}. ${example}` };
    }
    return { ok: false, problem: 'unreadable', reason: `\`${text.slice(0, 40) || ' '}\` isn’t an amount. ${example}` };
  }
  // No decimals in a zero-decimal currency pad to '', and Number('') is 0.
  const cents = Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0'));
  if (!Number.isSafeInteger(cents) || cents > maxAmountCents)
    return {
      ok: false,
      problem: 'too-big',
      reason: `That’s more than ${formatMoney({ cents: maxAmountCents, currency })}, the most a card payment can be. ${example}`,
    };
  if (cents === 0) return { ok: false, problem: 'zero', reason: `An amount must be more than zero. ${example}` };
  const step = amountStep(currency);
  if (cents % step !== 0) {
    const nearest = nearestOnStep(cents, currency);
    return { ok: false, problem: 'step', nearest, reason: offStepReason(nearest, currency) };
  }
  return { ok: true, cents };
}

/** The two amounts on the currency's step either side of `cents` (the lower one only when above zero). */
export function nearestOnStep(cents: number, currency: string): number[] {
  const step = amountStep(currency);
  const below = Math.floor(cents / step) * step;
  return below === cents ? [cents] : [below, below + step].filter((c) => c > 0 && c <= maxAmountCents);
}

function offStepReason(nearest: readonly number[], currency: string): string {
  const near = nearest.map((c) => `\`${amountText({ cents: c, currency })}\``).join(' or ');
  return `${currency.toUpperCase()} card payments go in steps of 0.010: the last of three decimals must be 0. Type ${near} instead.`;
}

/**
 * A shop's decimal amount (`"12.50"`, `"3"`, `12.5`; `"2400.00"` for yen) -> whole minor units,
 * exactly. Shops may write more decimals than the currency has, as zeros; anything finer is
 * not an amount. Undefined for anything that is not a non-negative amount.
 * @example minorUnitsOf('12.50', 'usd') // 1250
 */
export function minorUnitsOf(raw: unknown, currency: string): number | undefined {
  const digits = minorDigits(currency);
  if (typeof raw !== 'number' && typeof raw !== 'string') return undefined;
  // A number that is not finite reads as `NaN`, which is no amount.
  const text = typeof raw === 'number' ? numberText(raw) : raw.trim();
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (/[1-9]/.test(fraction.slice(digits))) return undefined;
  return Number(match[1]) * 10 ** digits + Number(fraction.slice(0, digits).padEnd(digits, '0'));
}

/** Numbers as Discord sent them, without exponent notation (1e-7 would hide its decimals). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, '') : text;
}

/**
 * `round_half_up(amount × bps / 10,000)` in integers: a fee or a commission pool. With a
 * `step` (the currency's `amountStep`), rounded half up to a multiple of it instead.
 * @example shareOf(12_340, 1_000, 10) // 1_230 (1,234 fils to the nearest 10)
 */
export function shareOf(amountCents: number, bps: number, step = 1): number {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`amount must be whole non-negative cents, got ${amountCents}`);
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`rate must be 0 to 10,000 basis points, got ${bps}`);
  return Math.floor((amountCents * bps + 5_000 * step) / (10_000 * step)) * step;
}

/** 2,000 -> `20%`; 1,250 -> `12.5%`. */
export function percentOf(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** `20`, `12.5%` or `7.25` -> basis points (2,000, 1,250, 725): above 0 and at most 100 %, two decimals at most. */
export function percentToBps(text: string): number | undefined {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!match) return undefined;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bps > 0 && bps <= 10_000 ? bps : undefined;
}
