/**
 * @module grants
 * What terraform grants each function, enforced on a developer's machine: a function may
 * publish only to the topics its registry entry names, put tasks only on the queues it
 * names, and take tasks back only from the queues it may cancel on. A missing grant then
 * fails a local test instead of a production call.
 */
import type { EventPublisher, PublishOptions, ScheduledTask, TaskQueue } from '../ports';
import type { FunctionEntry } from '../registry';
import { currentTraceparent } from '../trace-context';

type Grantee = Pick<FunctionEntry, 'name' | 'publishes' | 'schedules' | 'cancels'>;

const refused = (entry: Grantee, what: string, field: string) =>
  new Error(`${entry.name} may not ${what}: add it to its ${field} in shared/registry.ts (terraform grants from there)`);

export function checkPublishGrant(entry: Grantee, topic: string): void {
  if (!(entry.publishes as readonly string[]).includes(topic)) throw refused(entry, `publish to ${topic}`, 'publishes');
}

export function grantedPublisher(entry: Grantee, publish: (topic: string, data: unknown, options?: PublishOptions) => Promise<string>): EventPublisher {
  return {
    publish: async (topic, data, options) => {
      checkPublishGrant(entry, topic);
      return publish(topic, data, options);
    },
  };
}

export function grantedTaskQueue(entry: Grantee, tasks: TaskQueue): TaskQueue {
  return {
    schedule: async (task: ScheduledTask) => {
      if (!(entry.schedules as readonly string[]).includes(task.queue)) throw refused(entry, `put tasks on ${task.queue}`, 'schedules');
      // Taken here, where the function runs: the queue may be across a process boundary, where this trace is not.
      const traceparent = task.traceparent ?? currentTraceparent();
      return tasks.schedule(traceparent ? { ...task, traceparent } : task);
    },
    cancel: async (queue, name) => {
      if (!((entry.cancels ?? []) as readonly string[]).includes(queue)) throw refused(entry, `cancel tasks on ${queue}`, 'cancels');
      return tasks.cancel(queue, name);
    },
  };
}
