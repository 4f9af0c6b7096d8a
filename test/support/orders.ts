/**
 * The order the tests start from, made as every seller makes one (`newOrder`): a $100
 * ready-to-ship drop order in `g1` with a 10 % fee, awaiting payment. `fields` set what the
 * story needs (a status, a charge, a release); without a fee or share of its own, a price
 * given is split at the same 10 %.
 */
import { newOrder, orderPath, type Order, type Sale } from '../../shared/orders';
import type { DocumentStore } from '../../shared/ports';
import { debtsOfOrders, journalOfGuild, journalOfOrder, journalPath, orderMoneyOf, type OrderMoney } from '../../shared/journal';
import { refundEntry } from '../../shared/orders';

export const testSale: Sale = {
  orderId: 'o1',
  source: 'drop',
  sourceId: 'd1',
  dropKind: 'ready-to-ship',
  guildId: 'g1',
  title: 'Tofu65',
  buyerId: 'buyer',
  buyerName: 'Buyer',
  builderId: 'builder',
  builderName: 'Builder',
  amountCents: 10_000,
  currency: 'usd',
  platformFeeBps: 1_000,
  createdAt: '2026-11-22T12:00:00Z',
};

/**
 * Sold before the delivery gate unless `fields` say `lastPayoutAt: 'delivery'`: the money's
 * tests each follow one path (a release, a refund, a dispute) from the proof; the gate's own
 * tests (orders' delivery-gate, live's delivery-gate-release) ask for the gate.
 */
export function anOrder(fields: Partial<Order> = {}): Order {
  const { lastPayoutAt: _gated, ...sold } = newOrder({ ...testSale, amountCents: fields.amountCents ?? testSale.amountCents });
  return { ...sold, ...fields };
}

/**
 * A refund as the payments module leaves it in the journal, for a story that starts after one:
 * the order keeps no refunded total of its own (its refunds are the journal's fold), so a test
 * that needs an order refunded by `toCents` (from `fromCents`) writes the entry a refund writes.
 */
export async function refundInJournal(
  store: Pick<DocumentStore, 'set'>,
  order: Pick<Order, 'orderId' | 'guildId' | 'currency' | 'chargeId'>,
  toCents: number,
  fromCents = 0,
): Promise<void> {
  const entry = refundEntry({ ...order, refundedCents: fromCents }, toCents, 'test-refund', '2026-11-20T12:00:00.000Z');
  if (entry) await store.set(journalPath(entry.entryId), entry);
}

/** An order's money as the journal has it (what was refunded, and per party what was sent, reversed and netted). */
export async function journalMoneyOf(store: Pick<DocumentStore, 'get' | 'query'>, orderId: string): Promise<OrderMoney> {
  const order = await store.get(orderPath(orderId));
  if (!order) throw new Error(`no order ${orderId}`);
  return orderMoneyOf(await journalOfOrder(store, orderId), order);
}

/**
 * What the order's builder and host still owe C500 from it, as the journal has it: the debts
 * it raised less what was netted, paid outside, written off or forgiven of them since.
 */
export async function journalDebtsOf(store: Pick<DocumentStore, 'get' | 'query'>, orderId: string): Promise<{ builderDebt: number; hostDebt: number }> {
  const order = await store.get(orderPath(orderId));
  if (!order) throw new Error(`no order ${orderId}`);
  const parts = debtsOfOrders(await journalOfGuild(store, order.guildId), order.currency).filter((d) => d.orderId === orderId);
  const owedBy = (personId: string | undefined) => parts.filter((d) => d.personId === personId).reduce((sum, d) => sum + d.owedCents, 0);
  return { builderDebt: owedBy(order.builderId), hostDebt: order.hostId === order.builderId ? 0 : owedBy(order.hostId) };
}
