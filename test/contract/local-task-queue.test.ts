import { LocalTaskQueue, localTasksCollection, type TaskDelivery } from '../../shared/local/cloud-tasks/task-queue';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Delivered {
  target: string;
  body: string;
  headers: Record<string, string>;
}

function queue(store = new LocalDocumentStore(), answer: (d: Delivered) => number = () => 200) {
  const delivered: Delivered[] = [];
  const deliver: TaskDelivery = async (target, body, headers) => {
    const d = { target, body, headers };
    delivered.push(d);
    return answer(d);
  };
  const tasks = new LocalTaskQueue({ store, deliver, maxAttempts: () => 3, backoff: { minMs: 1, maxMs: 5 } });
  return { tasks, delivered, store };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

const task = (name: string, inMs = 0) => ({
  queue: 'auction-close',
  name,
  target: '/tasks/auction-close',
  payload: { auctionId: name },
  runAt: new Date(Date.now() + inMs),
});

describe('the local task queue', () => {
  it('posts a task to its target at its time with the Cloud Tasks headers', async () => {
    const { tasks, delivered } = queue();
    expect(await tasks.schedule(task('auc_1-v1', 30))).toBe('scheduled');
    expect(delivered).toHaveLength(0);
    await until(() => delivered.length === 1);
    expect(delivered[0]).toEqual({
      target: '/tasks/auction-close',
      body: '{"auctionId":"auc_1-v1"}',
      headers: expect.objectContaining({ 'x-cloudtasks-queuename': 'auction-close', 'x-cloudtasks-taskname': 'auc_1-v1' }),
    });
    tasks.close();
  });

  it('counts as due only the tasks within the horizon asked about, so waiting for quiet skips far-off deadlines', async () => {
    const { tasks } = queue();
    await tasks.schedule(task('soon', 200));
    await tasks.schedule(task('in-an-hour', 3_600_000));
    expect(tasks.busy).toBe(2);
    expect(tasks.dueWithin(1_000)).toBe(1);
    expect(tasks.dueWithin(7_200_000)).toBe(2);
    await tasks.cancel('auction-close', 'soon');
    expect(tasks.dueWithin(1_000)).toBe(0);
    tasks.close();
  });

  it('names the waiting task that comes due first, and nothing once none waits', async () => {
    const clock = { ms: Date.parse('2026-11-27T20:00:00Z'), now: () => new Date(clock.ms) };
    const tasks = new LocalTaskQueue({ store: new LocalDocumentStore(), deliver: async () => 200, maxAttempts: () => 3, clock });
    expect(tasks.nextDue()).toBeUndefined();
    await tasks.schedule({ ...task('in-a-day'), runAt: new Date(clock.ms + 86_400_000) });
    await tasks.schedule({ ...task('close:in-an-hour'), queue: 'groupbuy-close', runAt: new Date(clock.ms + 3_600_000) });
    expect(tasks.nextDue()).toEqual({ queue: 'groupbuy-close', name: 'close:in-an-hour', atMs: clock.ms + 3_600_000 });
    await tasks.cancel('groupbuy-close', 'close:in-an-hour');
    expect(tasks.nextDue()).toEqual({ queue: 'auction-close', name: 'in-a-day', atMs: clock.ms + 86_400_000 });
    await tasks.cancel('auction-close', 'in-a-day');
    expect(tasks.nextDue()).toBeUndefined();
    tasks.close();
  });

  it('does not count a task that answered not-yet before its time until the clock reaches that time, so waiting for quiet does not wait on a clock that stands still', async () => {
    const clock = { ms: Date.parse('2026-11-27T20:00:00Z'), now: () => new Date(clock.ms) };
    const delivered: string[] = [];
    const tasks = new LocalTaskQueue({
      store: new LocalDocumentStore(),
      deliver: async (_target, body) => (delivered.push(body), 425),
      maxAttempts: () => 100,
      backoff: { minMs: 100, maxMs: 100 },
      clock,
    });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const runAt = clock.ms + 800;
      clock.ms = runAt;
      await tasks.schedule({ ...task('sheet-1'), runAt: new Date(runAt) });
      // Its timer is set to fire at once; the clock reads 800 ms earlier when it does, as an instance's clock a little behind would.
      clock.ms = runAt - 800;
      await jest.advanceTimersByTimeAsync(0);
      expect(delivered).toHaveLength(1);
      // Its retry is armed 100 ms on; the task itself is due 800 ms on, by a clock that stands still.
      expect(tasks.dueWithin(1_000)).toBe(0);
      // And the next task comes due at its own time, not at its retry's: skipping to it skips far enough.
      expect(tasks.nextDue()).toEqual({ queue: 'auction-close', name: 'sheet-1', atMs: runAt });
      clock.ms = runAt;
      expect(tasks.dueWithin(1_000)).toBe(1);
    } finally {
      tasks.close();
      jest.useRealTimers();
    }
  });

  it('schedules a name once: the second schedule answers already-scheduled, even after it ran', async () => {
    const { tasks, delivered } = queue();
    expect(await tasks.schedule(task('auc_2-v1'))).toBe('scheduled');
    expect(await tasks.schedule(task('auc_2-v1'))).toBe('already-scheduled');
    await until(() => delivered.length === 1);
    expect(await tasks.schedule(task('auc_2-v1'))).toBe('already-scheduled');
    await new Promise((r) => setTimeout(r, 20));
    expect(delivered).toHaveLength(1);
    tasks.close();
  });

  it('cancels a waiting task so it never runs', async () => {
    const { tasks, delivered } = queue();
    await tasks.schedule(task('auc_3-v1', 20));
    expect(await tasks.cancel('auction-close', 'auc_3-v1')).toBe(true);
    expect(await tasks.cancel('auction-close', 'auc_3-v1')).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(delivered).toHaveLength(0);
    tasks.close();
  });

  it('retries a task whose target answers an error, up to the queue’s attempts', async () => {
    const { tasks, delivered, store } = queue(undefined, () => 500);
    await tasks.schedule(task('auc_4-v1'));
    await until(() => delivered.length === 3 && tasks.busy === 0);
    expect(delivered.map((d) => d.headers['x-cloudtasks-taskretrycount'])).toEqual(['0', '1', '2']);
    const [record] = await store.query(localTasksCollection);
    expect(record?.data).toMatchObject({ state: 'failed', attempts: 3 });
    tasks.close();
  });

  it('re-arms waiting tasks after a restart from the saved store', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'c500-tasks-')), 'store.json');
    const before = queue(new LocalDocumentStore({ snapshotFile: file }));
    await before.tasks.schedule(task('auc_5-v1', 40));
    before.tasks.close(); // the process stops before the task is due
    await before.store.close();
    const after = queue(new LocalDocumentStore({ snapshotFile: file }));
    expect(await after.tasks.rearm()).toBe(1);
    await until(() => after.delivered.length === 1);
    expect(after.delivered[0]?.body).toBe('{"auctionId":"auc_5-v1"}');
    expect(before.delivered).toHaveLength(0);
    after.tasks.close();
  });
});

