/**
 * @module run-group-buy-task
 * The `groupbuyClose` task function's one entry: the close, or a batch of the charging after it.
 */
import { isChargeTask, type GroupBuyTask } from '../rules/charge-tasks';
import type { GroupBuyCloseDeps } from './close-deps';
import { chargeBatch } from './charge-pledges';
import { closeGroupBuy } from './close-group-buy';

export function runGroupBuyTask(deps: GroupBuyCloseDeps, task: GroupBuyTask): Promise<void> {
  return isChargeTask(task) ? chargeBatch(deps, task) : closeGroupBuy(deps, task);
}
