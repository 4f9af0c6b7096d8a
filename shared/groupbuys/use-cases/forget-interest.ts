/**
 * @module forget-interest
 * A check's interest deleted once its job is done (everyone told it opened, or the check
 * ended unopened): who was interested is kept no longer than it can be used. The check keeps
 * its counts, which name nobody.
 */
import type { DocumentStore } from '../../ports';
import { interestCollection, interestPath } from '../rules/interest-check';

/** Firestore takes 500 writes in one commit: a few hundred a commit, until none is left. */
const deletesPerCommit = 400;

export async function forgetInterest(store: DocumentStore, checkId: string): Promise<void> {
  for (;;) {
    const left = await store.query(interestCollection(checkId), { limit: deletesPerCommit });
    if (left.length === 0) return;
    const batch = store.batch();
    for (const { id } of left) batch.delete(interestPath(checkId, id));
    await batch.commit();
  }
}
