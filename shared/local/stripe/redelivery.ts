/**
 * @module stripe/redelivery
 * Stripe does not give up on an event its endpoint refused or could not be reached for: it
 * sends it again, signed anew, with an exponential back-off for up to three days in live mode
 * (https://docs.stripe.com/webhooks, automatic retries). The local Stripe's first attempts
 * take seconds (`deliverWithRetries`); an event still undelivered after them comes here and
 * is sent again in the background, on a back-off that grows to a minute, until its endpoint
 * answers 2xx or three days of the local clock have passed. Without it an event sent while a
 * function's clock or process was out of step would be lost, which Stripe never does.
 *
 * `pending` is what a watcher waits on before calling the runtime quiet (`/_local/health`).
 */
import type { Clock } from '../../ports';
import { log } from '../../log';

export interface RedeliveryOptions {
  firstWaitMs: number;
  longestWaitMs: number;
  /** How long Stripe goes on trying, by the local clock. */
  forMs: number;
}

const asStripeDoesLater: RedeliveryOptions = { firstWaitMs: 2_000, longestWaitMs: 60_000, forMs: 3 * 24 * 3_600_000 };

/** One undelivered event: how to send it once more, and what to do once its endpoint took it. */
export interface Undelivered {
  eventId: string;
  type: string;
  send: () => Promise<Response>;
  delivered: (status: number) => Promise<void> | void;
}

export class StripeRedelivery {
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly options: RedeliveryOptions = asStripeDoesLater,
  ) {}

  /** Events sent and not yet answered 2xx. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Sends `event` again later, and again, until it is taken or Stripe would have given up. */
  later(event: Undelivered): void {
    if (this.stopped || this.waiting.has(event.eventId)) return;
    const giveUpAtMs = this.clock.now().getTime() + this.options.forMs;
    const attempt = (n: number) => {
      const waitMs = Math.min(this.options.longestWaitMs, this.options.firstWaitMs * 2 ** n);
      const timer = setTimeout(() => void this.tryOnce(event, n, giveUpAtMs, attempt), waitMs);
      timer.unref();
      this.waiting.set(event.eventId, timer);
    };
    attempt(0);
  }

  /** The runtime is closing: nothing more is sent (a kept event is sent by the next runtime). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }

  private async tryOnce(event: Undelivered, n: number, giveUpAtMs: number, again: (n: number) => void): Promise<void> {
    if (this.stopped) return;
    const status = await event
      .send()
      .then(async (response) => {
        await response.arrayBuffer().catch(() => undefined);
        return response.status;
      })
      .catch(() => 0);
    if (this.stopped) return;
    if (status >= 200 && status < 300) {
      this.waiting.delete(event.eventId);
      await event.delivered(status);
      return;
    }
    if (this.clock.now().getTime() >= giveUpAtMs) {
      this.waiting.delete(event.eventId);
      log.error('the local Stripe gave up on an event, as Stripe does after three days', { eventId: event.eventId, type: event.type, status });
      return;
    }
    again(n + 1);
  }
}
