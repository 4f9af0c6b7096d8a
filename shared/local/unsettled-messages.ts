/**
 * @module unsettled-messages
 * What the runtime knows is in flight on the Pub/Sub emulator: one entry per subscription and
 * message, from the publisher's word (its message id) until its delivery is acknowledged
 * or it arrives dead-lettered. A publisher in another process says so once the emulator has
 * the message, so the emulator's delivery may come first: an acknowledgement for a message not
 * yet heard of is kept, and the publisher's word then opens nothing.
 */
const earlyKeptMs = 5 * 60_000;

export class UnsettledMessages {
  private readonly open = new Set<string>();
  /** How many of `open` each subscription owes, for `/_local/health`. */
  private readonly owed = new Map<string, number>();
  /** Settled before the publisher's word arrived, with when: forgotten after a while (a redelivery of a settled message lands here too). */
  private readonly settledEarly = new Map<string, number>();
  /** Deliveries running for messages not (or no longer) open: a redelivery after the ack. */
  private held = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly now: () => number = Date.now) {}

  get count(): number {
    return this.open.size + this.held;
  }

  owedBy(subscription: string): number {
    return this.owed.get(subscription) ?? 0;
  }

  isOpen(subscription: string, messageId: string): boolean {
    return this.open.has(key(subscription, messageId));
  }

  /** The emulator took the message: each subscription of its topic owes a delivery. */
  published(subscriptions: readonly string[], messageId: string): void {
    for (const subscription of subscriptions) {
      const k = key(subscription, messageId);
      if (this.settledEarly.delete(k) || this.open.has(k)) continue;
      this.open.add(k);
      this.owed.set(subscription, this.owedBy(subscription) + 1);
    }
  }

  /** Acknowledged, or dead-lettered. */
  settle(subscription: string, messageId: string): void {
    const k = key(subscription, messageId);
    if (!this.open.delete(k)) return this.rememberEarly(k);
    this.owed.set(subscription, this.owedBy(subscription) - 1);
    this.wakeIfIdle();
  }

  /** Counts a delivery of a message not open as in flight until the returned function is called. */
  hold(): () => void {
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      this.wakeIfIdle();
    };
  }

  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private rememberEarly(k: string): void {
    const nowMs = this.now();
    this.settledEarly.set(k, nowMs);
    if (this.settledEarly.size < 1_000) return;
    for (const [early, at] of this.settledEarly) if (nowMs - at > earlyKeptMs) this.settledEarly.delete(early);
  }

  private wakeIfIdle(): void {
    if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
  }
}

const key = (subscription: string, messageId: string) => `${subscription}\n${messageId}`;
