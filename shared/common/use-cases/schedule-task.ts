/**
 * @module schedule-task
 * One way to schedule (and cancel) a task for a task function of the registry, named by
 * the function: its queue and route come from the registry, so a module never spells them.
 */
import type { TaskQueue } from '../../ports';
import { taskTarget } from '../../registry';

export interface TaskToSchedule {
  /** The task's name: Cloud Tasks makes one task of a name, so a redelivered schedule makes no second. */
  name: string;
  payload: unknown;
  atMs: number;
}

export function scheduleTask(tasks: TaskQueue, functionName: string, task: TaskToSchedule): Promise<unknown> {
  const target = taskTarget(functionName);
  return tasks.schedule({ queue: target.queue, name: task.name, target: target.route, payload: task.payload, runAt: new Date(task.atMs) });
}

export function cancelTask(tasks: TaskQueue, functionName: string, name: string): Promise<boolean> {
  return tasks.cancel(taskTarget(functionName).queue, name);
}
