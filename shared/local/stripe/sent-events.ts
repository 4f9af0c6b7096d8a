/**
 * @module stripe/sent-events
 * The events the local Stripe sent, newest last, as its dashboard's event list shows them
 * (`GET /_local/stripe/events`): their ids find each one's trace (`GET /_local/traces?stripeEvent=`).
 * Kept in memory, the last `max` of them.
 */
export interface SentStripeEvent {
  id: string;
  type: string;
  /** The id of the object the event is about (`cs_…`, `ch_…`, `acct_…`). */
  objectId?: string;
  /** A Connect event's connected account (`acct_…`), as the event names it. */
  account?: string;
  /** Stripe's `created`, in seconds. */
  created: number;
  /** What the webhook answered the last time it was sent (absent while sending, 0 when it could not be reached). */
  status?: number;
}

export class SentStripeEvents {
  private readonly events: SentStripeEvent[] = [];

  constructor(private readonly max = 1_000) {}

  sending(event: Omit<SentStripeEvent, 'status'>): void {
    this.events.push({ ...event });
    if (this.events.length > this.max) this.events.splice(0, this.events.length - this.max);
  }

  answered(id: string, status: number): void {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i] as SentStripeEvent;
      if (event.id !== id) continue;
      event.status = status;
      return;
    }
  }

  list(): SentStripeEvent[] {
    return this.events.map((event) => ({ ...event }));
  }
}
