/**
 * @module public-queue
 * `GET /queue/<builder id>` and `GET /queue/<builder id>.json`: the builder's line as anyone
 * may see it (the page, the JSON the overlay polls).
 */
import type { Clock, DocumentStore } from '../../ports';
import { isSnowflake } from '../../common';
import { publicQueue, type PublicQueue } from '../rules/queue-page';
import { readLine } from './read-line';

export type PublicQueueAnswer = { ok: true; queue: PublicQueue; total: number } | { ok: false; reason: 'malformed' | 'not-found' };

export async function publicQueueView(deps: { store: DocumentStore; clock: Clock }, builderId: string): Promise<PublicQueueAnswer> {
  if (!isSnowflake(builderId)) return { ok: false, reason: 'malformed' };
  const line = await readLine(deps, builderId);
  if (!line.hasQueue) return { ok: false, reason: 'not-found' };
  return { ok: true, queue: publicQueue(builderId, line.builderName, line.places, line.record, deps.clock.now()), total: line.places.length };
}
