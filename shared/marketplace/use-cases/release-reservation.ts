/**
 * @module release-reservation
 * An order that will never be paid (its checkout expired, or could not be opened) gives
 * its unit back to the drop. In one transaction with the order's move to `expired`, so a
 * unit is returned once however often the expiry is delivered.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { checkoutHoldPath, dropPath, holdsUnit } from '../rules/drop';
import { orderPath, sourceIdOf, applyOrderFact } from '../../orders';
import { refreshDropPost } from './refresh-drop-post';
import { giveUnitBack } from './drop-stock';

/**
 * Answers whether this call released it (false: it was paid, or released before). With
 * `unlessOpened`, an order whose session was recorded meanwhile (another delivery of the same
 * press opened it, and its buyer holds the link) is left to its expiry.
 */
export async function releaseReservation(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock },
  orderId: string,
  options: { unlessOpened?: boolean } = {},
): Promise<boolean> {
  const released = await deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (order?.status !== 'awaiting-payment' || (options.unlessOpened && order.checkoutSessionId)) return undefined;
    const drop = await tx.get(dropPath(sourceIdOf(order)));
    const hold = await tx.get(checkoutHoldPath(sourceIdOf(order), order.buyerId));
    const returnsStock = holdsUnit(order) && drop !== undefined;
    applyOrderFact(tx, order, { kind: 'expired', at: deps.clock.now().toISOString(), stockReturned: returnsStock });
    if (returnsStock) giveUnitBack(tx, drop, order);
    if (hold?.orderId === orderId) tx.delete(checkoutHoldPath(sourceIdOf(order), order.buyerId));
    return order;
  });
  if (released && holdsUnit(released)) await refreshDropPost(deps, sourceIdOf(released));
  return released !== undefined;
}
