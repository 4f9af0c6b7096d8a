/**
 * @module stripe-event
 * The parts of a Stripe event the product reads. The ingress verified the signature; this
 * only checks the shape, so a malformed message is acknowledged instead of retried forever.
 */

/**
 * What each Stripe event the product acts on does. The ingress keeps these types and
 * acknowledges every other; the subscriber has one handler per effect.
 */
export const stripeEventEffects = {
  'checkout.session.completed': 'checkout-paid',
  // A delayed method (a bank debit) completes unpaid, then succeeds or fails days later.
  'checkout.session.async_payment_succeeded': 'checkout-paid',
  'checkout.session.async_payment_failed': 'checkout-failed',
  'checkout.session.expired': 'checkout-lapsed',
  // A refused off-session PaymentIntent its buyer confirmed on session (a group buy's pay page): the order waiting on it is paid.
  'payment_intent.succeeded': 'intent-paid',
  'charge.refunded': 'charge-refunded',
  // A refund that failed after it succeeded (`status: failed`); every other update of a refund changes nothing here.
  'charge.refund.updated': 'refund-failed',
  'account.updated': 'account-updated',
  // A chargeback, in any order and more than once: each event carries the dispute as it then stood (the disputes module converges on the latest).
  'charge.dispute.created': 'charge-disputed',
  'charge.dispute.updated': 'charge-disputed',
  'charge.dispute.closed': 'charge-disputed',
  'charge.dispute.funds_withdrawn': 'charge-disputed',
  'charge.dispute.funds_reinstated': 'charge-disputed',
  // Radar's early fraud warning: the release waits, and by default the order is refunded before the dispute comes.
  'radar.early_fraud_warning.created': 'fraud-warned',
  'radar.early_fraud_warning.updated': 'fraud-warned',
  // The platform's own payouts to its bank: journal entries, each written once whatever order they come in.
  'payout.created': 'platform-payout',
  'payout.paid': 'platform-payout',
  // Connect events: `event.account` names the builder's connected account. `payout.failed` is
  // also the platform's own payout's (no `event.account`): its money back in the journal.
  'account.application.deauthorized': 'account-deauthorized',
  'payout.failed': 'payout-failed',
} as const;
export type HandledStripeEventType = keyof typeof stripeEventEffects;
export type StripeEffect = (typeof stripeEventEffects)[HandledStripeEventType];
export const handledStripeEvents = Object.keys(stripeEventEffects) as HandledStripeEventType[];

export const isHandledStripeEvent = (type: string): type is HandledStripeEventType => Object.hasOwn(stripeEventEffects, type);

/** One event as Stripe sent it, and as the ingress publishes it to `stripe-events`. */
export interface StripeEvent {
  id: string;
  type: string;
  /** Unix seconds: orders events that Stripe may deliver out of order. */
  created: number;
  data: { object: StripeObject };
  [field: string]: unknown;
}

/** What the ingress publishes to `stripe-events`: the whole event, as Stripe sent it. */
export interface StripeEventMessage {
  event: StripeEvent & { type: HandledStripeEventType };
}

export type StripeObject = { [field: string]: unknown; id: string; metadata?: Record<string, string> };

export function parseStripeEvent(payload: unknown): StripeEvent | undefined {
  const event = (payload as { event?: unknown } | null)?.event as Partial<StripeEvent> | undefined;
  if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.created !== 'number') return undefined;
  if (typeof event.data?.object?.id !== 'string') return undefined;
  return event as StripeEvent;
}

export const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A field that Stripe sends as an id or, when expanded, as an object with one. */
export const idOf = (value: unknown): string | undefined => text(value) ?? text((value as { id?: unknown } | null)?.id);
