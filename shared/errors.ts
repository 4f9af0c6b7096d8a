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
