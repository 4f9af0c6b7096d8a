/**
 * @module schedule-close
 * Schedules a group buy's close (see rules/close-task): at its `closesAt` plus the settle
 * window, on the `groupbuy-close` queue, to the task function registered on that queue.
 */
import type { TaskQueue } from '../../ports';
import { functionRegistry, type TaskFunctionEntry } from '../../registry';
import { closeSettleMs, groupBuyCloseQueue, groupBuyCloseTaskName, type GroupBuyCloseTask } from '../rules/close-task';
import type { GroupBuy } from '../rules/group-buy';

/** The route of the task function that runs the queue's tasks (the close's own function). */
function closeRoute(): string {
  const entry = functionRegistry.find((e): e is TaskFunctionEntry => e.kind === 'task' && e.queue === groupBuyCloseQueue);
  return entry?.route ?? `/tasks/${groupBuyCloseQueue}`;
}

export async function scheduleClose(tasks: TaskQueue, groupBuy: Pick<GroupBuy, 'groupBuyId' | 'closesAt'>): Promise<void> {
  const task: GroupBuyCloseTask = { groupBuyId: groupBuy.groupBuyId, closesAtMs: Date.parse(groupBuy.closesAt) };
  await tasks.schedule({
    queue: groupBuyCloseQueue,
    name: groupBuyCloseTaskName(task),
    target: closeRoute(),
    payload: task,
    runAt: new Date(task.closesAtMs + closeSettleMs),
  });
}
