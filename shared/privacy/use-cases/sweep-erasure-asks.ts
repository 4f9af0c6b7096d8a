/**
 * @module sweep-erasure-asks
 * A person's record of erasures asked for (`privacyAsks/<pseudonym>`), deleted once past its
 * `expiresAt`. In production Firestore's TTL policy on that field does it (terraform's
 * privacy_asks_expiry); the local store and the emulator run no TTL, so the retention sweep runs
 * this there. An expired record admits nothing anyway: the allowance reads only the window's asks.
 */
import type { Clock, DocumentStore } from '../../ports';
import { erasureAsksCollection, erasureAsksPath } from '../rules/erasure-asks';

export async function sweepExpiredErasureAsks(deps: { store: DocumentStore; clock: Clock }): Promise<{ deleted: number }> {
  const nowMs = deps.clock.now().getTime();
  const expiry = (at: Date | string) => (at instanceof Date ? at.getTime() : Date.parse(at));
  const expired = (await deps.store.query(erasureAsksCollection)).filter(({ data }) => expiry(data.expiresAt) <= nowMs);
  for (const { id } of expired) await deps.store.delete(erasureAsksPath(id));
  return { deleted: expired.length };
}
