/**
 * @module free-slot
 * A commission cancelled from the queue gives its slot back to its drop, once: the same
 * `stockReturned` mark a full refund sets, so whichever of the two comes first returns it.
 * And the channel a queue's buyer with closed DMs is told in: their drop's.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { orderPath, sourceIdOf, type Order, applyOrderFact } from '../../orders';
import { dropPath, holdsUnit } from '../rules/drop';
import { giveUnitBack } from './drop-stock';
import { refreshDropPost } from './refresh-drop-post';

export async function freeSlot(deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock }, orderId: string): Promise<void> {
  const dropId = await deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (!order || !holdsUnit(order) || order.stockReturned || order.status === 'shipped') return undefined;
    const drop = await tx.get(dropPath(sourceIdOf(order)));
    if (!drop) return undefined;
    giveUnitBack(tx, drop, order);
    applyOrderFact(tx, order, { kind: 'stock-returned' });
    return drop.dropId;
  });
  if (dropId) await refreshDropPost(deps, dropId);
}

/** The channel a drop's order was bought in (its drop's post), for a notice to a buyer whose DMs are closed. */
export async function dropChannelOf(
  deps: { store: DocumentStore },
  order: Pick<Order, 'orderId' | 'source' | 'sourceId' | 'dropId'>,
): Promise<string | undefined> {
  return order.source === 'drop' ? (await deps.store.get(dropPath(sourceIdOf(order))))?.channelId : undefined;
}
