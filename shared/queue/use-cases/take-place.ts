/**
 * @module take-place
 * A paid commission takes the next place in its builder's queue, in the payment's own
 * transaction: the builder's counter gives it a ticket no other order has, and its promised
 * date is fixed from the payment's time (and for a one-at-a-time builder, from the promise
 * before it). A commission sold without queue terms takes no place.
 */
import type { Transaction } from '../../ports';
import type { Order } from '../../orders';
import { commissionQueuePath, promisedDate } from '../rules/queue-line';

export async function takePlace(tx: Transaction, order: Order, paidAt: Date) {
  const terms = order.commission?.terms;
  if (!terms || order.commission?.ticket !== undefined) return undefined;
  const queuePath = commissionQueuePath(order.builderId);
  const queue = await tx.get(queuePath);
  const ticket = (queue?.ticketsGiven ?? 0) + 1;
  const promisedAt = promisedDate(terms, paidAt, queue?.lastPromisedAt).toISOString();
  // A one-at-a-time line's promises only move forward: an earlier promise never pulls the next one back.
  const lastPromisedAt = queue?.lastPromisedAt && queue.lastPromisedAt > promisedAt ? queue.lastPromisedAt : promisedAt;
  return {
    fields: { commission: { ...order.commission, terms, ticket, paidAt: paidAt.toISOString(), promisedAt } } satisfies Partial<Order>,
    write: (writes: Transaction) => writes.set(queuePath, { builderId: order.builderId, ticketsGiven: ticket, lastPromisedAt }),
  };
}
