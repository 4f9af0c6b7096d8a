/**
 * @module order-money
 * The orders a page or CSV shows, each with its money folded from the journal (issue 60):
 * the refunded, held and released figures are the journal's, never the order's counters.
 * One read of the journal per thirty orders, so a page of fifty costs two.
 */
import type { DocumentStore } from '../../ports';
import { journalOfOrders, orderMoneyOf, type JournalEntry } from '../../journal';
import type { Order } from '../../orders';
import type { Counted } from '../rules/earnings-chart';

type MoneyOwner = Pick<Order, 'orderId' | 'currency' | 'builderId' | 'hostId'>;

/** Reads the journal of every order given once, and answers how to count each of them. */
export async function moneyReader(store: Pick<DocumentStore, 'query'>, orders: readonly MoneyOwner[]): Promise<<T extends MoneyOwner>(order: T) => Counted<T>> {
  const entries = await journalOfOrders(
    store,
    orders.map((o) => o.orderId),
  );
  const byOrder = new Map<string, JournalEntry[]>();
  for (const entry of entries) {
    if (entry.orderId === undefined) continue;
    const own = byOrder.get(entry.orderId);
    if (own) own.push(entry);
    else byOrder.set(entry.orderId, [entry]);
  }
  return (order) => ({ ...order, money: orderMoneyOf(byOrder.get(order.orderId) ?? [], order) });
}

/** The orders, each with its money. */
export async function withMoney<T extends MoneyOwner>(store: Pick<DocumentStore, 'query'>, orders: readonly T[]): Promise<Array<Counted<T>>> {
  const count = await moneyReader(store, orders);
  return orders.map((order) => count(order));
}
