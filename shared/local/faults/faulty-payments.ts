/**
 * @module faulty-payments
 * The payments port as Stripe fails it: a 500 before anything happened, or a request that
 * succeeded at Stripe and whose answer was lost on the way back (a timeout). stripe-node
 * retries both under the same idempotency key and then throws; what the use case sees
 * after that is what this throws, and its retry (the redelivered event or task) must
 * replay the same key to get the same object back, never a second one.
 */
import type { Payments } from '../../ports';
import { paymentsMethods, wrapEveryMethod } from '../whole-ports';
import type { FaultInjector } from './fault-injector';

/** Shaped as stripe-node's errors are: a `type`, and the status when Stripe answered. */
export class InjectedStripeError extends Error {
  constructor(
    readonly type: 'StripeAPIError' | 'StripeConnectionError',
    readonly statusCode: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export function faultyPayments(inner: Payments, faults: FaultInjector): Payments {
  return wrapEveryMethod(inner, paymentsMethods, (name, call) => async (...args) => {
    if (faults.roll('stripe.500')) throw new InjectedStripeError('StripeAPIError', 500, `Stripe answered 500 to ${name} (injected)`);
    const result = await call(...args);
    if (faults.roll('stripe.timeout-after-success'))
      throw new InjectedStripeError('StripeConnectionError', undefined, `${name} timed out after Stripe did it (injected): retry with the same key`);
    return result;
  });
}
