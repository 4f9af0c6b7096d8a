/**
 * @module fact-handler
 * What one fact's handler is: the statuses it may come from, the fields it owns, what else of
 * the order it needs, and the fields it writes. Every handler of `order-facts.ts` is one.
 */
import type { Update } from '../../../ports';
import type { Order, OrderStatus } from '../order';

/**
 * A field a fact may own: one of the order's own, or one party's payout (`payouts.builder`),
 * since a release of the host's cut must never touch the builder's.
 */
export type OwnedField = Exclude<keyof Order, 'payouts'> | 'payouts.builder' | 'payouts.host';

export interface FactHandler<F> {
  /** The statuses the fact may come to; absent: any (a note that holds whatever the order became since). */
  from?: readonly OrderStatus[];
  /** Every field the handler may write: the one writer refuses a write outside them. */
  owns: readonly OwnedField[];
  /** Why this order cannot take the fact though its status may (what it needs is not there), or undefined. */
  refuses?: (order: Order, fact: F) => string | undefined;
  /** The fields the fact changes, from the order as read in the same transaction. */
  apply: (order: Order, fact: F) => Update<Order>;
}

/** The statuses an order has once it was paid for: what a refund, a dispute or a fraud warning can come to. */
export const paidFor = ['paid', 'building', 'shipped', 'refunded', 'closed'] as const satisfies readonly OrderStatus[];

/** The owner of a written field: its top-level name, or the party's payout for `payouts.<party>.…`. */
export function ownerOf(field: string): string {
  const [top, second] = field.split('.');
  return top === 'payouts' && second !== undefined ? `payouts.${second}` : (top ?? field);
}
