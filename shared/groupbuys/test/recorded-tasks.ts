/** Cloud Tasks as a use case's test reads it: each task by its name, made once however often it is scheduled. */
import type { ScheduledTask, TaskQueue } from '../../ports';

export class RecordedTasks implements TaskQueue {
  readonly named = new Map<string, ScheduledTask>();
  async schedule(task: ScheduledTask) {
    if (this.named.has(task.name)) return 'already-scheduled' as const;
    this.named.set(task.name, task);
    return 'scheduled' as const;
  }
  async cancel(_queue: string, name: string) {
    return this.named.delete(name);
  }
}
