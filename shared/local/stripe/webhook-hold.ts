/**
 * @module stripe/webhook-hold
 * A test's switch on the local Stripe: its webhook events held back until a moment of the local
 * clock (`POST /_local/stripe/webhooks/hold`). Stripe's own delivery lags whenever its queue
 * backs up or an endpoint was slow, and an event may arrive hours after its `created`
 * (https://docs.stripe.com/webhooks, event delivery behaviours: no order, retries for days).
 * An event made while held is sent once the hold ends, signed then, its `created` still the
 * moment it happened; nothing else of the local Stripe changes. Off unless asked.
 *
 * A hold may be for one kind of event only (`kind=groupbuy`: the events whose object is a group
 * buy's, its metadata's `kind` `groupbuy-…`: its pledges' setup sessions and intents, its orders'
 * payments), so a backlog at one close does not also hold every other payment back.
 */
import type { Clock } from '../../ports';

export const webhookHoldKinds = ['groupbuy'] as const;
/** What a hold holds: every event, or one kind's. */
export type WebhookHoldKind = (typeof webhookHoldKinds)[number];

export class WebhookHold {
  private readonly untilMs = new Map<WebhookHoldKind | 'all', number>();

  constructor(private readonly clock: Clock) {}

  /** Holds every event (or one kind's) until `untilMs` of the local clock (a later hold extends, an earlier one changes nothing). */
  holdUntil(untilMs: number, kind: WebhookHoldKind | 'all' = 'all'): void {
    this.untilMs.set(kind, Math.max(this.untilMs.get(kind) ?? 0, untilMs));
  }

  /** Whether an event about this object is held now. */
  holds(object: { metadata?: unknown }): boolean {
    const now = this.clock.now().getTime();
    if (now < (this.untilMs.get('all') ?? 0)) return true;
    return now < (this.untilMs.get('groupbuy') ?? 0) && isGroupBuys(object);
  }

  /** Whether any hold is on. */
  get holding(): boolean {
    const now = this.clock.now().getTime();
    return [...this.untilMs.values()].some((until) => now < until);
  }

  /** When the last hold on now ends. */
  get heldUntil(): string | undefined {
    const now = this.clock.now().getTime();
    const until = Math.max(0, ...[...this.untilMs.values()].filter((ms) => now < ms));
    return until > 0 ? new Date(until).toISOString() : undefined;
  }
}

const isGroupBuys = (object: { metadata?: unknown }): boolean => {
  const kind = (object.metadata as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === 'string' && kind.startsWith('groupbuy-');
};

export const isWebhookHoldKind = (value: unknown): value is WebhookHoldKind => webhookHoldKinds.some((k) => k === value);
