/**
 * @module write-order
 * The one writer of `orders/<id>`: every module that changes an order hands it a fact, inside
 * its own transaction (or batch), with the order as read there. The fact's handler says what
 * changes; a fact the order cannot take (its status, what it holds, a field its handler does
 * not own, a move the state machine does not hold) is refused before anything is written: the
 * transaction fails and the platform retries, as with any defect, rather than storing an order
 * in a state it cannot be in. test/unit/boundaries.test.ts holds that nothing else writes an order.
 */
import type { DocumentStore, WriteSet } from '../../ports';
import { writeEntry, type JournalEntry, type JournalRead } from '../../journal';
import type { Order } from '../rules/order';
import { orderPath } from '../rules/order-paths';
import { factUpdate } from '../rules/order-facts';
import type { OrderFact } from '../rules/facts/fact-kinds';

/** A new order; the commit fails if one is stored under its id already. */
export function createOrder(writes: Pick<WriteSet, 'create'>, order: Order): void {
  writes.create(orderPath(order.orderId), order);
}

/**
 * The journal's side of the same movement (a refund's entry with the refund, a transfer's with
 * its release), checked against the transaction's read of it: written once, never over another.
 */
export interface FactEntries {
  read: JournalRead;
  entries: ReadonlyArray<JournalEntry | undefined>;
}

/**
 * Writes what `fact` changes on the order read in the same transaction, and with it the journal
 * entries of the same movement; answers the order as it then stands. A refused fact writes neither.
 */
export function applyOrderFact<O extends Order>(writes: Pick<WriteSet, 'update' | 'create'>, order: O, fact: OrderFact, journal?: FactEntries): O {
  const update = factUpdate(order, fact);
  writes.update(orderPath(order.orderId), update);
  if (journal) for (const entry of journal.entries) writeEntry(writes, journal.read, entry);
  return afterUpdate(order, update);
}

/** The same outside a transaction, for a fact that moves no status and races nothing (a note beside the order). */
export async function noteOrderFact(store: Pick<DocumentStore, 'update'>, order: Order, fact: OrderFact): Promise<void> {
  await store.update(orderPath(order.orderId), factUpdate(order, fact));
}

/** The order with an update applied as the store would: dotted fields into their maps. */
function afterUpdate<O extends Order>(order: O, update: object): O {
  const next = structuredClone(order) as Record<string, unknown>;
  for (const [field, value] of Object.entries(update)) {
    const path = field.split('.');
    let at = next;
    for (const key of path.slice(0, -1)) {
      if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1] as string] = value;
  }
  return next as O;
}
