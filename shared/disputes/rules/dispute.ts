/**
 * @module dispute
 * A chargeback as C500 keeps it, at `disputes/<Stripe dispute id>`: what Stripe last said of
 * it, the orders its charge paid, the money it withdrew and reinstated (with Stripe's fee),
 * and the evidence staged and submitted. Stripe sends `charge.dispute.*` in any order and
 * more than once, each with the dispute as it then stood: `converge` folds any of them into
 * what is kept, so every order of arrival ends in the same record. Payments reads the event
 * into a `SeenDispute` at the Stripe ingress: this module never sees Stripe's raw shapes.
 */
import { collectionPath, docPath } from '../../ports';
import type { DisputeEvidence } from '../../ports';
import type { SeenDispute } from '../../payments';
import { type OrderDisputeState } from '../../orders';

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

/** When the evidence goes in: a day before it is due, or at once when that is sooner. */
export function submissionAtMs(dueBySeconds: number | undefined, nowMs: number): number {
  if (dueBySeconds === undefined) return nowMs;
  return Math.max(nowMs, dueBySeconds * 1000 - 24 * 60 * 60 * 1000);
}
