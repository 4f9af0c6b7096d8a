/**
 * @module tally-buffer
 * The show page's tally, gathered in the process and sent to Redis at most once a second:
 * counting each answered bid with its own script call would add a round trip and three
 * commands to every bid, where the herd is and where Upstash counts every command. A
 * process that stops loses at most its last second's counts, and the page says the counts
 * are the book's, not the ledger's.
 */
import { log } from '../../log';
import { minuteOf } from '../../ports';

type Counts = Readonly<Record<string, number>>;

/** Sends one server-minute's gathered counts to Redis. */
export type SendTally = (guildId: string, minuteMs: number, counts: Counts) => Promise<void>;

export interface TallyBuffer {
  /** Adds a bid's counts to its server's minute; sent with the others within `everyMs`. */
  add(guildId: string, atMs: number, counts: Counts): void;
  /** Sends what is gathered now (before a read, so a process reads its own counts). */
  flush(): Promise<void>;
}

export function tallyBuffer(send: SendTally, everyMs = 1_000): TallyBuffer {
  let pending = new Map<string, { guildId: string; minuteMs: number; counts: Record<string, number> }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const due = [...pending.values()];
    pending = new Map();
    for (const { guildId, minuteMs, counts } of due) {
      try {
        await send(guildId, minuteMs, counts);
      } catch (error) {
        // Never a bid's failure: the page shows a minute short, and the log says by how much.
        log.warn('a minute’s bid tally was not counted', { event: 'bid.tally-lost', guildId, minuteMs, counts, error });
      }
    }
  };
  return {
    add(guildId, atMs, counts) {
      const minuteMs = minuteOf(atMs);
      const key = `${guildId}:${minuteMs}`;
      const gathered = pending.get(key) ?? { guildId, minuteMs, counts: {} };
      for (const [name, n] of Object.entries(counts)) gathered.counts[name] = (gathered.counts[name] ?? 0) + n;
      pending.set(key, gathered);
      // unref: a tally never keeps a process (or a test) alive.
      timer ??= setTimeout(() => void flush(), everyMs).unref();
    },
    flush,
  };
}