/**
 * Cloud Tasks' system throttling, on a clock the test moves: tasks are scheduled an hour
 * ahead (so no real timer fires) and delivered by `runDueNow` as the clock passes them.
 */
describe('the local task queue, when a target answers as if overloaded', () => {
  const hour = 3_600_000;
  const start = Date.parse('2026-11-22T12:00:00Z');

  function throttledQueue(answer: (taskName: string, attempt: number) => number) {
    let now = start;
    const delivered: string[] = [];
    const attempts = new Map<string, number>();
    const deliver: TaskDelivery = async (_target, _body, headers) => {
      const name = headers['x-cloudtasks-taskname'] ?? '';
      const attempt = (attempts.get(name) ?? 0) + 1;
      attempts.set(name, attempt);
      delivered.push(name);
      return answer(name, attempt);
    };
    const tasks = new LocalTaskQueue({
      store: new LocalDocumentStore(),
      deliver,
      maxAttempts: () => 5,
      clock: { now: () => new Date(now) },
      backoff: { minMs: 100, maxMs: 100 },
      throttle: { minMs: 10_000, maxMs: 60_000 },
    });
    const at = (queueName: string, name: string, ms: number) => ({
      queue: queueName,
      name,
      target: `/tasks/${queueName}`,
      payload: {},
      runAt: new Date(start + ms),
    });
    const moveTo = async (ms: number) => {
      now = start + ms;
      await tasks.runDueNow();
    };
    return { tasks, delivered, at, moveTo };
  }

  it.each([503, 429])('holds back every task of the queue after a %i, and no task of another queue', async (status) => {
    const { tasks, delivered, at, moveTo } = throttledQueue((name, attempt) => (name === 'first' && attempt === 1 ? status : 200));
    await tasks.schedule(at('auction-close', 'first', hour));
    await tasks.schedule(at('auction-close', 'second', hour + 1_000));
    await tasks.schedule(at('race-close', 'elsewhere', hour + 1_000));

    await moveTo(hour);
    await moveTo(hour + 1_000);
    expect(delivered).toEqual(['first', 'elsewhere']);

    await moveTo(hour + 10_000);
    expect(delivered.slice(2).sort()).toEqual(['first', 'second']);
    tasks.close();
  });

  it.each([425, 500, 404])('retries only the task answered %i: the rest of its queue runs on time', async (status) => {
    const { tasks, delivered, at, moveTo } = throttledQueue((name, attempt) => (name === 'first' && attempt === 1 ? status : 200));
    await tasks.schedule(at('auction-close', 'first', hour));
    await tasks.schedule(at('auction-close', 'second', hour + 1_000));

    await moveTo(hour);
    await moveTo(hour + 1_000);
    expect(delivered.sort()).toEqual(['first', 'first', 'second']);
    tasks.close();
  });
});

