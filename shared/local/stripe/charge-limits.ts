/**
 * @module stripe/charge-limits
 * The least and the most Stripe charges in a currency (docs.stripe.com/currencies, "Minimum
 * and maximum charge amounts"), as the local Stripe refuses what is outside them: a
 * PaymentIntent's amount, or a Checkout Session's total in payment mode, with Stripe's
 * `amount_too_small` or `amount_too_large`. The figures are the product's own (common's
 * `minimumCharge` and `maxAmountCents`), so the stand-in and the rules that keep prices
 * chargeable cannot drift apart.
 */
import { PaymentRefused } from '../../errors';
import { amountText, maxAmountCents, minimumCharge } from '../../common';

/** How Stripe writes an amount in these refusals: its symbol where it has a common one, the digits, then the code (`$0.50 usd`). */
const symbols: Readonly<Record<string, string>> = { usd: '$', cad: '$', aud: '$', nzd: '$', sgd: '$', hkd: '$', mxn: '$', eur: '€', gbp: '£', jpy: '¥' };

function stripeAmount(cents: number, currency: string): string {
  const code = currency.toLowerCase();
  const [whole = '', decimals] = amountText({ cents, currency: code }).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${symbols[code] ?? ''}${decimals === undefined ? grouped : `${grouped}.${decimals}`} ${code}`;
}

/** What is being charged: a PaymentIntent's `amount`, or what a Checkout Session's lines add up to. */
export type ChargedWhat = 'payment' | 'checkout';

/**
 * Stripe's refusal of a charge of `amountCents`, if it refuses it: a validation error, made
 * before anything is done and kept under no key.
 * @example chargeAmountRefusal(49, 'usd', 'payment')?.message // 'Amount must be at least $0.50 usd'
 */
export function chargeAmountRefusal(amountCents: number, currency: string, what: ChargedWhat): PaymentRefused | undefined {
  const least = minimumCharge(currency).cents;
  const subject = what === 'checkout' ? "The Checkout Session's total amount due must add up to" : 'Amount must be';
  if (amountCents < least) return new PaymentRefused(`${subject} at least ${stripeAmount(least, currency)}`, { stripeCode: 'amount_too_small' });
  if (amountCents > maxAmountCents)
    return new PaymentRefused(`${subject} no more than ${stripeAmount(maxAmountCents, currency)}`, { stripeCode: 'amount_too_large' });
  return undefined;
}

/** Throws Stripe's refusal of the amount, if it refuses it. */
export function assertChargeable(amountCents: number, currency: string, what: ChargedWhat): void {
  const refused = chargeAmountRefusal(amountCents, currency, what);
  if (refused) throw refused;
}
