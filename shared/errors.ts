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

/** A task that ran before its time (clocks differ between machines): answered 425 so the queue retries that task alone. */
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

/** Discord's JSON error codes the use cases act on (discord-api-types' `RESTJSONErrorCodes`). */
export const discordErrorCodes = {
  /** The user's DMs are closed to us (privacy setting, or they blocked the bot): final, not an outage. */
  cannotMessageUser: 50007,
  /** An interaction token used after its 15 minutes. */
  invalidWebhookToken: 50027,
  /** The message to edit is gone (deleted, or never made). */
  unknownMessage: 10008,
  /** The channel of a message to edit is gone, or the bot no longer sees it. */
  unknownChannel: 10003,
} as const;

/**
 * Discord's code on an error a messenger threw: `@discordjs/rest`'s `DiscordAPIError` in
 * production, the outbox's refusal locally, either one rebuilt after crossing processes.
 */
export function discordErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