describe('the local task queue, when faults are injected', () => {
  it('runs a task also early, as well as at its time, and takes nothing from its attempts for the early run', async () => {
    const store = new LocalDocumentStore();
    const delivered: Array<{ atMs: number; answer: number }> = [];
    const dueAt = Date.now() + 120;
    const tasks = new LocalTaskQueue({
      store,
      deliver: async () => {
        // Node's timers count from the event loop's cached time, so a run at its time can read
        // Date.now() a millisecond or two short of it; the early run is 110 ms early.
        const early = Date.now() < dueAt - 5;
        delivered.push({ atMs: Date.now(), answer: early ? 425 : 200 });
        return early ? 425 : 200;
      },
      maxAttempts: () => 1,
      faults: { earlyRunAtMs: (_task, nowMs) => nowMs + 10, runAgainAfterMs: () => undefined },
    });
    await tasks.schedule({ ...task('early-one'), runAt: new Date(dueAt) });
    await until(() => delivered.length === 2);
    expect(delivered.map((d) => d.answer)).toEqual([425, 200]);
    expect((await store.query(localTasksCollection))[0]?.data).toMatchObject({ state: 'done', attempts: 1 });
    tasks.close();
  });

  it('runs a task a second time after it was done, and the queue keeps it done', async () => {
    const { store, delivered } = queue();
    const tasks = new LocalTaskQueue({
      store,
      deliver: async (target, body, headers) => {
        delivered.push({ target, body, headers });
        return 200;
      },
      maxAttempts: () => 3,
      faults: { earlyRunAtMs: () => undefined, runAgainAfterMs: () => 5 },
    });
    await tasks.schedule(task('twice'));
    await until(() => delivered.length === 2);
    expect(delivered.map((d) => d.headers['x-cloudtasks-taskname'])).toEqual(['twice', 'twice']);
    expect((await store.query(localTasksCollection))[0]?.data.state).toBe('done');
    tasks.close();
  });
});

describe('the local task queue, when its clock moves forward', () => {
  it('runs a task due a moment after the move that moment later, not when its timer set before the move would fire', async () => {
    let offsetMs = 0;
    const delivered: string[] = [];
    const tasks = new LocalTaskQueue({
      store: new LocalDocumentStore(),
      deliver: async (_target, _body, headers) => {
        delivered.push(headers['x-cloudtasks-taskname'] ?? '');
        return 200;
      },
      maxAttempts: () => 3,
      clock: { now: () => new Date(Date.now() + offsetMs) },
    });
    const minute = 60_000;
    await tasks.schedule({ ...task('due-at-the-move'), runAt: new Date(Date.now() + minute) });
    await tasks.schedule({ ...task('due-just-after'), runAt: new Date(Date.now() + minute + 200) });
    // Half an hour in an instant (POST /_local/clock): what fell due runs now, the rest by the moved clock.
    offsetMs = 30 * minute;
    expect(await tasks.runDueNow()).toBe(2);
    expect(delivered.sort()).toEqual(['due-at-the-move', 'due-just-after']);
    // Scheduled two minutes ahead, then the clock moves all but half a second of them.
    await tasks.schedule({ ...task('later'), runAt: new Date(Date.now() + offsetMs + 2 * minute) });
    offsetMs += 2 * minute - 500;
    expect(await tasks.runDueNow()).toBe(0);
    for (let i = 0; i < 40 && delivered.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    expect(delivered[2]).toBe('later');
    tasks.close();
  });
});
