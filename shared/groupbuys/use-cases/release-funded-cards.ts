/**
 * @module release-funded-cards
 * A funded group buy's saved cards let go at Stripe after the builder is told, a batch at a time
 * (`groupbuy-cards-<id>-<n>`): up to 20 pledges that owe it (`cardReleaseOwed`, set when the
 * pledge was charged or paid), each card detached and its customer deleted if nothing needs it
 * (release-saved-card), the flag cleared, then the next batch a second after this one ended.
 * The flag is the cursor and nothing is locked: a batch run again finds the ones it let go
 * cleared (or Stripe says they are gone), and one run after it armed its successor leaves the
 * rest to it. A card Stripe still refuses past the adapter's waits is left for the member's
 * erasure, said in a log line, and its flag cleared all the same, so the chain always ends.
 * Pledges charged before the flag existed are found once the flagged ones run out
 * (find-older-funded-cards).
 */
import { groupBuyPath, pledgePath, pledgesCollection } from '../rules/group-buy';
import { cardReleasePace, type CardReleaseTask } from '../rules/charge-tasks';
import { scheduleCardReleaseBatch, type GroupBuyMoneyDeps } from './close-deps';
import { releaseSavedCardOrLater } from './release-saved-card';
import { flagOlderFundedCards } from './find-older-funded-cards';

/** Starts the chain (the funding's end): its first batch at once, by a name a second start finds armed. */
export function startCardRelease(deps: Pick<GroupBuyMoneyDeps, 'tasks' | 'clock'>, groupBuyId: string): Promise<unknown> {
  return scheduleCardReleaseBatch(deps.tasks, { groupBuyId, cardBatch: 1 }, deps.clock.now().getTime());
}

export async function cardReleaseBatch(deps: GroupBuyMoneyDeps, task: CardReleaseTask): Promise<void> {
  const groupBuy = await deps.store.get(groupBuyPath(task.groupBuyId));
  // Run again after it armed its successor (a redelivery): the successor lets the rest go.
  if (!groupBuy || (groupBuy.cardBatchArmed ?? 0) >= task.cardBatch) return;
  let batch = await owedBatch(deps, task.groupBuyId);
  // The flagged ones done, the older charged pledges that carry no flag are found once, and let go in turn.
  if (batch.length === 0 && (await flagOlderFundedCards(deps, groupBuy)) > 0) batch = await owedBatch(deps, task.groupBuyId);
  if (batch.length === 0) return;
  // One after another: each card is one or two of Stripe's writes, batch work behind any person's.
  for (const { data } of batch) {
    await releaseSavedCardOrLater(deps, task.groupBuyId, data.buyerId);
    await owedNoMore(deps, task.groupBuyId, data.buyerId);
  }
  await scheduleCardReleaseBatch(deps.tasks, { ...task, cardBatch: task.cardBatch + 1 }, deps.clock.now().getTime() + cardReleasePace.spacingMs);
  await deps.store.update(groupBuyPath(task.groupBuyId), { cardBatchArmed: task.cardBatch });
}

const owedBatch = (deps: GroupBuyMoneyDeps, groupBuyId: string) =>
  deps.store.query(pledgesCollection(groupBuyId), { where: [['cardReleaseOwed', '==', true]], limit: cardReleasePace.batchSize });

/** Read where it is written: a pledge erased meanwhile is left erased, and one already cleared is not written again. */
async function owedNoMore(deps: GroupBuyMoneyDeps, groupBuyId: string, buyerId: string): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const path = pledgePath(groupBuyId, buyerId);
    if ((await tx.get(path))?.cardReleaseOwed) tx.update(path, { cardReleaseOwed: false });
  });
}
