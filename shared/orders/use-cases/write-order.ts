/**
 * @module write-order
 * The one writer of `orders/<id>`: every module that changes an order calls this inside its own
 * transaction (or batch), naming the fact it records. A move the order's state machine does
 * not allow is refused before anything is written: the transaction fails and the platform
 * retries, as with any defect, rather than storing an order in a state it cannot be in.
 * test/unit/boundaries.test.ts holds that nothing else writes an order.
 */
import type { DocumentStore, Update, WriteSet } from '../../ports';
import type { Order } from '../rules/order';
import { orderPath } from '../rules/order-paths';
import { IllegalOrderMove, orderMoveProblem, type OrderAsRead, type OrderFact } from '../rules/order-moves';

function checked(order: OrderAsRead, fact: OrderFact, update: Update<Order>): Update<Order> {
  const problem = orderMoveProblem(order.orderId, order.status, fact, update.status as Order['status'] | undefined);
  if (problem) throw new IllegalOrderMove(problem);
  return update;
}

/** A new order; the commit fails if one is stored under its id already. */
export function createOrder(writes: Pick<WriteSet, 'create'>, order: Order): void {
  writes.create(orderPath(order.orderId), order);
}

/** Writes what `fact` changed on the order, read in the same transaction. */
export function changeOrder(writes: Pick<WriteSet, 'update'>, order: OrderAsRead, fact: OrderFact, update: Update<Order>): void {
  writes.update(orderPath(order.orderId), checked(order, fact, update));
}

/** The same outside a transaction, for a change that moves no status and races nothing (a note beside the order). */
export async function noteOnOrder(store: Pick<DocumentStore, 'update'>, order: OrderAsRead, fact: OrderFact, update: Update<Order>): Promise<void> {
  await store.update(orderPath(order.orderId), checked(order, fact, update));
}
