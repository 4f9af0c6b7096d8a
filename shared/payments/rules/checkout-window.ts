/**
 * @module checkout-window
 * Stripe accepts a Checkout Session's `expires_at` only from 30 minutes to 24 hours after
 * it creates the session, measured by its own clock when the request arrives. A deadline
 * is therefore chosen when the session is made, never at the sale or the hammer, and kept
 * a margin inside that window for the two clocks and the request's time in flight.
 */

import { checkoutWindowMarginMs as marginMs, stripeCheckoutWindow } from '../../stripe-limits';

/**
 * A deadline chosen earlier is sent again (same request, same idempotency key) while it is
 * still this far inside the window; past that, Stripe might refuse it and a new one is chosen.
 */
const reuseMarginMs = 30_000;

/**
 * The `expires_at` to send for a session made now: the deadline wanted, moved inside
 * Stripe's window when it falls outside, in whole seconds (what Stripe keeps).
 *
 * @example checkoutDeadline(hammerAt + 30 min, now) // at least now + 32 min
 */
export function checkoutDeadline(wanted: Date, now: Date): Date {
  const earliest = Math.ceil((now.getTime() + stripeCheckoutWindow.shortestMs + marginMs) / 1000);
  const latest = Math.floor((now.getTime() + stripeCheckoutWindow.longestMs - marginMs) / 1000);
  const seconds = Math.min(latest, Math.max(earliest, Math.floor(wanted.getTime() / 1000)));
  return new Date(seconds * 1000);
}

/** Whether a deadline chosen earlier can still be sent for a session made now. */
export function canStillSend(deadline: Date, now: Date): boolean {
  const ahead = deadline.getTime() - now.getTime();
  return ahead >= stripeCheckoutWindow.shortestMs + reuseMarginMs && ahead <= stripeCheckoutWindow.longestMs - reuseMarginMs;
}

/** Stripe's own rule, as its API applies it (the simulators refuse what this refuses). */
export function stripeRefusesExpiry(expiresAtSeconds: number, createdSeconds: number): string | undefined {
  const ahead = (expiresAtSeconds - createdSeconds) * 1000;
  if (ahead < stripeCheckoutWindow.shortestMs) return 'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.';
  if (ahead > stripeCheckoutWindow.longestMs) return 'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.';
  return undefined;
}
