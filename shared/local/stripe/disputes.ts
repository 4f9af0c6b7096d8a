/**
 * @module stripe/disputes
 * How the local Stripe makes and settles a dispute, as Stripe does: opening one withdraws the
 * disputed amount and Stripe's dispute fee from the platform's balance (one balance
 * transaction); winning reinstates the amount but, since Stripe's pricing change of
 * 2025-06-17, not the fee; losing leaves both withdrawn. Evidence is staged (visible) until
 * submitted, once, after which the dispute is under review.
 */
import type { DisputeEvidence, Transaction } from '../../ports';
import { PaymentRefused } from '../../errors';
import { collections, docIn, newId, sequencePath, type LocalBalanceTransaction, type LocalCharge, type LocalDispute } from './objects';

/** A dispute step inside the simulator's transaction (world.ts sends its events once it committed). */
export type DisputeStep = { result: 'changed' | 'unchanged'; object: LocalDispute } | { result: 'unknown' };

/** Stripe's dispute fee by currency, in minor units ($15.00, or the local equivalent); $15 for any other. */
const disputeFees: Readonly<Record<string, number>> = { usd: 1500, cad: 1500, eur: 2000, gbp: 2000, aud: 2500, jpy: 2000 };
export const disputeFeeFor = (currency: string): number => disputeFees[currency] ?? 1500;

/** Stripe's reason codes (Dispute `reason`). */
export const disputeReasons = [
  'bank_cannot_process',
  'check_returned',
  'credit_not_processed',
  'customer_initiated',
  'debit_not_authorized',
  'duplicate',
  'fraudulent',
  'general',
  'incorrect_account_details',
  'insufficient_funds',
  'noncompliant',
  'product_not_received',
  'product_unacceptable',
  'subscription_canceled',
  'unrecognized',
] as const;

export const evidenceFields = [
  'product_description',
  'customer_name',
  'shipping_address',
  'shipping_carrier',
  'shipping_tracking_number',
  'shipping_date',
  'service_date',
  'uncategorized_text',
] as const satisfies ReadonlyArray<keyof DisputeEvidence>;

/** A dispute just opened on a charge: the funds and the fee already withdrawn. */
export function openedDispute(charge: LocalCharge, request: { reason: string; amountCents: number; dueBy: number }, now: number): LocalDispute {
  const id = newId('dp');
  const fee = disputeFeeFor(charge.currency);
  return {
    id,
    object: 'dispute',
    amount: request.amountCents,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    reason: request.reason,
    status: 'needs_response',
    created: now,
    evidence: Object.fromEntries(evidenceFields.map((f) => [f, null])),
    evidence_details: { due_by: request.dueBy, has_evidence: false, past_due: false, submission_count: 0 },
    balance_transactions: [balanceTransaction(id, charge.currency, -request.amountCents, fee, 'dispute', `Chargeback withdrawal for ${charge.id}`, now)],
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
  };
}

/** The dispute closed: won reinstates the amount (the fee stays Stripe's); lost changes no money. */
export function closedDispute(dispute: LocalDispute, status: 'won' | 'lost', now: number): LocalDispute {
  const reinstated =
    status === 'won'
      ? [balanceTransaction(dispute.id, dispute.currency, dispute.amount, 0, 'dispute_reversal', `Chargeback reversal for ${dispute.charge}`, now)]
      : [];
  return { ...dispute, status, balance_transactions: [...dispute.balance_transactions, ...reinstated] };
}

/** Evidence given: non-empty fields replace what was staged; a submission sends it all for review. */
export function withEvidence(dispute: LocalDispute, evidence: DisputeEvidence, submit: boolean): LocalDispute {
  const given = Object.fromEntries(Object.entries(evidence).filter(([, v]) => typeof v === 'string' && v !== ''));
  const details = dispute.evidence_details;
  return {
    ...dispute,
    evidence: { ...dispute.evidence, ...given },
    status: submit ? 'under_review' : dispute.status,
    evidence_details: { ...details, has_evidence: true, submission_count: details.submission_count + (submit ? 1 : 0) },
  };
}

