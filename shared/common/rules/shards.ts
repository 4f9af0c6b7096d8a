/**
 * @module shards
 * Firestore sustains about one write a second per document, so a counter every sale or
 * press writes (a race's pot, a racer's wallet, a drop's stock) is split over several
 * documents and read as their sum. Which shard a write goes to comes from its own key, so
 * a retried write lands where the first one would have.
 */
import { createHash } from 'node:crypto';

/** A stable shard in `0 .. count-1` for a key. */
export function shardOf(key: string, count: number): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % count;
}
