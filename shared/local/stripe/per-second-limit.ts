/**
 * @module stripe/per-second-limit
 * Stripe's rate limiter as the local Stripe plays it: at most `perSecond` requests in each
 * second of the clock, the rest answered 429 until the next second. A fixed window: Stripe
 * does not publish its algorithm, only the figures (docs.stripe.com/rate-limits: 25 requests a
 * second in a sandbox, and 25 a second per endpoint unless noted, in live mode too).
 */

/** The limits the local Stripe keeps (LocalPayments' options). */
export interface StripeRateLimits {
  /**
   * PaymentIntents that may be made in a second of the world's clock; more are answered 429.
   * The local runtime sets Stripe's figure; unset, there is no limit, so an in-process fake
   * never depends on how many calls fit in a second.
   */
  paymentIntentsPerSecond?: number;
}

/** Stripe's figure for `POST /v1/payment_intents`, in a sandbox and per endpoint in live mode. */
export const stripePaymentIntentsPerSecond = 25;

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
