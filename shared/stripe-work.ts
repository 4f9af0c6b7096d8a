/**
 * @module stripe-work
 * Whose wait a Stripe write is: a person's (a Buy Now press, a checkout, a refund an admin
 * asked for), the default, or batch work's (a group buy's close, a sweep), which runs inside
 * `asBatchWork`. The Stripe adapter's write budget reads it at its transport, so batch work
 * leaves the last tokens of a second to people without any port changing shape.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type StripeWork = 'person' | 'batch';

const work = new AsyncLocalStorage<StripeWork>();

/** Runs `body` as batch work: every Stripe write it makes, however deep, yields to a person's. */
export function asBatchWork<T>(body: () => Promise<T>): Promise<T> {
  return work.run('batch', body);
}

/** The work the current call belongs to; outside `asBatchWork`, a person's. */
export function currentStripeWork(): StripeWork {
  return work.getStore() ?? 'person';
}
