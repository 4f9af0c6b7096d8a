/**
 * @module errors
 * The few error classes the platform mappers know. Person-caused problems are not errors:
 * they are values rendered as messages.
 */

/** A message a subscriber can never handle: acknowledged and logged, not retried. */
export class PoisonMessage extends Error {
  readonly code = 'poison-message';
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessage';
  }
}

/** A task that ran before its time (clocks differ between machines): answered 503 so the queue retries it. */
export class TaskNotDueYet extends Error {
  readonly code = 'not-due-yet';
  constructor(readonly atMs: number) {
    super(`not due until ${new Date(atMs).toISOString()}`);
    this.name = 'TaskNotDueYet';
  }
}

/**
 * The payment provider refused a request for good (a destination that cannot take
 * transfers, a balance too low): retrying the same request cannot help, so the use case
 * undoes what it recorded and tells the person. Network trouble is not this: it throws as
 * usual and the delivery is retried with the same idempotency key.
 */
export class PaymentRefused extends Error {
  readonly code = 'payment-refused';
  /** Stripe's own `error.code` (`balance_insufficient`, `parameter_invalid_integer`…), when it gave one. */
  readonly stripeCode: string | undefined;
  constructor(message: string, options?: { cause?: unknown; stripeCode?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PaymentRefused';
    this.stripeCode = options?.stripeCode;
  }
}
