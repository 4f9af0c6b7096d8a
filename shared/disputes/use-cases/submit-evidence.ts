/**
 * @module submit-evidence
 * A dispute's evidence: staged with Stripe as soon as the dispute is seen (visible in the
 * dashboard, changeable), and submitted to the bank by a Cloud Task a day before it is due
 * (or at once when that is sooner), with the builder's note if they added one. What is sent
 * is fixed on the record before Stripe is asked, so a retry after a lost answer sends the
 * very same under the same key. The task checks it is due, and an early or repeated call
 * changes nothing.
 */
import type { Clock, DiscordMessenger, DisputeEvidence, DocumentStore, Payments, TaskQueue } from '../../ports';
import { orderPath, type Order } from '../../orders';
import { runOnce, scheduleTask } from '../../common';
import { tellOnce } from '../../discord';
import { PaymentRefused, TaskNotDueYet } from '../../errors';
import { log } from '../../log';
import { disputePath, submissionAtMs, type Dispute } from '../rules/dispute';
import { buildEvidence, withoutAddress } from '../rules/evidence';
import { disputeDms } from '../rules/dispute-messages';

/** What the evidence's steps need (the task function is handed no more). */
export interface EvidenceDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  clock: Clock;
}

export type EvidenceTask = { disputeId: string };

export function scheduleSubmission(tasks: TaskQueue, dispute: Pick<Dispute, 'disputeId' | 'dueBy'>, nowMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'disputeEvidence', {
    name: `dispute-evidence-${dispute.disputeId}`,
    payload: { disputeId: dispute.disputeId } satisfies EvidenceTask,
    atMs: submissionAtMs(dispute.dueBy, nowMs),
  });
}

/** Only the shape `scheduleSubmission` writes. */
export function parseEvidenceTask(payload: unknown): EvidenceTask | undefined {
  const { disputeId, ...rest } = (payload ?? {}) as Record<string, unknown>;
  return typeof disputeId === 'string' && /^dp_[A-Za-z0-9_]{1,100}$/.test(disputeId) && Object.keys(rest).length === 0 ? { disputeId } : undefined;
}

/** Staged once, at once: what the builder and an admin can see in Stripe while the note may still change. */
export async function stageEvidence(deps: EvidenceDeps, disputeId: string): Promise<void> {
  const evidence = await fixEvidence(deps, disputeId, 'staged');
  if (!evidence) return;
  await runOnce(deps.store, `dispute-staged:${disputeId}`, async () => void (await send(deps, disputeId, evidence, false)), { clock: deps.clock });
}

/** The task: answers whether the evidence went to the bank now. */
export async function submitEvidence(deps: EvidenceDeps, task: EvidenceTask): Promise<boolean> {
  const dispute = await deps.store.get(disputePath(task.disputeId));
  if (!dispute || dispute.state !== 'open' || dispute.submittedAt) return false;
  const dueAtMs = submissionAtMs(dispute.dueBy, 0);
  if (deps.clock.now().getTime() < dueAtMs) throw new TaskNotDueYet(dueAtMs);
  const evidence = await fixEvidence(deps, task.disputeId, 'submitting');
  if (!evidence || !(await send(deps, task.disputeId, evidence, true))) return false;
  const submitted = await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(disputePath(task.disputeId));
    if (!current) return undefined;
    if (!current.submittedAt) tx.update(disputePath(task.disputeId), { submittedAt: deps.clock.now().toISOString(), ...keptWithoutAddress(current) });
    return current;
  });
  if (submitted?.builderId) await tellOnce(deps, `dispute-submitted:${task.disputeId}`, submitted.builderId, disputeDms.submitted(submitted));
  return true;
}

/** The evidence for one step, built from the orders and the note and kept on the record the first time. */
async function fixEvidence(deps: EvidenceDeps, disputeId: string, step: 'staged' | 'submitting'): Promise<DisputeEvidence | undefined> {
  return deps.store.runTransaction(async (tx) => {
    const dispute = await tx.get(disputePath(disputeId));
    if (!dispute || dispute.state !== 'open') return undefined;
    const kept = dispute[step];
    if (kept) return kept;
    const orders = (await Promise.all(dispute.orderIds.map((id) => tx.get(orderPath(id))))).filter((o): o is Order => o !== undefined);
    const evidence = buildEvidence(orders, dispute.note?.text);
    tx.update(disputePath(disputeId), step === 'staged' ? { staged: evidence } : { submitting: evidence });
    return evidence;
  });
}

/** Keyed by the dispute and the step: a retry sends the same evidence under the same key. A refusal (closed meanwhile) is final. */
async function send(deps: EvidenceDeps, disputeId: string, evidence: DisputeEvidence, submit: boolean): Promise<boolean> {
  try {
    await deps.payments.updateDispute({ idempotencyKey: `dispute-${submit ? 'submit' : 'stage'}:${disputeId}`, disputeId, evidence, submit });
    return true;
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    log.warn('Stripe refused the dispute’s evidence', { disputeId, submit, error });
    return false;
  }
}

/** The record's copies of the evidence, the buyer's address left out: nothing is sent again once submitted or closed. */
export function keptWithoutAddress(dispute: Pick<Dispute, 'staged' | 'submitting'>): Pick<Dispute, 'staged' | 'submitting'> {
  const staged = withoutAddress(dispute.staged);
  const submitting = withoutAddress(dispute.submitting);
  return { ...(staged ? { staged } : {}), ...(submitting ? { submitting } : {}) };
}
