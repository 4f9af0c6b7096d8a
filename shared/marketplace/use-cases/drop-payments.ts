/**
 * @module drop-payments
 * What a drop does around its orders' money, registered with payments for orders from
 * `drop`: a paid order lets go of the buyer's hold on the drop, a ready-to-ship unit goes
 * back on sale when its order is refunded before it ships (and the post shows it), and an
 * unpaid checkout gives its unit back.
 */
import type { Clock, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { type OrderSource } from '../../payments';
import { sourceIdOf } from '../../orders';
import { checkoutHoldPath, dropPath, holdsUnit } from '../rules/drop';
import { isPlaced, scheduleLateCheck, takePlace } from '../../queue';
import { giveUnitBack, takeUnit } from './drop-stock';
import { refreshDropPost } from './refresh-drop-post';
import { releaseReservation } from './release-reservation';

export function dropPayments(deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock; tasks: TaskQueue }): OrderSource {
  return {
    paid: async (_tx, order) => (writes) => writes.delete(checkoutHoldPath(sourceIdOf(order), order.buyerId)),
    // A commission from a queue takes its place in the builder's line as it is paid.
    placed: (tx, order, paidAt) => takePlace(tx, order, paidAt),
    refunded: async (tx, order) => {
      if (!holdsUnit(order)) return undefined;
      const drop = await tx.get(dropPath(sourceIdOf(order)));
      return drop ? { write: (writes) => giveUnitBack(writes, drop, order), stockReturned: true } : undefined;
    },
    // A full refund that failed later: the unit it put back on sale is the buyer's again (none, if sold to someone else meanwhile).
    refundFailed: async (tx, order) => {
      const drop = holdsUnit(order) ? await tx.get(dropPath(sourceIdOf(order))) : undefined;
      const taken = drop ? await takeUnit(tx, drop, order.orderId) : undefined;
      return taken ? (taken.shard !== undefined ? { stockShard: taken.shard } : {}) : undefined;
    },
    changed: async (orders) => {
      // A place just taken is checked at its promised date (a named task: armed once, whatever redelivers the payment).
      for (const placed of orders.filter(isPlaced)) await scheduleLateCheck(deps.tasks, { orderId: placed.orderId, promisedAt: placed.commission.promisedAt });
      const unitsBack = orders.filter((o) => o.status === 'refunded' && holdsUnit(o));
      for (const dropId of new Set(unitsBack.map((o) => sourceIdOf(o)))) await refreshDropPost(deps, dropId);
    },
    channelOf: async (order) => (await deps.store.get(dropPath(sourceIdOf(order))))?.channelId,
    lapsed: async (order) => void (await releaseReservation(deps, order.orderId)),
  };
}
