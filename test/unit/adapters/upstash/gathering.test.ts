/**
 * Gathering calls into batches: by group, up to a size, one batch in flight a group, each
 * caller answered with its own result. Timers are jest's, never the wall clock.
 */
import { gathering } from '../../../../shared/adapters/upstash/gathering';
import { manualScheduler } from '../../../support/manual-scheduler';

interface Flight {
  key: string;
  items: readonly number[];
  answer(outs: readonly string[]): void;
  fail(error: Error): void;
}

/** A runner whose batches wait until the test lets them land. */
function heldRunner() {
  const flights: Flight[] = [];
  const run = (key: string, items: readonly number[]) =>
    new Promise<readonly string[]>((resolve, reject) => {
      flights.push({ key, items, answer: resolve, fail: reject });
    });
  const land = async (i: number) => {
    const flight = flights[i] as Flight;
    flight.answer(flight.items.map((n) => `${flight.key}:${n}`));
    await jest.advanceTimersByTimeAsync(0);
  };
  return { flights, run, land };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('gathering calls into batches', () => {
  it('sends the calls of one group made within the window as one batch, each caller getting its own answer', async () => {
    const { flights, run, land } = heldRunner();
    const gather = gathering({ windowMs: 5, maxSize: 10 }, run);
    const answers = [gather('a', 1), gather('a', 2)];
    await jest.advanceTimersByTimeAsync(4);
    expect(flights).toHaveLength(0);
    const third = gather('a', 3);
    await jest.advanceTimersByTimeAsync(1);
    expect(flights.map((f) => f.items)).toEqual([[1, 2, 3]]);
    await land(0);
    await expect(Promise.all([...answers, third])).resolves.toEqual(['a:1', 'a:2', 'a:3']);
  });

  it('keeps groups apart and never makes one wait for another', async () => {
    const { flights, run, land } = heldRunner();
    const gather = gathering({ windowMs: 5, maxSize: 10 }, run);
    const a = gather('a', 1);
    const b = gather('b', 2);
    await jest.advanceTimersByTimeAsync(5);
    expect(flights.map((f) => [f.key, f.items])).toEqual([
      ['a', [1]],
      ['b', [2]],
    ]);
    await land(1);
    await expect(b).resolves.toBe('b:2');
    await land(0);
    await expect(a).resolves.toBe('a:1');
  });

  it('sends a full batch at once and starts the rest a window of their own', async () => {
    const { flights, run, land } = heldRunner();
    const gather = gathering({ windowMs: 5, maxSize: 2 }, run);
    const answers = [1, 2, 3].map((n) => gather('a', n));
    await jest.advanceTimersByTimeAsync(0);
    expect(flights.map((f) => f.items)).toEqual([[1, 2]]);
    await land(0);
    await jest.advanceTimersByTimeAsync(5);
    expect(flights.map((f) => f.items)).toEqual([[1, 2], [3]]);
    await land(1);
    await expect(Promise.all(answers)).resolves.toEqual(['a:1', 'a:2', 'a:3']);
  });

  it('holds what arrives while a group’s batch is in flight, and sends it together once that batch lands', async () => {
    const { flights, run, land } = heldRunner();
    const gather = gathering({ windowMs: 5, maxSize: 10 }, run);
    const first = gather('a', 1);
    await jest.advanceTimersByTimeAsync(5);
    const later = [2, 3, 4].map((n) => gather('a', n));
    await jest.advanceTimersByTimeAsync(50);
    expect(flights.map((f) => f.items)).toEqual([[1]]);
    await land(0);
    expect(flights.map((f) => f.items)).toEqual([[1], [2, 3, 4]]);
    await land(1);
    await expect(Promise.all([first, ...later])).resolves.toEqual(['a:1', 'a:2', 'a:3', 'a:4']);
  });

  it('fails every call of a batch that fails, and still sends the group’s next batch', async () => {
    const { flights, run, land } = heldRunner();
    const gather = gathering({ windowMs: 5, maxSize: 10 }, run);
    const failing = [gather('a', 1), gather('a', 2)].map((p) => p.catch((error: Error) => error.message));
    await jest.advanceTimersByTimeAsync(5);
    const next = gather('a', 3);
    (flights[0] as Flight).fail(new Error('Redis timed out'));
    await expect(Promise.all(failing)).resolves.toEqual(['Redis timed out', 'Redis timed out']);
    await jest.advanceTimersByTimeAsync(5);
    await land(1);
    await expect(next).resolves.toBe('a:3');
  });

  it('fails a batch answered with a different number of answers than it had calls', async () => {
    const gather = gathering({ windowMs: 1, maxSize: 10 }, async () => ['only one']);
    const answers = [gather('a', 1), gather('a', 2)].map((p) => p.catch((error: Error) => error.message));
    await jest.advanceTimersByTimeAsync(1);
    await expect(Promise.all(answers)).resolves.toEqual(['a batch of 2 got 1 answers', 'a batch of 2 got 1 answers']);
  });

  it('sends each call alone and at once when the window is 0, arming no timer', async () => {
    const { flights, run, land } = heldRunner();
    const scheduler = manualScheduler();
    const gather = gathering({ windowMs: 0, maxSize: 10, scheduler }, run);
    const answers = [gather('a', 1), gather('a', 2)];
    await Promise.resolve();
    expect(flights.map((f) => f.items)).toEqual([[1], [2]]);
    expect(scheduler.armedMs).toEqual([]);
    await land(0);
    await land(1);
    await expect(Promise.all(answers)).resolves.toEqual(['a:1', 'a:2']);
  });

  it('fails a call alone answered with no answer when the window is 0', async () => {
    const gather = gathering({ windowMs: 0, maxSize: 10 }, async () => []);
    await expect(gather('a', 1)).rejects.toThrow('a batch of 1 got 0 answers');
  });

  it('refuses a negative window', () => {
    expect(() => gathering({ windowMs: -1, maxSize: 10 }, async () => [])).toThrow(RangeError);
  });

  it('ends a window when the scheduler it was given says so, however long the calls wait', async () => {
    const { flights, run, land } = heldRunner();
    const scheduler = manualScheduler();
    const gather = gathering({ windowMs: 40, maxSize: 10, scheduler }, run);
    const answers = [gather('a', 1), gather('a', 2)];
    await jest.advanceTimersByTimeAsync(60_000);
    expect(flights).toHaveLength(0);
    expect(scheduler.armedMs).toEqual([40]);
    const third = gather('a', 3);
    scheduler.endWindows();
    expect(flights.map((f) => f.items)).toEqual([[1, 2, 3]]);
    await land(0);
    await expect(Promise.all([...answers, third])).resolves.toEqual(['a:1', 'a:2', 'a:3']);
    expect(scheduler.pending()).toBe(0);
  });

  it('cancels the window of a batch that filled up before it ended', async () => {
    const { flights, run } = heldRunner();
    const scheduler = manualScheduler();
    const gather = gathering({ windowMs: 40, maxSize: 2, scheduler }, run);
    void gather('a', 1);
    expect(scheduler.pending()).toBe(1);
    void gather('a', 2);
    expect(flights.map((f) => f.items)).toEqual([[1, 2]]);
    expect(scheduler.pending()).toBe(0);
  });

  it('refuses a batch size below one', () => {
    expect(() => gathering({ windowMs: 1, maxSize: 0 }, async () => [])).toThrow(RangeError);
  });
});
