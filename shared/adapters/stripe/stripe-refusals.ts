/**
 * @module stripe-refusals
 * What the Stripe adapter makes of Stripe's refusals, and the amounts it will not send:
 * shared by the adapter's calls (stripe-payments, saved-cards).
 */
import Stripe from 'stripe';
import { PaymentRefused } from '../../errors';

/** Stripe refusing a request (invalid, a 404 such as a payment it has no such one of, or not permitted) is final: a `PaymentRefused`, never retried. */
export async function refusalsAreFinal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripePermissionError) {
      throw new PaymentRefused(error.message, { cause: error, ...(error.code ? { stripeCode: error.code } : {}) });
    }
    throw error;
  }
}

export function assertCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`an amount must be a positive whole number of cents, got ${amountCents}`);
}
