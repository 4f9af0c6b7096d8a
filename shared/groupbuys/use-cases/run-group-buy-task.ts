/**
 * @module run-group-buy-task
 * The `groupbuyClose` task function's one entry: the close, a batch of the charging after it,
 * a batch of the builder's call-off, a batch of pledges let go without a charge, a batch of a
 * funded group buy's cards detached, or an interest check's end. All of it is batch work (stripe-work): its Stripe writes leave the
 * budget's last tokens to people pressing buttons meanwhile.
 */
import { callOffChain, isCardReleaseTask, isChargeTask, isInterestEndTask, isReleaseTask, type GroupBuyTask } from '../rules/charge-tasks';
import type { GroupBuyCloseDeps } from './close-deps';
import { chargeBatch } from './charge-pledges';
import { closeGroupBuy } from './close-group-buy';
import { callOffBatch } from './call-off';
import { releaseBatch } from './release-pledges';
import { cardReleaseBatch } from './release-funded-cards';
import { endInterestCheck } from './end-interest-check';
import { asBatchWork } from '../../stripe-work';

export function runGroupBuyTask(deps: GroupBuyCloseDeps, task: GroupBuyTask): Promise<void> {
  return asBatchWork(() => groupBuyTask(deps, task));
}

function groupBuyTask(deps: GroupBuyCloseDeps, task: GroupBuyTask): Promise<void> {
  if (isInterestEndTask(task)) return endInterestCheck(deps, task);
  if (isReleaseTask(task)) return releaseBatch(deps, task);
  if (isCardReleaseTask(task)) return cardReleaseBatch(deps, task);
  if (!isChargeTask(task)) return closeGroupBuy(deps, task);
  return task.chain === callOffChain ? callOffBatch(deps, task) : chargeBatch(deps, task);
}
