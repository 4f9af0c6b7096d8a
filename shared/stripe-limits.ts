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
 * How late a write may reach Stripe after its token was taken, and the budget still hold:
 * Stripe counts a write when it arrives, and a token taken late in one second can arrive in the
 * next (a loaded instance, a socket's queue, a stalled event loop: the local bench on a machine
 * at load 30 saw one second of the local Stripe's hold 26, tokens taken about 150 ms apart).
 */
export const stripeArrivalJitterMs = 250;

/**
 * The one bucket every write of an account takes a token from (adapters/stripe/write-budget).
 * Tokens taken over one second and the allowance before it (stripeArrivalJitterMs) may all
 * land in one of Stripe's seconds, so a full bucket plus that long a refill stays within
 * Stripe's figure: `capacity + perSecond × (1 s + allowance) ≤ limit`. That is 18 a second
 * and 2 held in a sandbox (2 + 22.5 ≤ 25), 72 and 10 live (10 + 90 ≤ 100). The last
 * `personReserve` tokens are for work a person waits on: batch work (a close, a sweep) takes
 * only beyond them.
 */
export interface StripeWriteBudgetSize {
  perSecond: number;
  capacity: number;
  personReserve: number;
}

export function stripeWriteBudgetSize(mode: StripeMode): StripeWriteBudgetSize {
  const limit = stripeWriteLimits[mode];
  const perSecond = Math.floor(limit * 0.72);
  const capacity = Math.floor(limit - (perSecond * (1000 + stripeArrivalJitterMs)) / 1000);
  return { perSecond, capacity, personReserve: Math.ceil(capacity / 3) };
}

/** A secret key's mode: `sk_live_…`/`rk_live_…` is live, anything else (a sandbox's, the local Stripe's) is test. */
export function stripeModeOfKey(secretKey: string): StripeMode {
  return /^(sk|rk)_live_/.test(secretKey) ? 'live' : 'test';
}
