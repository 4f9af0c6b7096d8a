/**
 * @module sweep-once-records
 * Redelivery records (`processed/<key>`: Stripe event ids, interaction ids, message ids…)
 * deleted once past their `expiresAt` (`onceRecordDays` after the work was claimed). In
 * production Firestore's TTL policy on that field does it (terraform's processed_expiry);
 * the local store and the emulator run no TTL, so the retention sweep runs this there. It
 * reads the collection whole: the field has no index (TTL alone reads it). A record with no
 * `expiresAt` (made before it existed) is left for an operator: nothing says when it ends.
 */
import type { Clock, DocumentStore } from '../../ports';
import { onceRecordsCollection, type OnceRecord } from '../rules/once-record';
import { docPath } from '../../ports';

export async function sweepExpiredOnceRecords(deps: { store: DocumentStore; clock: Clock }): Promise<{ deleted: number }> {
  const nowMs = deps.clock.now().getTime();
  const records = await deps.store.query(onceRecordsCollection);
  const expired = records.filter(({ data }) => data.expiresAt !== undefined && Date.parse(String(data.expiresAt)) <= nowMs);
  for (const { id } of expired) await deps.store.delete(docPath<OnceRecord>(`${onceRecordsCollection}/${id}`));
  return { deleted: expired.length };
}
