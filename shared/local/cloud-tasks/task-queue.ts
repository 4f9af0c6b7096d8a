/**
 * @module task-queue
 * Cloud Tasks in-process: a named task runs once at its time by an HTTP call to its
 * target, retried with back-off on a non-2xx answer. Tasks are kept in the document store,
 * so a restart re-arms what was waiting, and a used name stays taken, as in Cloud Tasks.
 * As in Cloud Tasks, a 429 or 503 is the target saying it is overloaded: the whole queue
 * backs off (system throttling), not only that task; any other failure retries that task
 * alone. A target that means "not yet" must answer something else (425).
 */
import { log } from '../../log';
import { continueTrace, currentTraceparent, runInTrace, traceparentHeader } from '../../trace-context';
import { collectionPath, docPath, systemClock, type Clock, type DocPath, type DocumentStore, type ScheduledTask, type TaskQueue } from '../../ports';

/** Sends a task to its target; answers the HTTP status. */
export type TaskDelivery = (target: string, body: string, headers: Record<string, string>) => Promise<number>;

export interface LocalTaskQueueOptions {
  store: DocumentStore;
  deliver: TaskDelivery;
  maxAttempts: (queue: string) => number;
  clock?: Clock;
  backoff?: { minMs: number; maxMs: number };
  /** How long a queue holds every task after a 429 or 503, doubling while they go on. */
  throttle?: { minMs: number; maxMs: number };
  /** What Cloud Tasks is documented to do now and then, injected on demand (the local runtime's fault plan); none by default. */
  faults?: TaskFaults;
}

/**
 * Cloud Tasks runs a task at least once: now and then twice, and a target must also
 * survive being called before its time. These hooks add such extra runs on purpose; the
 * task's own run still happens, and what an extra run answers changes nothing here.
 */
export interface TaskFaults {
  /** When to run this task once early, if at all: asked once, when it is scheduled. */
  earlyRunAtMs(task: ScheduledTask, nowMs: number): number | undefined;
  /** How long after a run to run it again, if at all. */
  runAgainAfterMs(task: TaskRecord): number | undefined;
}

/** The answers Cloud Tasks takes as back-pressure for the whole queue (its HttpRequest docs: system throttling). */
export const queueThrottlingStatuses: readonly number[] = [429, 503];

type TaskState = 'waiting' | 'done' | 'failed' | 'cancelled';

/** A task as the queue keeps it, at `_localTasks/<queue:name>`. */
export interface TaskRecord {
  queue: string;
  name: string;
  target: string;
  payload: unknown;
  runAt: string;
  state: TaskState;
  attempts: number;
  /** The trace its run continues: the scheduler's, as Cloud Tasks sends the header it was given. */
  traceparent?: string;
}

export const localTasksCollection = collectionPath<TaskRecord>('_localTasks');
type TaskPath = DocPath<TaskRecord>;
/** setTimeout cannot wait longer than about 24.8 days; longer waits are re-armed. */
const longestTimer = 2 ** 31 - 1;

export class LocalTaskQueue implements TaskQueue {
  private readonly timers = new Map<TaskPath, NodeJS.Timeout>();
  private readonly extraTimers = new Set<NodeJS.Timeout>();
  private readonly dueAt = new Map<TaskPath, number>();
  /**
   * Tasks that failed a run made before their own time (a timer counts real milliseconds,
   * a test's clock stands still): they wait for the clock, not for their retry's timer.
   */
  private readonly notBefore = new Map<TaskPath, number>();
  /** Per queue: held until then, after this many 429/503 answers in a row. */
  private readonly throttled = new Map<string, { untilMs: number; times: number }>();
  private readonly clock: Clock;
  private running = 0;
  private closed = false;

