/**
 * @module run-group-buy-task
 * The `groupbuyClose` task function's one entry: the close, a batch of the charging after it,
 * or a batch of the builder's call-off.
 */
import { callOffChain, isChargeTask, type GroupBuyTask } from '../rules/charge-tasks';
import type { GroupBuyCloseDeps } from './close-deps';
import { chargeBatch } from './charge-pledges';
import { closeGroupBuy } from './close-group-buy';
import { callOffBatch } from './call-off';

export function runGroupBuyTask(deps: GroupBuyCloseDeps, task: GroupBuyTask): Promise<void> {
  if (!isChargeTask(task)) return closeGroupBuy(deps, task);
  return task.chain === callOffChain ? callOffBatch(deps, task) : chargeBatch(deps, task);
}
