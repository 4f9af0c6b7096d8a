/**
 * @module end-interest-check
 * An interest check's end (`interest-check-end-<id>`, 30 days after its posting): one still
 * open is `ended` in a transaction (so no interest is taken after it), the interest members
 * gave is deleted (who was interested: kept only as long as it can still be used), and the
 * post says it ended, its buttons gone. A check opened as a group buy meanwhile ended then;
 * its task deletes any interest left. Run before its time it is refused (TaskNotDueYet);
 * redelivered, it finds the check ended and only finishes what follows.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { interestCheckPath } from '../rules/interest-check';
import { interestEndsAtMs, type InterestEndTask } from '../rules/interest-end';
import { followInterestPost } from './interest-posts';
import { forgetInterest } from './forget-interest';

export async function endInterestCheck(deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock }, task: InterestEndTask): Promise<void> {
  const path = interestCheckPath(task.checkId);
  const stored = await deps.store.get(path);
  if (!stored) return;
  const nowMs = deps.clock.now().getTime();
  if (stored.status === 'open' && nowMs < interestEndsAtMs(stored)) throw new TaskNotDueYet(interestEndsAtMs(stored));
  await deps.store.runTransaction(async (tx) => {
    const check = await tx.get(path);
    if (check?.status === 'open') tx.update(path, { status: 'ended', endedAt: new Date(nowMs).toISOString() });
  });
  await forgetInterest(deps.store, task.checkId);
  await followInterestPost(deps, task.checkId);
}
