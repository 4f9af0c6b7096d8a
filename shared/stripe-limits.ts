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
