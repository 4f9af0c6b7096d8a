/**
 * @module stripe-refusals
 * What the Stripe adapter makes of Stripe's answers that are not the object asked for, and
 * the amounts it will not send: shared by the adapter's calls (stripe-payments, saved-cards).
 * A 4xx refusal is final. A 429 is Stripe's limiter (25 writes a second in a sandbox, 100 live,
 * docs.stripe.com/rate-limits): nothing was done, stripe-node never retries it by itself (Stripe
 * sends no `Stripe-Should-Retry` for it), so the adapter waits and asks again, the same request
 * under the same key, rather than fail a person's press or drop the work. A key sent again with
 * other parameters is C500's own defect, never Stripe's refusal of the request (see
 * `IdempotencyKeyReused`).
 */
import Stripe from 'stripe';
import { PaymentRefused } from '../../errors';

/** How the adapter waits out Stripe's limiter: the wait itself (a test's clock moves instead), and how many tries in all. */
export interface RateLimitWaits {
  wait(ms: number): Promise<void>;
  attempts: number;
}

/** About twenty seconds of backing off in all: long past a second's window, short of a function's timeout. */
export const stripeRateLimitWaits: RateLimitWaits = { wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), attempts: 8 };

/**
 * The wait before try `attempt` (1 is the first retry): doubling from half a second to four,
 * each drawn between half and all of it, so callers refused in the same second spread out.
 */
export function rateLimitBackoffMs(attempt: number, draw: () => number = Math.random): number {
  const ceiling = Math.min(500 * 2 ** (attempt - 1), 4_000);
  return Math.round(ceiling * (0.5 + 0.5 * draw()));
}

/** The call, asked again after a wait while Stripe answers 429; the last 429 is thrown as it came. */
export async function rateLimitsWaited<T>(call: () => Promise<T>, waits: RateLimitWaits = stripeRateLimitWaits): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeRateLimitError) || attempt >= waits.attempts) throw error;
      await waits.wait(rateLimitBackoffMs(attempt));
    }
  }
}

/**
 * Stripe refused an idempotency key sent again with other parameters (400 `idempotency_error`):
 * the object may well have been made under it. Thrown as an error to retry and look at, never
 * as a `PaymentRefused`: callers take that as "not done" and would record it so (a transfer
 * never sent, a refund never given) while Stripe may have made it.
 */
export class IdempotencyKeyReused extends Error {
  readonly code = 'idempotency-key-reused';
  constructor(cause: Error) {
    super(`${cause.message} (Stripe may have made the object under this key: not a refusal)`, { cause });
    this.name = 'IdempotencyKeyReused';
  }
}

/**
 * Stripe refusing a request (invalid, a 404 such as a payment it has no such one of, or not
 * permitted) is final: a `PaymentRefused`, never retried. Its limiter's 429 is waited out first.
 * A reused key is no refusal (`IdempotencyKeyReused`).
 */
export async function refusalsAreFinal<T>(call: () => Promise<T>, waits: RateLimitWaits = stripeRateLimitWaits): Promise<T> {
  try {
    return await rateLimitsWaited(call, waits);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeIdempotencyError) throw new IdempotencyKeyReused(error);
    if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripePermissionError) {
      throw new PaymentRefused(error.message, { cause: error, ...(error.code ? { stripeCode: error.code } : {}) });
    }
    throw error;
  }
}

export function assertCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`an amount must be a positive whole number of cents, got ${amountCents}`);
}
