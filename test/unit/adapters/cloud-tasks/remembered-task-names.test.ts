import { rememberedTaskNamesMax, rememberingTaskNames, rememberTaskNameMs } from '../../../../shared/adapters/cloud-tasks/remembered-task-names';
import type { ScheduledTask, TaskQueue } from '../../../../shared/ports';

/** A queue as Cloud Tasks answers: a name once taken stays taken; every call counted. */
class CountingQueue implements TaskQueue {
  readonly asked: string[] = [];
  readonly cancelled: string[] = [];
  private readonly taken = new Set<string>();
  failNext = false;

  async schedule(task: ScheduledTask): Promise<'scheduled' | 'already-scheduled'> {
    this.asked.push(`${task.queue}/${task.name}`);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('UNAVAILABLE');
    }
    const key = `${task.queue}/${task.name}`;
    if (this.taken.has(key)) return 'already-scheduled';
    this.taken.add(key);
    return 'scheduled';
  }

  async cancel(queue: string, name: string): Promise<boolean> {
    this.cancelled.push(`${queue}/${name}`);
    return true;
  }
}

const task = (name: string, queue = 'chat-replies'): ScheduledTask => ({ queue, name, target: '/tasks/chat-replies', payload: {}, runAt: new Date(0) });

function world() {
  let nowMs = Date.parse('2026-11-26T02:00:00Z');
  const inner = new CountingQueue();
  const queue = rememberingTaskNames(inner, { now: () => new Date(nowMs) });
  return { inner, queue, advance: (ms: number) => (nowMs += ms) };
}

describe('a task queue that remembers the names it saw taken', () => {
  it('asks Cloud Tasks once for a name a thousand bids ask for at once, and answers the rest "already scheduled"', async () => {
    const { inner, queue } = world();
    const answers = await Promise.all(Array.from({ length: 1000 }, () => queue.schedule(task('chat-42-1764122400'))));
    expect(answers.filter((a) => a === 'scheduled')).toHaveLength(1);
    expect(inner.asked).toHaveLength(1);
    expect(await queue.schedule(task('chat-42-1764122400'))).toBe('already-scheduled');
    expect(inner.asked).toHaveLength(1);
  });

  it('asks itself when the ask it waited for failed, and only then', async () => {
    const { inner, queue } = world();
    inner.failNext = true;
    const [first, second, third] = await Promise.allSettled([queue.schedule(task('chat-1')), queue.schedule(task('chat-1')), queue.schedule(task('chat-1'))]);
    expect(first.status).toBe('rejected');
    expect([second, third].map((r) => (r.status === 'fulfilled' ? r.value : 'failed')).sort()).toEqual(['already-scheduled', 'scheduled']);
    expect(inner.asked).toHaveLength(3);
  });

  it('remembers a name another instance took, from the queue’s own "already scheduled"', async () => {
    const { inner, queue } = world();
    await inner.schedule(task('hammer-a1-3'));
    expect(await queue.schedule(task('hammer-a1-3'))).toBe('already-scheduled');
    expect(await queue.schedule(task('hammer-a1-3'))).toBe('already-scheduled');
    expect(inner.asked).toEqual(['chat-replies/hammer-a1-3', 'chat-replies/hammer-a1-3']);
  });

  it('asks again once ten minutes have passed, well inside the hour Cloud Tasks keeps a name taken', async () => {
    const { inner, queue, advance } = world();
    await queue.schedule(task('embed-a1-5000'));
    advance(rememberTaskNameMs - 1);
    await queue.schedule(task('embed-a1-5000'));
    expect(inner.asked).toHaveLength(1);
    advance(1);
    expect(await queue.schedule(task('embed-a1-5000'))).toBe('already-scheduled');
    expect(inner.asked).toHaveLength(2);
  });

  it('does not remember a name whose schedule failed: the next ask schedules it', async () => {
    const { inner, queue } = world();
    inner.failNext = true;
    await expect(queue.schedule(task('late-o1'))).rejects.toThrow('UNAVAILABLE');
    expect(await queue.schedule(task('late-o1'))).toBe('scheduled');
    expect(inner.asked).toHaveLength(2);
  });

  it('keeps the same name in two queues apart', async () => {
    const { inner, queue } = world();
    expect(await queue.schedule(task('x', 'auction-close'))).toBe('scheduled');
    expect(await queue.schedule(task('x', 'auction-embed'))).toBe('scheduled');
    expect(inner.asked).toEqual(['auction-close/x', 'auction-embed/x']);
  });

  it('forgets its oldest names past its bound, and asks the queue for them again', async () => {
    const { inner, queue } = world();
    for (let i = 0; i <= rememberedTaskNamesMax; i++) await queue.schedule(task(`n${i}`));
    expect(inner.asked).toHaveLength(rememberedTaskNamesMax + 1);
    await queue.schedule(task(`n${rememberedTaskNamesMax}`));
    expect(inner.asked).toHaveLength(rememberedTaskNamesMax + 1);
    expect(await queue.schedule(task('n0'))).toBe('already-scheduled');
    expect(inner.asked).toHaveLength(rememberedTaskNamesMax + 2);
  });

  it('keeps a name it asked for again fresh, so the bound forgets names nobody asks for', async () => {
    const { inner, queue, advance } = world();
    await queue.schedule(task('busy'));
    advance(rememberTaskNameMs - 1);
    for (let i = 0; i < rememberedTaskNamesMax - 1; i++) await queue.schedule(task(`n${i}`));
    // Past its ten minutes, so asked again and put last: the next new name forgets n0, not it.
    advance(1);
    await queue.schedule(task('busy'));
    await queue.schedule(task('one-more'));
    const asked = inner.asked.length;
    await queue.schedule(task('busy'));
    expect(inner.asked).toHaveLength(asked);
  });

  it('passes a cancel through and still answers the cancelled name as taken', async () => {
    const { inner, queue } = world();
    await queue.schedule(task('hammer-a1-4', 'auction-close'));
    expect(await queue.cancel('auction-close', 'hammer-a1-4')).toBe(true);
    expect(inner.cancelled).toEqual(['auction-close/hammer-a1-4']);
    expect(await queue.schedule(task('hammer-a1-4', 'auction-close'))).toBe('already-scheduled');
    expect(inner.asked).toHaveLength(1);
  });
});
