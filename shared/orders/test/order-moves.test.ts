import { createOrder, orderMoveProblem, orderMoves, orderStatuses, statusMoves, type Order, type OrderFactKind } from '..';
import type { DocPath, Update } from '../../ports';

/** A write set that keeps what it was asked to write, as a transaction would stage it. */
function staged() {
  const writes: Array<{ op: string; path: string; data: unknown }> = [];
  const update = <T>(path: DocPath<T>, data: Update<T>) => void writes.push({ op: 'update', path: String(path), data });
  const create = <T>(path: DocPath<T>, data: T) => void writes.push({ op: 'create', path: String(path), data });
  return { writes, set: { update, create } };
}

describe('an order’s state machine', () => {
  it('lets a payment make an awaiting order paid, or refunded when its refund came first, and never an expired one', () => {
    expect(orderMoveProblem('o1', 'awaiting-payment', 'paid', 'paid')).toBeUndefined();
    expect(orderMoveProblem('o1', 'awaiting-payment', 'paid', 'refunded')).toBeUndefined();
    expect(orderMoveProblem('o1', 'expired', 'paid', 'paid')).toBe('order o1: "paid" cannot move an order from expired to paid');
  });

  it('lets a failed refund put back only an order that is refunded, where it was sold', () => {
    for (const to of ['paid', 'building', 'shipped'] as const) expect(orderMoveProblem('o1', 'refunded', 'refund-failed', to)).toBeUndefined();
    expect(orderMoveProblem('o1', 'paid', 'refund-failed', 'building')).toBe('order o1: "refund-failed" cannot move an order from paid to building');
    expect(orderMoveProblem('o1', 'refunded', 'refund-failed', 'closed')).toBe('order o1: "refund-failed" does not make an order closed');
  });

  it('never proves a shipped, refunded or closed order back to building, nor ships one that is not paid', () => {
    for (const from of ['shipped', 'refunded', 'closed', 'awaiting-payment'] as const) expect(orderMoveProblem('o1', from, 'proved', 'building')).toBeDefined();
    for (const from of ['awaiting-payment', 'refunded', 'expired', 'closed'] as const) expect(orderMoveProblem('o1', from, 'shipped', 'shipped')).toBeDefined();
  });

  it('lets a fact that moves no status write beside any status, and refuses it a status', () => {
    for (const from of orderStatuses) expect(orderMoveProblem('o1', from, 'address-erased', undefined)).toBeUndefined();
    expect(orderMoveProblem('o1', 'paid', 'address-erased', 'closed')).toBe('order o1: "address-erased" does not make an order closed');
  });

  it('lets a late cancel close only a paid, building or shipped order (a group buy’s parcel not yet delivered), and its undoing reopen only a closed one', () => {
    for (const from of ['paid', 'building', 'shipped'] as const) expect(orderMoveProblem('o1', from, 'cancelled-late', 'closed')).toBeUndefined();
    for (const from of ['refunded', 'awaiting-payment'] as const) expect(orderMoveProblem('o1', from, 'cancelled-late', 'closed')).toBeDefined();
    expect(orderMoveProblem('o1', 'closed', 'cancel-undone', 'paid')).toBeUndefined();
    expect(orderMoveProblem('o1', 'paid', 'cancelled-late', 'refunded')).toBe('order o1: "cancelled-late" does not make an order refunded');
  });

  it('lets a group buy’s call-off close only an order that is paid or building, never one shipped or ended', () => {
    for (const from of ['paid', 'building'] as const) expect(orderMoveProblem('o1', from, 'called-off', 'closed')).toBeUndefined();
    for (const from of ['shipped', 'refunded', 'awaiting-payment', 'expired'] as const)
      expect(orderMoveProblem('o1', from, 'called-off', 'closed')).toBeDefined();
  });

  it('takes a status written again as it stands for no move at all, whatever the fact', () => {
    expect(orderMoveProblem('o1', 'refunded', 'refunded', 'refunded')).toBeUndefined();
    expect(orderMoveProblem('o1', 'shipped', 'address-erased', 'shipped')).toBeUndefined();
  });

  it('keeps an expired order expired: nothing leads out of it', () => {
    expect(orderMoves().expired).toEqual([]);
    const facts = Object.keys(statusMoves) as OrderFactKind[];
    for (const fact of facts) for (const to of orderStatuses) if (to !== 'expired') expect(orderMoveProblem('o1', 'expired', fact, to)).toBeDefined();
  });

  it('draws the machine as one table of which status may follow which', () => {
    expect(orderMoves()).toEqual({
      'awaiting-payment': ['paid', 'refunded', 'expired'],
      paid: ['refunded', 'building', 'closed', 'shipped'],
      building: ['refunded', 'paid', 'closed', 'shipped'],
      shipped: ['refunded', 'closed'],
      refunded: ['paid', 'building', 'shipped'],
      closed: ['refunded', 'paid'],
      expired: [],
    });
  });
});

describe('the order’s one writer', () => {
  it('creates a new order at its own path', () => {
    const { writes, set } = staged();
    createOrder(set, { orderId: 'o2', status: 'awaiting-payment' } as Order);
    expect(writes).toEqual([{ op: 'create', path: 'orders/o2', data: { orderId: 'o2', status: 'awaiting-payment' } }]);
  });
});
