/**
 * @module erased-interest
 * A member who erases themselves (`/c500 privacy`, the dashboard's Your data) is taken out of
 * every interest check they said they were interested in, first (the router's erasure wiring,
 * before the privacy table's own pass): each interest deleted in the transaction that lowers
 * its check's counts of people and units, so neither the post nor the builder's **Who's
 * interested** counts someone who is gone; then the post is edited. Safe to run again: it
 * finds nothing left to take out.
 */
import { log } from '../../log';
import { checkIdOfInterest, interestCheckPath, interestGroup, interestPath } from '../rules/interest-check';
import { followInterestPost } from './interest-posts';
import type { PostsDeps } from './follow-post';

/** Answers how many checks they were taken out of. */
export async function withdrawErasedInterest(deps: PostsDeps, memberId: string): Promise<number> {
  const found = await deps.store.queryGroup(interestGroup, { where: [['memberId', '==', memberId]] });
  let withdrawn = 0;
  for (const { path } of found) {
    const checkId = checkIdOfInterest(path);
    if (!checkId) {
      log.warn('an interest found for an erasure is not under an interest check; the privacy table’s pass erases it', { path });
      continue;
    }
    if (await takeOut(deps, checkId, memberId)) withdrawn += 1;
  }
  return withdrawn;
}

/** The interest deleted and the check's counts lowered by it, in one transaction; the post follows. */
async function takeOut(deps: PostsDeps, checkId: string, memberId: string): Promise<boolean> {
  const taken = await deps.store.runTransaction(async (tx) => {
    const [check, mine] = await Promise.all([tx.get(interestCheckPath(checkId)), tx.get(interestPath(checkId, memberId))]);
    if (!mine) return false;
    tx.delete(interestPath(checkId, memberId));
    if (check)
      tx.update(interestCheckPath(checkId), {
        interestedPeople: Math.max(0, check.interestedPeople - 1),
        interestedUnits: Math.max(0, check.interestedUnits - mine.quantity),
      });
    return true;
  });
  if (taken) await followInterestPost(deps, checkId);
  return taken;
}
