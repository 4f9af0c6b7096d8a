/**
 * @module stripe/webhook-hold
 * A test's switch on the local Stripe: its webhook events held back until a moment of the local
 * clock (`POST /_local/stripe/webhooks/hold`). Stripe's own delivery lags whenever its queue
 * backs up or an endpoint was slow, and an event may arrive hours after its `created`
 * (https://docs.stripe.com/webhooks, event delivery behaviours: no order, retries for days).
 * An event made while held is sent once the hold ends, signed then, its `created` still the
 * moment it happened; nothing else of the local Stripe changes. Off unless asked.
 */
import type { Clock } from '../../ports';

export class WebhookHold {
  private untilMs = 0;

  constructor(private readonly clock: Clock) {}

  /** Holds every event until `untilMs` of the local clock (a later hold extends, an earlier one changes nothing). */
  holdUntil(untilMs: number): void {
    this.untilMs = Math.max(this.untilMs, untilMs);
  }

  get holding(): boolean {
    return this.clock.now().getTime() < this.untilMs;
  }

  get heldUntil(): string | undefined {
    return this.holding ? new Date(this.untilMs).toISOString() : undefined;
  }
}
