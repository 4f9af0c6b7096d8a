/**
 * @module dispute
 * A chargeback as C500 keeps it, at `disputes/<Stripe dispute id>`: what Stripe last said of
 * it, the orders its charge paid, the money it withdrew and reinstated (with Stripe's fee),
 * and the evidence staged and submitted. Stripe sends `charge.dispute.*` in any order and
 * more than once, each with the dispute as it then stood: `converge` folds any of them into
 * what is kept, so every order of arrival ends in the same record.
 */
import { collectionPath, docPath } from '../../ports';
import type { DisputeEvidence } from '../../ports';
import { idOf } from '../../payments';
import { type OrderDisputeState } from '../../orders';

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

export interface Dispute extends SeenDispute {
  state: OrderDisputeState;
  /** What the platform paid Stripe in dispute fees (net of any returned). */
  feeCents: number;
  /** The orders its charge paid (one, or a show checkout's lots); empty when the charge paid none of ours. */
  orderIds: string[];
  guildId?: string;
  builderId?: string;
  buyerId?: string;
  firstSeenAt: string;
  closedAt?: string;
  /** The evidence as first staged, and as fixed for submission (a retry sends the very same under its key). */
  staged?: DisputeEvidence;
  submitting?: DisputeEvidence;
  submittedAt?: string;
  /** The builder's words for the bank (`/c500 dispute note`), until the evidence is submitted. */
  note?: { text: string; byInteraction: string; at: string };
}

export const disputesCollection = collectionPath<Dispute>('disputes');
export const disputePath = (disputeId: string) => docPath<Dispute>(`${disputesCollection}/${disputeId}`);

/** Stripe's statuses, as C500 acts on them: an inquiry closed without a chargeback (`warning_closed`) cost nothing, like a win. */
export function stateOf(status: string): OrderDisputeState {
  if (status === 'lost') return 'lost';
  if (status === 'won' || status === 'warning_closed' || status === 'prevented') return 'won';
  return 'open';
}

/** How far along a status is: a later view of an open dispute never goes back a step. */
const progress = (status: string): number =>
  stateOf(status) !== 'open' ? 9 : ['warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'].indexOf(status) + 1;

/**
 * The record after one more view of the dispute. A closed dispute is final (Stripe never
 * reopens one), so a view older than the close changes nothing but the money it shows; of
 * two open views the later one wins, and at the same second the one further along. Balance
 * transactions are a union by id, so the fee is counted once however often it is seen.
 */
export function converge(kept: Dispute | undefined, seen: SeenDispute, nowIso: string): Dispute {
  const balance = { ...(kept?.balance ?? {}), ...seen.balance };
  const feeCents = Object.values(balance).reduce((sum, t) => sum + t.feeCents, 0);
  if (!kept)
    return {
      ...seen,
      balance,
      feeCents,
      state: stateOf(seen.status),
      orderIds: [],
      firstSeenAt: nowIso,
      ...(stateOf(seen.status) !== 'open' ? { closedAt: nowIso } : {}),
    };
  const newer =
    kept.state === 'open' && (progress(seen.status) > progress(kept.status) || (seen.seenAt > kept.seenAt && progress(seen.status) === progress(kept.status)));
  const view = newer ? { status: seen.status, dueBy: seen.dueBy ?? kept.dueBy, amountCents: seen.amountCents, reason: seen.reason, seenAt: seen.seenAt } : {};
  const state = stateOf(newer ? seen.status : kept.status);
  return { ...kept, ...view, balance, feeCents, state, ...(state !== 'open' && !kept.closedAt ? { closedAt: nowIso } : {}) };
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

/** When the evidence goes in: a day before it is due, or at once when that is sooner. */
export function submissionAtMs(dueBySeconds: number | undefined, nowMs: number): number {
  if (dueBySeconds === undefined) return nowMs;
  return Math.max(nowMs, dueBySeconds * 1000 - 24 * 60 * 60 * 1000);
}