/**
 * A dispute opened on a paid charge (one per charge, as Stripe has it): the disputed amount
 * is all that was not refunded unless less is asked; the charge is marked disputed.
 */
export async function openDisputeIn(
  tx: Transaction,
  chargeId: string,
  request: { reason: string; amountCents?: number; dueInHours?: number },
  now: number,
): Promise<DisputeStep> {
  const path = docIn(collections.charges, chargeId);
  const stored = await tx.get(path);
  if (!stored) return { result: 'unknown' };
  const existing = (await tx.query(collections.disputes, { where: [['stripe.charge', '==', chargeId]], limit: 1 }))[0];
  if (existing) return { result: 'unchanged', object: existing.data.stripe };
  const left = stored.stripe.amount - stored.stripe.amount_refunded;
  const amountCents = Math.min(request.amountCents ?? left, left);
  if (amountCents <= 0) throw new PaymentRefused(`charge ${chargeId} was refunded in full: there is nothing to dispute`);
  const dueBy = now + Math.round((request.dueInHours ?? 7 * 24) * 3600);
  const dispute = openedDispute(stored.stripe, { reason: request.reason, amountCents, dueBy }, now);
  const sequence = ((await tx.get(sequencePath))?.value ?? 0) + 1;
  tx.set(sequencePath, { value: sequence });
  tx.set(docIn(collections.disputes, dispute.id), { stripe: dispute, sequence });
  tx.update(path, { 'stripe.disputed': true });
  return { result: 'changed', object: dispute };
}

/**
 * The bank's decision on an open dispute (a closed one is unchanged). The close takes a place
 * in the creation sequence (`closedSequence`), so an auditor can tell which transfers were
 * made while it was open: Stripe's dispute keeps no close time of its own.
 */
export async function closeDisputeIn(tx: Transaction, disputeId: string, status: 'won' | 'lost', now: number): Promise<DisputeStep> {
  const path = docIn(collections.disputes, disputeId);
  const stored = await tx.get(path);
  if (!stored) return { result: 'unknown' };
  if (stored.stripe.status === 'won' || stored.stripe.status === 'lost') return { result: 'unchanged', object: stored.stripe };
  const dispute = closedDispute(stored.stripe, status, now);
  const closedSequence = ((await tx.get(sequencePath))?.value ?? 0) + 1;
  tx.set(sequencePath, { value: closedSequence });
  tx.set(path, { ...stored, stripe: dispute, closedSequence });
  return { result: 'changed', object: dispute };
}

/** What the platform's balance lost to a dispute so far: amount and fees withdrawn, less what was reinstated. */
export const disputeNetCents = (dispute: LocalDispute): number => -dispute.balance_transactions.reduce((sum, t) => sum + t.net, 0);

function balanceTransaction(
  source: string,
  currency: string,
  amount: number,
  fee: number,
  category: LocalBalanceTransaction['reporting_category'],
  description: string,
  now: number,
): LocalBalanceTransaction {
  return {
    id: newId('txn'),
    object: 'balance_transaction',
    amount,
    fee,
    net: amount - fee,
    currency,
    type: 'adjustment',
    reporting_category: category,
    description,
    source,
    created: now,
    fee_details: fee > 0 ? [{ amount: fee, currency, description: 'Dispute fee', type: 'stripe_fee' }] : [],
  };
}

/**
 * Why Stripe refuses to refund this charge, if it does: it was charged back and the dispute
 * is not won (the bank is deciding, or already gave the buyer the money), so a refund too
 * would pay the buyer twice. Stripe's `charge_disputed`.
 */
export async function chargedBackRefusal(tx: Transaction, chargeId: string): Promise<string | undefined> {
  const found = await tx.query(collections.disputes, { where: [['stripe.charge', '==', chargeId]], limit: 1 });
  const status = found[0]?.data.stripe.status;
  if (status === undefined || status === 'won') return undefined;
  return `Charge ${chargeId} has been charged back; cannot issue a refund while its dispute is ${status}.`;
}
