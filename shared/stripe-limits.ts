/**
 * @module stripe-limits
 * What Stripe allows a Checkout Session's deadline to be, which both configuration (the
 * pay windows it accepts) and payments (the deadline it sends) keep to.
 */

const minute = 60_000;

/** Stripe's window for a Checkout Session's `expires_at`, after the session's creation. */
export const stripeCheckoutWindow = { shortestMs: 30 * minute, longestMs: 24 * 60 * minute } as const;

/** Kept inside each end of Stripe's window when a deadline is chosen (the two clocks, the request in flight). */
export const checkoutWindowMarginMs = 2 * minute;

/** What configuration may ask a pay window to be, in minutes: any of it fits inside Stripe's window with the margin. */
export const payWindowMinutes = {
  min: stripeCheckoutWindow.shortestMs / minute,
  max: (stripeCheckoutWindow.longestMs - 2 * checkoutWindowMarginMs) / minute,
} as const;

/**
 * Stripe's published write limits a second (docs.stripe.com/rate-limits), shared by every
 * endpoint of one account: 100 in live mode, 25 in a sandbox.
 */
export const stripeWriteLimits = { live: 100, test: 25 } as const;

export type StripeMode = keyof typeof stripeWriteLimits;

/**
 * The one bucket every write of an account takes a token from (adapters/stripe/write-budget).
 * It refills at 80 % of Stripe's figure and holds at most 12 % of it, so even a full bucket
 * emptied at the start of a second and refilled through it stays under Stripe's count with
 * room for requests that arrive a little later than they left. The last `personReserve`
 * tokens are for work a person waits on: batch work (a close, a sweep) takes only beyond them.
 */
export interface StripeWriteBudgetSize {
  perSecond: number;
  capacity: number;
  personReserve: number;
}

export function stripeWriteBudgetSize(mode: StripeMode): StripeWriteBudgetSize {
  const limit = stripeWriteLimits[mode];
  const capacity = Math.ceil(limit * 0.12);
  return { perSecond: Math.floor(limit * 0.8), capacity, personReserve: Math.ceil(capacity / 3) };
}

/** A secret key's mode: `sk_live_…`/`rk_live_…` is live, anything else (a sandbox's, the local Stripe's) is test. */
export function stripeModeOfKey(secretKey: string): StripeMode {
  return /^(sk|rk)_live_/.test(secretKey) ? 'live' : 'test';
}
