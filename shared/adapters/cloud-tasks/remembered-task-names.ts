/**
 * @module remembered-task-names
 * A task queue that remembers, for a while, the names it has seen taken, and answers
 * "already scheduled" for them without asking Cloud Tasks again. Named tasks make a
 * schedule idempotent, and the product leans on that: every `!bid` in a second asks for the
 * channel's one `chatReplies` task of that second, so at a thousand chat bids a second an
 * instance would make a thousand create calls (each a round trip, and a billed operation)
 * for one task. A name Cloud Tasks has taken stays taken for about an hour after its task
 * ran or was deleted (the local queue keeps it for good), so a name remembered for ten
 * minutes is never one the queue would take again. Cancels pass through, and leave the
 * name remembered: a cancelled name stays taken too.
 */
import { systemClock, type Clock, type ScheduledTask, type TaskQueue } from '../../ports';

/** Well inside the hour Cloud Tasks keeps a used name taken. */
export const rememberTaskNameMs = 10 * 60_000;
/** An instance's memory is bounded: the oldest names are forgotten first (and asked for again, harmlessly). */
export const rememberedTaskNamesMax = 10_000;

export function rememberingTaskNames(queue: TaskQueue, clock: Clock = systemClock): TaskQueue {
  /** `<queue>\n<name>` → until when it is known taken. In insertion order, so the first entry is the oldest. */
  const taken = new Map<string, number>();
  /** Asks on their way: a name asked for again meanwhile waits for that answer instead of asking too. */
  const asking = new Map<string, Promise<unknown>>();
  const remember = (key: string) => {
    taken.delete(key);
    taken.set(key, clock.now().getTime() + rememberTaskNameMs);
    if (taken.size > rememberedTaskNamesMax) taken.delete(taken.keys().next().value as string);
  };
  const ask = async (key: string, task: ScheduledTask) => {
    const answer = queue.schedule(task);
    asking.set(key, answer);
    try {
      const scheduled = await answer;
      remember(key);
      return scheduled;
    } finally {
      if (asking.get(key) === answer) asking.delete(key);
    }
  };
  return {
    async schedule(task: ScheduledTask) {
      const key = `${task.queue}\n${task.name}`;
      const until = taken.get(key);
      if (until !== undefined && until > clock.now().getTime()) return 'already-scheduled';
      const pending = asking.get(key);
      if (pending) {
        const ok = await pending.then(
          () => true,
          () => false,
        );
        // Another call took the name; one that failed is not remembered, and this call asks itself.
        if (ok) return 'already-scheduled';
      }
      return ask(key, task);
    },
    cancel: (queueName, name) => queue.cancel(queueName, name),
  };
}
