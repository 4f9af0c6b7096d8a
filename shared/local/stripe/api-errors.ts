/**
 * @module stripe/api-errors
 * How the served local Stripe refuses: Stripe's error answer (its status and `error` object),
 * and what LocalPayments throws, as Stripe would answer it.
 */
import { PaymentRefused } from '../../errors';
import { StripeParameterError } from './api-form';
import { StripeRateLimited } from './per-second-limit';

/** Stripe's error answer: its status and `error` object. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'api_error' | 'idempotency_error' | 'authentication_error' | 'card_error',
    message: string,
    /** Beside the message: Stripe's `code` and `param`, and a card error's `decline_code`, `doc_url` and the `payment_intent` it left. */
    readonly extra: { code?: string; param?: string; decline_code?: string; doc_url?: string; payment_intent?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'StripeApiError';
  }
}

/** What LocalPayments throws, as Stripe answers it. */
export function asStripeApiError(error: unknown): StripeApiError {
  if (error instanceof StripeApiError) return error;
  if (error instanceof StripeRateLimited) return new StripeApiError(429, 'invalid_request_error', error.message, { code: 'rate_limit' });
  if (error instanceof StripeParameterError) return new StripeApiError(400, 'invalid_request_error', error.message, { code: error.code, param: error.param });
  // A revoked account's calls fail with a 403 (stripe-node's StripePermissionError), before Stripe runs them.
  if (error instanceof PaymentRefused && error.stripeCode === 'account_invalid')
    return new StripeApiError(403, 'invalid_request_error', error.message, { code: 'account_invalid' });
  if (error instanceof PaymentRefused)
    return new StripeApiError(400, 'invalid_request_error', error.message, error.stripeCode ? { code: error.stripeCode } : {});
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('No such ')) return new StripeApiError(404, 'invalid_request_error', message, { code: 'resource_missing' });
  if (message.startsWith('Keys for idempotent requests')) return new StripeApiError(400, 'idempotency_error', message);
  if (error instanceof RangeError) return new StripeApiError(400, 'invalid_request_error', message, { code: 'parameter_invalid_integer' });
  return new StripeApiError(500, 'api_error', `An unexpected error occurred in the local Stripe: ${message}`);
}
