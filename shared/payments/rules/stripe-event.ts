/**
 * @module stripe-event
 * The parts of a Stripe event the product reads. The ingress verified the signature; this
 * only checks the shape, so a malformed message is acknowledged instead of retried forever.
 */

export interface StripeEvent {
  id: string;
  type: string;
  /** Unix seconds: orders events that Stripe may deliver out of order. */
  created: number;
  data: { object: StripeObject };
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
