/**
 * @module shared-reads
 * One read at a time per key in an instance, shared by every caller that arrives while it is on
 * its way: they share the next read, which leaves when the one in flight comes back. So each
 * caller's answer was read after it arrived (never an older one), and a herd of callers costs
 * at most one read per round trip, not one each. Chat's final-call check uses it: in a lot's last
 * seconds every chat bid asks the book whether the sealed final call has begun (place-chat-bid).
 */
interface InFlight<T> {
  running: Promise<T>;
  /** The read those who arrived while `running` was on its way will share; none yet. */
  next: Promise<T> | undefined;
}

export class SharedReads<T> {
  private readonly keys = new Map<string, InFlight<T>>();

  read(key: string, load: () => Promise<T>): Promise<T> {
    const current = this.keys.get(key);
    if (!current) {
      const running = load();
      const entry: InFlight<T> = { running, next: undefined };
      this.keys.set(key, entry);
      this.forgetWhenIdle(key, entry, running);
      return running;
    }
    // The read in flight may have left before this caller arrived: it waits for the next one.
    current.next ??= current.running.then(settled, settled).then(() => {
      current.next = undefined;
      const running = load();
      current.running = running;
      this.forgetWhenIdle(key, current, running);
      return running;
    });
    return current.next;
  }

  /** Keys with a read in flight or waiting; none once every read has come back. */
  get size(): number {
    return this.keys.size;
  }

  /** Forgotten once idle, so the map holds only the keys being read now. */
  private forgetWhenIdle(key: string, entry: InFlight<T>, run: Promise<T>): void {
    void run.then(settled, settled).then(() => {
      if (entry.running === run && entry.next === undefined) this.keys.delete(key);
    });
  }
}

const settled = (): void => undefined;
