/**
 * @module drop-stock
 * A ready-to-ship drop's units, taken and given back. A drop made with shards keeps its
 * units in `drops/<id>/stock/<n>`: a press reads one shard (the one its order id points
 * at, then the next), so presses on one drop write different documents, and the drop's own
 * document is only read. A drop from before the shards keeps `stockAvailable` on itself.
 */
import { increment, type DocumentStore, type Transaction, type WriteSet } from '../../ports';
import { dropPath, hasUnits, stockShardPath, stockShardsOf, stockShardsPath, type Drop } from '../rules/drop';
import type { Order } from '../../orders';
import { shardOf } from '../../common';

/** Creates the shards of a new drop; a redelivery creates only those still missing, never resets one. */
export async function createStockShards(store: DocumentStore, drop: Drop): Promise<void> {
  if (!hasUnits(drop) || drop.stockShards === undefined) return;
  await Promise.all(stockShardsOf(drop.stock ?? 0).map((available, shard) => store.createIfAbsent(stockShardPath(drop.dropId, shard), { available })));
}

/**
 * Takes one unit for `orderId` inside the reservation's transaction: the shard it was taken
 * from, or undefined when every shard is empty (sold out). Shards are read one by one, so a
 * press reads more than one only when its first has nothing left.
 */
export async function takeUnit(tx: Transaction, drop: Drop, orderId: string): Promise<{ shard?: number } | undefined> {
  if (drop.stockShards === undefined) {
    if ((drop.stockAvailable ?? 0) <= 0) return undefined;
    tx.update(dropPath(drop.dropId), { stockAvailable: (drop.stockAvailable ?? 0) - 1 });
    return {};
  }
  // Spread by the order id, the same for its retries.
  const first = shardOf(orderId, drop.stockShards);
  for (let step = 0; step < drop.stockShards; step++) {
    const shard = (first + step) % drop.stockShards;
    const found = await tx.get(stockShardPath(drop.dropId, shard));
    if ((found?.available ?? 0) > 0) {
      tx.update(stockShardPath(drop.dropId, shard), { available: increment(-1) });
      return { shard };
    }
  }
  return undefined;
}

/** Gives an order's unit back to where it came from (after every read of the transaction). */
export function giveUnitBack(writes: WriteSet, drop: Drop, order: Pick<Order, 'stockShard'>): void {
  if (drop.stockShards !== undefined && order.stockShard !== undefined)
    writes.set(stockShardPath(drop.dropId, order.stockShard), { available: increment(1) }, { merge: true });
  else writes.update(dropPath(drop.dropId), { stockAvailable: (drop.stockAvailable ?? 0) + 1 });
}

/** The units left on a drop as they stand: its shards' sum (one query), or its own count. */
export async function unitsLeft(store: DocumentStore, drop: Drop): Promise<number> {
  if (drop.stockShards === undefined) return drop.stockAvailable ?? 0;
  const shards = await store.query(stockShardsPath(drop.dropId));
  return shards.reduce((sum, s) => sum + (s.data.available ?? 0), 0);
}

/** The drop with `stockAvailable` as it stands: the sum of its shards, for the post and the tests. */
export async function dropWithStock(store: DocumentStore, dropId: string): Promise<Drop | undefined> {
  const drop = await store.get(dropPath(dropId));
  if (!drop || drop.stockShards === undefined) return drop;
  return { ...drop, stockAvailable: await unitsLeft(store, drop) };
}
