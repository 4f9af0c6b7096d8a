/**
 * Cloud Tasks as far as a use case's test needs it, run by the test's clock: a used name
 * stays taken whether the task ran or not, and a run that fails is retried by the queue's
 * back-off until its last attempt. The test runs what is due and says how each run ended.
 */
import type { ScheduledTask, TaskQueue } from '../../shared/ports';

export interface NamedTask {
  task: ScheduledTask;
  runAtMs: number;
  attempts: number;
  state: 'waiting' | 'done' | 'gave up';
}

export class NamedTaskQueue implements TaskQueue {
  readonly named = new Map<string, NamedTask>();

  /** `backoffMs(n)`: how long after its n-th failed attempt a task runs again. */
  constructor(private readonly retry: { maxAttempts: number; backoffMs: (attempt: number) => number }) {}

  async schedule(task: ScheduledTask): Promise<'scheduled' | 'already-scheduled'> {
    if (this.named.has(task.name)) return 'already-scheduled';
    this.named.set(task.name, { task, runAtMs: task.runAt.getTime(), attempts: 0, state: 'waiting' });
    return 'scheduled';
  }

  async cancel(): Promise<boolean> {
    return false;
  }

  /** The waiting tasks whose time has come by `nowMs`, earliest first. */
  due(nowMs: number): NamedTask[] {
    return [...this.named.values()].filter((t) => t.state === 'waiting' && t.runAtMs <= nowMs).sort((a, b) => a.runAtMs - b.runAtMs);
  }

  /** Runs the task once as the queue delivers it: done when `run` resolves, retried by the back-off when it throws. */
  async deliver(entry: NamedTask, nowMs: number, run: (payload: unknown) => Promise<unknown>): Promise<void> {
    entry.attempts++;
    try {
      await run(JSON.parse(JSON.stringify(entry.task.payload)));
      entry.state = 'done';
    } catch {
      if (entry.attempts >= this.retry.maxAttempts) entry.state = 'gave up';
      else entry.runAtMs = nowMs + this.retry.backoffMs(entry.attempts);
    }
  }
}
