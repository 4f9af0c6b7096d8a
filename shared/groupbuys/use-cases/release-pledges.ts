/**
 * @module release-pledges
 * Pledges let go without a charge: at a close short of its MOQ, and the waitlist of a group
 * buy funded without it.
 */
import type { DocumentStore } from '../../ports';
import { pledgePath, type Pledge, type PledgeStatus } from '../rules/group-buy';

/** At most this many pledges let go in one transaction: Firestore takes 500 writes in one commit. */
const releasesPerCommit = 400;

/**
 * Lets go the pledges in one of `statuses` (nothing was charged to any), in transactions of a
 * few hundred, each pledge checked where it is written: one that moved on meanwhile is left as
 * it is. Run again, it finds them released and writes nothing.
 */
export async function releasePledges(
  store: DocumentStore,
  groupBuyId: string,
  pledges: readonly Pledge[],
  statuses: readonly PledgeStatus[],
  at: string,
): Promise<void> {
  const waiting = pledges.filter((p) => statuses.includes(p.status));
  for (let i = 0; i < waiting.length; i += releasesPerCommit) {
    const part = waiting.slice(i, i + releasesPerCommit);
    await store.runTransaction(async (tx) => {
      const now = await Promise.all(part.map((p) => tx.get(pledgePath(groupBuyId, p.buyerId))));
      now.forEach((pledge, j) => {
        const buyerId = part[j]?.buyerId;
        if (pledge && buyerId && statuses.includes(pledge.status)) tx.update(pledgePath(groupBuyId, buyerId), { status: 'released', releasedAt: at });
      });
    });
  }
}
