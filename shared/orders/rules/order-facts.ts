/**
 * @module order-facts
 * Each fact's one handler, and the pure step every write of an order goes through: the fact
 * may come to the order's status (its handler's `from`) and to what the order holds (its
 * `refuses`), it writes only the fields its handler owns, and its status move is one the
 * state machine (`order-moves.ts`) holds. Anything else is refused before anything is written.
 */
import type { Update } from '../../ports';
import type { Order } from './order';
import { ownerOf, type FactHandler, type OwnedField } from './facts/fact-handler';
import type { OrderFact, OrderFactKind, OrderFactOf } from './facts/fact-kinds';
import { checkoutHandlers } from './facts/checkout-facts';
import { refundHandlers } from './facts/refund-facts';
import { releaseHandlers } from './facts/release-facts';
import { disputeHandlers } from './facts/dispute-facts';
import { deliveryHandlers } from './facts/delivery-facts';
import { commissionHandlers } from './facts/commission-facts';
import { parcelHandlers } from './facts/parcel-facts';
import { labelHandlers } from './facts/label-facts';
import { IllegalOrderMove, orderMoveProblem } from './order-moves';

export const orderFactHandlers: { readonly [K in OrderFactKind]: FactHandler<OrderFactOf<K>> } = {
  ...checkoutHandlers,
  ...refundHandlers,
  ...releaseHandlers,
  ...disputeHandlers,
  ...deliveryHandlers,
  ...commissionHandlers,
  ...parcelHandlers,
  ...labelHandlers,
};

export const orderFactKinds = Object.keys(orderFactHandlers) as OrderFactKind[];

/** The fields of `update` its handler does not own, by their owner (`payouts.host`, `fraudWarning`). */
export function unownedFields(owns: readonly OwnedField[], update: Update<Order>): string[] {
  return Object.keys(update).filter((field) => !(owns as readonly string[]).includes(ownerOf(field)));
}

/** The fields `fact` writes on `order`, or an `IllegalOrderMove` thrown when the order cannot take it. */
export function factUpdate(order: Order, fact: OrderFact): Update<Order> {
  const handler = orderFactHandlers[fact.kind] as FactHandler<OrderFact>;
  const refuse = (why: string) => new IllegalOrderMove(`order ${order.orderId}: "${fact.kind}" ${why}`);
  if (handler.from && !handler.from.includes(order.status)) throw refuse(`cannot come to an order that is ${order.status}`);
  const problem = handler.refuses?.(order, fact);
  if (problem) throw refuse(`is refused: ${problem}`);
  const update = handler.apply(order, fact);
  const unowned = unownedFields(handler.owns, update);
  if (unowned.length > 0) throw refuse(`writes fields it does not own: ${unowned.join(', ')}`);
  const moved = orderMoveProblem(order.orderId, order.status, fact.kind, update.status as Order['status'] | undefined);
  if (moved) throw new IllegalOrderMove(moved);
  return update;
}
