/**
 * @module order-moves
 * The order's life as a state machine: which status may follow which, and which facts may
 * move it at all. Every write of an order is a fact, and the one writer
 * (`use-cases/write-order.ts`) refuses a move the table does not hold, so an event delivered
 * late or twice can never walk an order backwards into a state it has left (a refund failing
 * on an order that is still paid, a payment landing on an expired checkout).
 */
import { orderStatuses, type Order, type OrderStatus } from './order';
import type { OrderFactKind } from './facts/fact-kinds';

/** A move a fact may make: from any of `from` to any of `to`. */
export interface StatusMove {
  from: readonly OrderStatus[];
  to: readonly OrderStatus[];
}

/**
 * The moves each fact may make; a fact not listed never changes the status. A refund that
 * fails puts a refunded order back where it was sold (paid, building or shipped); a late
 * cancel undone reopens a closed one; a release Stripe refused sends a building order back to
 * paid, to be proved again.
 */
export const statusMoves: Readonly<Partial<Record<OrderFactKind, StatusMove>>> = {
  // Paid, or paid and refunded in full before C500 heard of the payment.
  paid: { from: ['awaiting-payment'], to: ['paid', 'refunded'] },
  expired: { from: ['awaiting-payment'], to: ['expired'] },
  // A closed order is refunded too when what its late cancel kept is given back after all.
  refunded: { from: ['paid', 'building', 'shipped', 'closed'], to: ['refunded'] },
  'refund-failed': { from: ['refunded'], to: ['paid', 'building', 'shipped'] },
  proved: { from: ['paid'], to: ['building'] },
  'release-refused': { from: ['building'], to: ['paid'] },
  // A chargeback lost on an order that had not shipped: nothing is left to ship.
  'dispute-changed': { from: ['paid', 'building'], to: ['closed'] },
  shipped: { from: ['paid', 'building'], to: ['shipped'] },
  // Shipped too: a group buy's order keeps its refund right until its parcel is delivered.
  'cancelled-late': { from: ['paid', 'building', 'shipped'], to: ['closed'] },
  'cancel-undone': { from: ['closed'], to: ['paid'] },
  'called-off': { from: ['paid', 'building'], to: ['closed'] },
};

/** The statuses that may follow each status, whichever fact moves it: the state machine drawn as one table. */
export function orderMoves(): Record<OrderStatus, OrderStatus[]> {
  const moves = Object.fromEntries(orderStatuses.map((s) => [s, [] as OrderStatus[]])) as Record<OrderStatus, OrderStatus[]>;
  for (const move of Object.values(statusMoves)) for (const from of move.from) for (const to of move.to) if (!moves[from].includes(to)) moves[from].push(to);
  return moves;
}

/** Why a change may not be written, or undefined when it may. */
export function orderMoveProblem(orderId: string, from: OrderStatus, fact: OrderFactKind, to: OrderStatus | undefined): string | undefined {
  if (to === undefined || to === from) return undefined;
  const move = statusMoves[fact];
  if (!move?.to.includes(to)) return `order ${orderId}: "${fact}" does not make an order ${to}`;
  if (!move.from.includes(from)) return `order ${orderId}: "${fact}" cannot move an order from ${from} to ${to}`;
  return undefined;
}

/** A change the state machine refuses: thrown before anything is written. */
export class IllegalOrderMove extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'IllegalOrderMove';
  }
}

/** The order as the writer read it: its id, and its status when the change may move it. */
export type OrderAsRead = Pick<Order, 'orderId' | 'status'>;
