/**
 * @module stripe/per-second-limit
 * Stripe's rate limiter as the local Stripe plays it: at most `perSecond` requests in each
 * second of the clock, the rest answered 429 until the next second. A fixed window: Stripe
 * does not publish its algorithm, only the figures (docs.stripe.com/rate-limits: in a sandbox,
 * 25 write operations a second, shared by every endpoint, and 25 a second per endpoint). Every
 * write counts, PaymentIntents, Checkout Sessions, transfers, refunds and the rest alike;
 * reads are not limited here.
 */

/** The limits the local Stripe keeps (LocalPayments' options, and the served API's). */
export interface StripeRateLimits {
  /**
   * Writes (POST and DELETE of `/v1/*`, or the port's calls that make or change an object)
   * that may be made in a second of the world's clock; more are answered 429 `rate_limit`,
   * nothing done. The local runtime sets Stripe's figure on the served API; unset, there is no
   * limit, so an in-process fake never depends on how many calls fit in a second.
   */
  writesPerSecond?: number;
}

/** Stripe's figure for writes in a sandbox, shared by every endpoint. */
export const stripeWritesPerSecond = 25;

/** What Stripe says when its limiter refuses a request (a 429, code `rate_limit`). */
export const rateLimitMessage = 'Request rate limit exceeded. Learn more about rate limits here https://docs.stripe.com/rate-limits.';

/** The in-process local Stripe's 429: the request was refused before anything was done, so the same key goes through later. */
export class StripeRateLimited extends Error {
  readonly stripeCode = 'rate_limit';
  constructor() {
    super(rateLimitMessage);
    this.name = 'StripeRateLimited';
  }
}

export class PerSecondLimit {
  private second = Number.NaN;
  private taken = 0;

  constructor(readonly perSecond: number) {
    if (!Number.isSafeInteger(perSecond) || perSecond < 1)
      throw new RangeError(`a rate limit is a whole number of requests a second, 1 or more, got ${perSecond}`);
  }

  /** Whether one more request fits in the second `nowMs` falls in; if it does, it is counted. */
  take(nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      this.second = second;
      this.taken = 0;
    }
    if (this.taken >= this.perSecond) return false;
    this.taken += 1;
    return true;
  }
}
