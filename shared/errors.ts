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
