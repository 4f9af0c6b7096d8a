/**
 * @module run-group-buy-task
 * The `groupbuyClose` task function's one entry: the close, a batch of the charging after it,
 * or a batch of pledges let go without a charge.
 */
import { isChargeTask, isReleaseTask, type GroupBuyTask } from '../rules/charge-tasks';
import type { GroupBuyCloseDeps } from './close-deps';
import { chargeBatch } from './charge-pledges';
import { closeGroupBuy } from './close-group-buy';
import { releaseBatch } from './release-pledges';

export function runGroupBuyTask(deps: GroupBuyCloseDeps, task: GroupBuyTask): Promise<void> {
  if (isReleaseTask(task)) return releaseBatch(deps, task);
  return isChargeTask(task) ? chargeBatch(deps, task) : closeGroupBuy(deps, task);
}
