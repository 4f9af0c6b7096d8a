/**
 * @module stripe-customers
 * A member's one customer at Stripe: read from `stripeCustomers/<member id>`, or made (keyed
 * by the member, so two Joins at once make one) and kept there; a later Join, days on, finds
 * it kept rather than trusting Stripe's day-long idempotency.
 */
import type { Clock, DocumentStore, Payments } from '../../ports';
import { customerKey, customerMetadata, stripeCustomerPath } from '../rules/card-setup';
import { personPseudonym } from '../../log';

export interface CustomerDeps {
  store: DocumentStore;
  clock: Clock;
  payments: Pick<Payments, 'createCustomer'>;
}

export async function customerOf(deps: CustomerDeps, memberId: string): Promise<string> {
  const kept = await deps.store.get(stripeCustomerPath(memberId));
  if (kept) return kept.customerId;
  const { customerId } = await deps.payments.createCustomer({
    idempotencyKey: customerKey(personPseudonym(memberId)),
    metadata: customerMetadata(personPseudonym(memberId)),
  });
  // Two Joins at once made one customer (the same key); should the keys' day have passed, the first kept wins.
  await deps.store.createIfAbsent(stripeCustomerPath(memberId), { memberId, customerId, createdAt: deps.clock.now().toISOString() });
  return (await deps.store.get(stripeCustomerPath(memberId)))?.customerId ?? customerId;
}
