/**
 * @module stripe-dispute
 * A `charge.dispute.*` event read into the fact the disputes module acts on: the dispute as
 * this event saw it. Stripe's raw shapes stay in payments, which owns the Stripe ingress.
 */
import { idOf, stripeEventEffects, type StripeEvent } from './stripe-event';

/**
 * A `charge.dispute.*` event as the disputes module takes it: the event's id (each is acted on
 * once) and the dispute it carries, or none when it is not shaped like one.
 */
export interface DisputeFact {
  eventId: string;
  seen: SeenDispute | undefined;
}

/** The dispute fact of an event, or undefined when the event is not about a dispute (it is payments' own). */
export function disputeFactOf(event: StripeEvent): DisputeFact | undefined {
  if (!Object.hasOwn(stripeEventEffects, event.type)) return undefined;
  if (stripeEventEffects[event.type as keyof typeof stripeEventEffects] !== 'charge-disputed') return undefined;
  return { eventId: event.id, seen: parseDispute(event.data.object, event.created) };
}

/** The dispute as an event carries it: the fields C500 reads. */
export interface SeenDispute {
  disputeId: string;
  chargeId: string;
  paymentIntentId?: string;
  amountCents: number;
  currency: string;
  reason: string;
  /** Stripe's status: `needs_response`, `under_review`, `won`, `lost`, the `warning_*` of an inquiry… */
  status: string;
  /** Unix seconds (`evidence_details.due_by`). */
  dueBy?: number;
  /** Balance transactions by id: what left the platform's balance (negative) or came back, and Stripe's fee. */
  balance: Record<string, { amountCents: number; feeCents: number }>;
  /** The event's `created` (Unix seconds): which of two views is the later. */
  seenAt: number;
}

/** The dispute in a `charge.dispute.*` event, or undefined when it is not shaped like one. */
export function parseDispute(object: Record<string, unknown>, created: number): SeenDispute | undefined {
  const { id, charge, payment_intent: intent, amount, currency, reason, status } = object;
  const chargeId = idOf(charge);
  if (typeof id !== 'string' || !id.startsWith('dp_') || !chargeId || typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0)
    return undefined;
  if (typeof currency !== 'string' || typeof status !== 'string') return undefined;
  const dueBy = (object.evidence_details as { due_by?: unknown } | null | undefined)?.due_by;
  const balance: SeenDispute['balance'] = {};
  for (const t of Array.isArray(object.balance_transactions) ? (object.balance_transactions as unknown[]) : []) {
    const { id: txId, amount: txAmount, fee } = (t ?? {}) as Record<string, unknown>;
    if (typeof txId === 'string' && typeof txAmount === 'number' && typeof fee === 'number') balance[txId] = { amountCents: txAmount, feeCents: fee };
  }
  const paymentIntentId = idOf(intent);
  return {
    disputeId: id,
    chargeId,
    ...(paymentIntentId ? { paymentIntentId } : {}),
    amountCents: amount,
    currency,
    reason: typeof reason === 'string' ? reason.slice(0, 60) : 'general',
    status,
    ...(typeof dueBy === 'number' && Number.isFinite(dueBy) ? { dueBy } : {}),
    balance,
    seenAt: created,
  };
}