  constructor(private readonly options: LocalTaskQueueOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async schedule(task: ScheduledTask): Promise<'scheduled' | 'already-scheduled'> {
    const record: TaskRecord = {
      queue: task.queue,
      name: task.name,
      target: task.target,
      payload: task.payload,
      runAt: task.runAt.toISOString(),
      state: 'waiting',
      attempts: 0,
    };
    const traceparent = task.traceparent ?? currentTraceparent();
    if (traceparent) record.traceparent = traceparent;
    const created = await this.options.store.createIfAbsent(pathOf(task.queue, task.name), record);
    if (!created) return 'already-scheduled';
    this.arm(task.queue, task.name, task.runAt.getTime());
    const earlyAt = this.options.faults?.earlyRunAtMs(task, this.clock.now().getTime());
    if (earlyAt !== undefined) this.runExtra(record, Math.max(0, earlyAt - this.clock.now().getTime()), 'early');
    return 'scheduled';
  }

  async cancel(queue: string, name: string): Promise<boolean> {
    const path = pathOf(queue, name);
    const cancelled = await this.options.store.runTransaction(async (tx) => {
      const record = await tx.get(path);
      if (record?.state !== 'waiting') return false;
      tx.update(path, { state: 'cancelled' });
      return true;
    });
    if (cancelled) {
      this.disarm(path);
      this.notBefore.delete(path);
    }
    return cancelled;
  }

  /** After a restart: arm every task that was still waiting (overdue ones run now). */
  async rearm(): Promise<number> {
    const waiting = await this.options.store.query(localTasksCollection, { where: [['state', '==', 'waiting']] });
    for (const { data } of waiting) this.arm(data.queue, data.name, Date.parse(data.runAt));
    return waiting.length;
  }

  close(): void {
    this.closed = true;
    for (const timer of [...this.timers.values(), ...this.extraTimers]) clearTimeout(timer);
    this.timers.clear();
    this.extraTimers.clear();
  }

  /** How many tasks are armed or being delivered right now. */
  get busy(): number {
    return this.timers.size + this.running;
  }

  /**
   * How many are being delivered or due within `ms`: what a caller waiting for quiet waits
   * on. Not a task that answered a run before its time with a failure (a target saying "not
   * yet", 425) while the clock has not reached that time: waiting cannot move the clock.
   */
  dueWithin(ms: number): number {
    const now = this.clock.now().getTime();
    const waitsForClock = (path: TaskPath) => (this.notBefore.get(path) ?? 0) > now;
    return this.running + [...this.dueAt.entries()].filter(([path, at]) => at <= now + ms && !waitsForClock(path)).length;
  }

  /**
   * The waiting task that comes due first, and when by the clock (a task that answered "not
   * yet" before its time waits for that time, not for its retry's timer): what the
   * playground's **Next task** skips to. Undefined when nothing waits.
   */
  nextDue(): { queue: string; name: string; atMs: number } | undefined {
    let next: { path: TaskPath; atMs: number } | undefined;
    for (const [path, at] of this.dueAt) {
      const atMs = Math.max(at, this.notBefore.get(path) ?? 0);
      if (!next || atMs < next.atMs) next = { path, atMs };
    }
    return next && { ...queueAndName(next.path), atMs: next.atMs };
  }

  /**
   * Delivers at once every armed task whose time has come by the clock. Timers count real
   * milliseconds; a test or demo that moves a clock forward calls this instead of waiting,
   * and the tasks not yet due are armed again by the moved clock.
   */
  async runDueNow(): Promise<number> {
    const now = this.clock.now().getTime();
    const armed = [...this.dueAt.entries()];
    const due = armed.filter(([, at]) => at <= now).map(([path]) => path);
    for (const path of due) this.disarm(path);
    // A timer counts real milliseconds from when it was set: after the clock moved, the rest wait by the clock as it reads now.
    for (const [path, at] of armed) if (at > now) this.armAgain(path, at);
    await Promise.all(due.map((path) => this.fire(path)));
    return due.length;
  }

  private arm(queue: string, name: string, at: number): void {
    if (this.closed) return;
    const path = pathOf(queue, name);
    this.disarm(path);
    const wait = Math.max(0, at - this.clock.now().getTime());
    this.dueAt.set(path, at);
    const timer = setTimeout(
      () => {
        this.timers.delete(path);
        this.dueAt.delete(path);
        if (wait > longestTimer) this.arm(queue, name, at);
        // Cloud Tasks is a service of its own: a failure here is logged, never thrown into the runtime.
        else this.fire(path).catch((error: unknown) => log.error('the task queue failed to run a task', { queue, task: name, error }));
      },
      Math.min(wait, longestTimer),
    );
    timer.unref();
    this.timers.set(path, timer);
  }

  private armAgain(path: TaskPath, at: number): void {
    const { queue, name } = queueAndName(path);
    this.arm(queue, name, at);
  }

  private disarm(path: TaskPath): void {
    clearTimeout(this.timers.get(path));
    this.timers.delete(path);
    this.dueAt.delete(path);
  }

  private async fire(path: TaskPath): Promise<void> {
    this.running++;
    try {
      const record = await this.options.store.get(path);
      if (record?.state !== 'waiting') return;
      // What the queue says of a run is a line of the trace that scheduled it.
      await runInTrace(continueTrace(record.traceparent), `cloud-tasks:${record.queue}`, () => this.run(path, record));
    } finally {
      this.running--;
    }
  }

  private async run(path: TaskPath, record: TaskRecord): Promise<void> {
    const held = this.throttled.get(record.queue);
    if (held && held.untilMs > this.clock.now().getTime()) {
      // Not dispatched, so not an attempt: it waits for its queue like every other task there.
      this.arm(record.queue, record.name, held.untilMs);
      return;
    }
    const attempt = record.attempts + 1;
    let status = 0;
    try {
      status = await this.options.deliver(record.target, JSON.stringify(record.payload), taskHeaders(record));
    } catch (error) {
      log.warn('task delivery failed', { queue: record.queue, task: record.name, attempt, error });
    }
    this.noteThrottling(record.queue, status);
    if (status >= 200 && status < 300) {
      this.notBefore.delete(path);
      await this.options.store.update(path, { state: 'done', attempts: attempt });
      const againAfter = this.options.faults?.runAgainAfterMs(record);
      if (againAfter !== undefined) this.runExtra(record, againAfter, 'twice');
      return;
    }
    if (attempt >= this.options.maxAttempts(record.queue)) {
      this.notBefore.delete(path);
      await this.options.store.update(path, { state: 'failed', attempts: attempt });
      log.error('task gave up', { queue: record.queue, task: record.name, attempts: attempt, status });
      return;
    }
    await this.options.store.update(path, { attempts: attempt });
    const runAtMs = Date.parse(record.runAt);
    if (this.clock.now().getTime() < runAtMs) this.notBefore.set(path, runAtMs);
    const { minMs, maxMs } = this.options.backoff ?? { minMs: 500, maxMs: 30_000 };
    this.arm(record.queue, record.name, this.clock.now().getTime() + Math.min(maxMs, minMs * 2 ** (attempt - 1)));
  }

  /** An injected extra run: delivered as the task itself would be, its answer only logged. */
  private runExtra(record: TaskRecord, afterMs: number, why: 'early' | 'twice'): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.extraTimers.delete(timer);
      this.running++;
      this.options
        .deliver(record.target, JSON.stringify(record.payload), taskHeaders(record))
        .then(
          (status) => log.info('an injected extra run of a task was answered', { queue: record.queue, task: record.name, why, status }),
          (error: unknown) => log.info('an injected extra run of a task failed', { queue: record.queue, task: record.name, why, error }),
        )
        .finally(() => this.running--);
    }, afterMs);
    timer.unref();
    this.extraTimers.add(timer);
  }

  private noteThrottling(queue: string, status: number): void {
    if (!queueThrottlingStatuses.includes(status)) {
      if (status >= 200 && status < 300) this.throttled.delete(queue);
      return;
    }
    const times = (this.throttled.get(queue)?.times ?? 0) + 1;
    const { minMs, maxMs } = this.options.throttle ?? { minMs: 1_000, maxMs: 60_000 };
    this.throttled.set(queue, { untilMs: this.clock.now().getTime() + Math.min(maxMs, minMs * 2 ** (times - 1)), times });
    log.warn('task queue throttled: its target answered as if overloaded', { queue, status, times });
  }
}

/** The headers Cloud Tasks sends with each run of a task. */
function taskHeaders(record: TaskRecord): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-cloudtasks-queuename': record.queue,
    'x-cloudtasks-taskname': record.name,
    'x-cloudtasks-taskretrycount': String(record.attempts),
    'x-cloudtasks-taskexecutioncount': String(record.attempts),
    ...(record.traceparent ? { [traceparentHeader]: record.traceparent } : {}),
  };
}

function pathOf(queue: string, name: string): TaskPath {
  return docPath<TaskRecord>(`${localTasksCollection}/${encodeURIComponent(`${queue}:${name}`)}`);
}

/** The queue and the task's name a path was made of (`pathOf`): a queue's name has no colon, a task's may. */
function queueAndName(path: TaskPath): { queue: string; name: string } {
  const [queue = '', ...rest] = decodeURIComponent(path.slice(`${localTasksCollection}/`.length)).split(':');
  return { queue, name: rest.join(':') };
}
