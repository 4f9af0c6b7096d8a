/**
 * @module close-deps
 * What the close and the charging after it are handed, and how the batches of charges (and of
 * pledges let go without one) are armed on the `groupbuy-close` queue (named by charge-tasks, so a redelivered schedule makes
 * one task). The close itself is armed by the front half, at the start and at an extension.
 */
import type { TaskQueue } from '../../ports';
import type { PaymentDeps } from '../../payments';
import { scheduleTask } from '../../common';
import { cardReleaseTaskName, chargeTaskName, releaseTaskName, type CardReleaseTask, type ChargeTask, type ReleaseTask } from '../rules/charge-tasks';

/** Payments with every module's registration (a charge records its order as a checkout's payment does), the task queue, the fee. */
export interface GroupBuyCloseDeps extends PaymentDeps {
  tasks: TaskQueue;
  /** The deployment's fee, taken from each order's price. */
  platformFeeBps: number;
  publicBaseUrl: string;
}

/**
 * What the pay links, the lapses and the end of the funding need: the same without the
 * modules' registration, which is what payments' hooks for group buy orders are handed.
 */
export type GroupBuyMoneyDeps = Omit<GroupBuyCloseDeps, 'modules'>;

/** A batch of charges at `atMs`: a chain's first at once, each next one a second after the last ended. */
export function scheduleChargeBatch(tasks: TaskQueue, task: ChargeTask, atMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'groupbuyClose', { name: chargeTaskName(task), payload: task, atMs });
}

/** A batch of pledges let go without a charge at `atMs`: the first at once, each next one a second after the last ended. */
export function scheduleReleaseBatch(tasks: TaskQueue, task: ReleaseTask, atMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'groupbuyClose', { name: releaseTaskName(task), payload: task, atMs });
}

/** A batch of a funded group buy's cards detached at `atMs`: the first at once, each next one a second after the last ended. */
export function scheduleCardReleaseBatch(tasks: TaskQueue, task: CardReleaseTask, atMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'groupbuyClose', { name: cardReleaseTaskName(task), payload: task, atMs });
}
