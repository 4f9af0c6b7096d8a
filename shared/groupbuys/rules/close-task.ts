/**
 * @module close-task
 * The close of a group buy as a named task on the `groupbuy-close` queue, agreed by name with
 * the close (its function and use case are the close's own): `groupbuy-close-<id>-<closesAt
 * ms>`, so a redelivered start or extension schedules one task, and an extension schedules a
 * new name while the old one stays stale. The payload says which close it is for; a task whose
 * `closesAtMs` is not the group buy's `closesAt` any more (it was extended) closes nothing.
 */
export const groupBuyCloseQueue = 'groupbuy-close';

export interface GroupBuyCloseTask {
  groupBuyId: string;
  /** The close this task was scheduled for: compared with the group buy's `closesAt` when it runs. */
  closesAtMs: number;
}

export const groupBuyCloseTaskName = (task: GroupBuyCloseTask) => `groupbuy-close-${task.groupBuyId}-${task.closesAtMs}`;

/**
 * The close runs this long after `closesAt`: a card saved just before it, whose Stripe event
 * arrives late, still counts (a pledge is judged by when Stripe completed its setup, not by
 * when the event reached us).
 */
export const closeSettleMs = 60_000;
