/**
 * @module gathering
 * Calls that arrive within a few milliseconds of each other for the same thing (one
 * auction's bids, one chat's lines) sent to Redis together: one script call for the lot,
 * each caller still getting its own answer. Upstash counts and bills each command, so a
 * herd decided in batches costs a fraction of the commands it would one at a time.
 *
 * A group's batch leaves `windowMs` after its first call, or at once when it holds
 * `maxSize`; while a group's batch is in flight, what arrives waits for it to come back (and
 * for the window), so a busier group makes bigger batches instead of more calls. Groups never
 * wait for each other. A batch that fails fails each of its calls with the same error. A window
 * of 0 turns gathering off: each call is a batch of its own, sent at once.
 *
 * Only how many calls share a batch depends on time, never an answer: the runner decides each
 * item as it would alone, so the timers come from a `GatheringScheduler` tests can drive.
 *
 * @example
 * const gather = gathering<Bid, Answer>({ windowMs: 40, maxSize: 64 }, (key, bids) => decideAll(key, bids));
 * const answer = await gather('auction:a1', bid);
 */
export interface GatheringOptions {
  /** How long a batch waits for company after its first call; 0 sends each call alone, at once. */
  windowMs: number;
  /** The most calls one batch takes; a full batch leaves at once. */
  maxSize: number;
  /** Where the windows' timers come from; the process's timers when not given. */
  scheduler?: GatheringScheduler;
}

/** Runs `fire` once `ms` have passed, unless the handle it returns is cancelled first. */
export interface GatheringScheduler {
  after(ms: number, fire: () => void): { cancel(): void };
}

export const processTimers: GatheringScheduler = {
  after(ms, fire) {
    const timer = setTimeout(fire, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Runs one batch: answers in the order of `items`, one each. */
export type BatchRunner<In, Out> = (key: string, items: readonly In[]) => Promise<readonly Out[]>;

interface Waiting<In, Out> {
  item: In;
  resolve(out: Out): void;
  reject(error: unknown): void;
}

interface Group<In, Out> {
  waiting: Waiting<In, Out>[];
  timer: { cancel(): void } | undefined;
  /** The window since the first waiting call has passed. */
  due: boolean;
  inFlight: boolean;
}

export function gathering<In, Out>(options: GatheringOptions, run: BatchRunner<In, Out>): (key: string, item: In) => Promise<Out> {
  if (!(options.maxSize >= 1)) throw new RangeError('a batch takes at least one call');
  if (!(options.windowMs >= 0)) throw new RangeError('a window is 0 milliseconds or more');
  if (options.windowMs === 0) return alone(run);
  const scheduler = options.scheduler ?? processTimers;
  const groups = new Map<string, Group<In, Out>>();

  const send = (key: string, group: Group<In, Out>) => {
    group.timer?.cancel();
    group.timer = undefined;
    group.due = false;
    group.inFlight = true;
    const batch = group.waiting.splice(0, options.maxSize);
    // What is left over starts a window of its own.
    if (group.waiting.length > 0) arm(key, group);
    void settle(
      batch,
      run(
        key,
        batch.map((w) => w.item),
      ),
    ).finally(() => {
      group.inFlight = false;
      if (group.due || group.waiting.length >= options.maxSize) send(key, group);
      else if (group.waiting.length === 0 && group.timer === undefined) groups.delete(key);
    });
  };

  const arm = (key: string, group: Group<In, Out>) => {
    group.timer = scheduler.after(options.windowMs, () => {
      group.timer = undefined;
      group.due = true;
      if (!group.inFlight) send(key, group);
    });
  };

  return (key, item) =>
    new Promise<Out>((resolve, reject) => {
      let group = groups.get(key);
      if (!group) {
        group = { waiting: [], timer: undefined, due: false, inFlight: false };
        groups.set(key, group);
      }
      group.waiting.push({ item, resolve, reject });
      if (group.waiting.length >= options.maxSize && !group.inFlight) send(key, group);
      else if (group.timer === undefined && !group.due) arm(key, group);
    });
}

/** Gathering turned off: each call its own batch, sent as it comes. */
function alone<In, Out>(run: BatchRunner<In, Out>): (key: string, item: In) => Promise<Out> {
  return async (key, item) => {
    const outs = await run(key, [item]);
    if (outs.length !== 1) throw new Error(`a batch of 1 got ${outs.length} answers`);
    return outs[0] as Out;
  };
}

async function settle<In, Out>(batch: readonly Waiting<In, Out>[], answers: Promise<readonly Out[]>): Promise<void> {
  try {
    const outs = await answers;
    if (outs.length !== batch.length) throw new Error(`a batch of ${batch.length} got ${outs.length} answers`);
    batch.forEach((w, i) => w.resolve(outs[i] as Out));
  } catch (error) {
    for (const w of batch) w.reject(error);
  }
}
