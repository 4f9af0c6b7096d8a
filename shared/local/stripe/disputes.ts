/**
 * @module stripe/disputes
 * How the local Stripe makes and settles a dispute, as Stripe does: opening one withdraws the
 * disputed amount and Stripe's dispute fee from the platform's balance (one balance
 * transaction); winning reinstates the amount but, since Stripe's pricing change of
 * 2025-06-17, not the fee; losing leaves both withdrawn. Evidence is staged (visible) until
 * submitted, once, after which the dispute is under review. An inquiry (`warning_*`) withdraws
 * nothing: it closes (`warning_closed`) or the bank escalates it into a chargeback on the same
 * object; after it closed, a chargeback on the charge is a new dispute. Each balance transaction
 * is also kept in the platform's ledger (ledger.ts).
 */
import type { DisputeEvidence, Transaction } from '../../ports';
import { PaymentRefused } from '../../errors';
import { collections, docIn, newId, type LocalBalanceTransaction, type LocalCharge, type LocalDispute } from './objects';
import { balanceTransaction, keepBalanceTransactions } from './ledger';
import { nextSequence } from './money-moves';

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

/** Whether the dispute is an inquiry (`warning_*`): nothing withdrawn, closed with `warning_closed` or escalated. */
export const isInquiry = (dispute: LocalDispute): boolean => dispute.status.startsWith('warning_');

/** A chargeback's or an inquiry's last word. */
const finalStatuses: ReadonlySet<LocalDispute['status']> = new Set(['won', 'lost', 'warning_closed']);
export const isClosed = (dispute: LocalDispute): boolean => finalStatuses.has(dispute.status);

/** What opening a chargeback (or escalating an inquiry into one) takes from the platform's balance: the amount and Stripe's fee. */
function withdrawal(dispute: Pick<LocalDispute, 'id' | 'amount' | 'currency' | 'charge'>, now: number): LocalBalanceTransaction {
  return balanceTransaction({
    type: 'adjustment',
    category: 'dispute',
    amount: -dispute.amount,
    currency: dispute.currency,
    source: dispute.id,
    description: `Chargeback withdrawal for ${dispute.charge}`,
    now,
    fee: { amount: disputeFeeFor(dispute.currency), description: 'Dispute fee' },
  });
}

/**
 * A dispute just opened on a charge: a chargeback with the funds and the fee already withdrawn,
 * or an inquiry (`warning_needs_response`) that withdraws nothing and leaves the charge refundable.
 */
export function openedDispute(
  charge: LocalCharge,
  request: { reason: string; amountCents: number; dueBy: number; inquiry?: boolean },
  now: number,
): LocalDispute {
  const id = newId('dp');
  const inquiry = request.inquiry === true;
  const base = { id, amount: request.amountCents, currency: charge.currency, charge: charge.id };
  return {
    ...base,
    object: 'dispute',
    payment_intent: charge.payment_intent,
    reason: request.reason,
    status: inquiry ? 'warning_needs_response' : 'needs_response',
    created: now,
    evidence: Object.fromEntries(evidenceFields.map((f) => [f, null])),
    evidence_details: {
      due_by: request.dueBy,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    balance_transactions: inquiry ? [] : [withdrawal(base, now)],
    is_charge_refundable: inquiry,
    livemode: false,
    metadata: {},
    enhanced_eligibility_types: [],
    intended_submission_method: null,
  };
}

/** An inquiry the bank turns into a chargeback, on the same object: the amount and the fee are withdrawn now, with a new deadline. */
export function escalatedDispute(dispute: LocalDispute, dueBy: number, now: number): LocalDispute {
  return {
    ...dispute,
    status: 'needs_response',
    is_charge_refundable: false,
    evidence_details: { ...dispute.evidence_details, due_by: dueBy, past_due: false },
    balance_transactions: [...dispute.balance_transactions, withdrawal(dispute, now)],
  };
}

/** The dispute closed: won reinstates the amount (the fee stays Stripe's); lost changes no money; an inquiry's close moved none. */
export function closedDispute(dispute: LocalDispute, status: 'won' | 'lost' | 'warning_closed', now: number): LocalDispute {
  const reinstated =
    status === 'won'
      ? [
          balanceTransaction({
            type: 'adjustment',
            category: 'dispute_reversal',
            amount: dispute.amount,
            currency: dispute.currency,
            source: dispute.id,
            description: `Chargeback reversal for ${dispute.charge}`,
            now,
          }),
        ]
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
    status: submit ? (isInquiry(dispute) ? 'warning_under_review' : 'under_review') : dispute.status,
    evidence_details: {
      ...details,
      has_evidence: true,
      submission_count: details.submission_count + (submit ? 1 : 0),
      submission_method: submit ? 'manual' : details.submission_method,
    },
  };
}

/**
 * A dispute opened on a paid charge: the disputed amount is all that was not refunded unless
 * another is asked (up to the whole charge: a bank may dispute a refunded one); the charge is marked disputed. A charge holds one dispute at a time: while
 * one is open, or once a chargeback was decided, it is the one answered (unchanged); after an
 * inquiry closed, the bank's next dispute is a new object, as Stripe makes it.
 */
export async function openDisputeIn(
  tx: Transaction,
  chargeId: string,
  request: { reason: string; amountCents?: number; dueInHours?: number; inquiry?: boolean },
  now: number,
): Promise<DisputeStep> {
  const path = docIn(collections.charges, chargeId);
  const stored = await tx.get(path);
  if (!stored) return { result: 'unknown' };
  const earlier = await tx.query(collections.disputes, { where: [['stripe.charge', '==', chargeId]] });
  const standing = earlier.map((row) => row.data.stripe).find((d) => d.status !== 'warning_closed');
  if (standing) return { result: 'unchanged', object: standing };
  const left = stored.stripe.amount - stored.stripe.amount_refunded;
  // The bank may dispute more than is left, up to the whole charge, refunds or not (Stripe's support: "a payment can
  // sometimes be disputed for the full amount even if a partial refund has already been issued"); by default, what is left.
  const amountCents = request.amountCents !== undefined ? Math.min(request.amountCents, stored.stripe.amount) : left;
  if (amountCents <= 0) throw new PaymentRefused(`charge ${chargeId} was refunded in full: there is nothing to dispute`);
  const dueBy = now + Math.round((request.dueInHours ?? 7 * 24) * 3600);
  const dispute = openedDispute(stored.stripe, { reason: request.reason, amountCents, dueBy, ...(request.inquiry ? { inquiry: true } : {}) }, now);
  const sequence = await nextSequence(tx);
  tx.set(docIn(collections.disputes, dispute.id), { stripe: dispute, sequence });
  keepBalanceTransactions(tx, sequence, ...dispute.balance_transactions);
  tx.update(path, { 'stripe.disputed': true });
  return { result: 'changed', object: dispute };
}

/**
 * The bank's decision on an open dispute (a closed one is unchanged): `won` or `lost` for a
 * chargeback, `warning_closed` for an inquiry; any other pairing is refused. The close takes a
 * place in the creation sequence (`closedSequence`), so an auditor can tell which transfers were
 * made while it was open: Stripe's dispute keeps no close time of its own.
 */
export async function closeDisputeIn(tx: Transaction, disputeId: string, status: 'won' | 'lost' | 'warning_closed', now: number): Promise<DisputeStep> {
  const path = docIn(collections.disputes, disputeId);
  const stored = await tx.get(path);
  if (!stored) return { result: 'unknown' };
  if (isClosed(stored.stripe)) return { result: 'unchanged', object: stored.stripe };
  if (isInquiry(stored.stripe) !== (status === 'warning_closed'))
    throw new PaymentRefused(
      isInquiry(stored.stripe)
        ? `dispute ${disputeId} is an inquiry: it closes as warning_closed, or escalates into a chargeback first`
        : `dispute ${disputeId} is a chargeback: it closes as won or lost`,
    );
  const dispute = closedDispute(stored.stripe, status, now);
  const closedSequence = await nextSequence(tx);
  tx.set(path, { ...stored, stripe: dispute, closedSequence });
  keepBalanceTransactions(tx, closedSequence, ...dispute.balance_transactions.slice(stored.stripe.balance_transactions.length));
  return { result: 'changed', object: dispute };
}

/** An open inquiry becomes a chargeback (unchanged when it already is one or is closed). */
export async function escalateDisputeIn(tx: Transaction, disputeId: string, request: { dueInHours?: number }, now: number): Promise<DisputeStep> {
  const path = docIn(collections.disputes, disputeId);
  const stored = await tx.get(path);
  if (!stored) return { result: 'unknown' };
  if (!isInquiry(stored.stripe) || isClosed(stored.stripe)) return { result: 'unchanged', object: stored.stripe };
  const dispute = escalatedDispute(stored.stripe, now + Math.round((request.dueInHours ?? 7 * 24) * 3600), now);
  const sequence = await nextSequence(tx);
  tx.set(path, { ...stored, stripe: dispute });
  keepBalanceTransactions(tx, sequence, ...dispute.balance_transactions.slice(stored.stripe.balance_transactions.length));
  return { result: 'changed', object: dispute };
}

/** What the platform's balance lost to a dispute so far: amount and fees withdrawn, less what was reinstated. */
export const disputeNetCents = (dispute: LocalDispute): number => -dispute.balance_transactions.reduce((sum, t) => sum + t.net, 0);

/** Stripe's refusal of a refund of a charged-back charge: its `charge_disputed`, word for word. */
export type ChargedBack = { message: string; code: 'charge_disputed' };

/**
 * Why Stripe refuses to refund this charge, if it does: it was charged back and the dispute
 * is not won (the bank is deciding, or already gave the buyer the money), so a refund too
 * would pay the buyer twice. An inquiry (`warning_*`) withdrew nothing, and refunding is how
 * one is settled (its `is_charge_refundable` is true); a won chargeback gave the money back to
 * the platform, so the charge is refundable again.
 */
export async function chargedBackRefusal(tx: Transaction, chargeId: string): Promise<ChargedBack | undefined> {
  const found = await tx.query(collections.disputes, { where: [['stripe.charge', '==', chargeId]] });
  const chargeback = found.map((row) => row.data.stripe).find((d) => !isInquiry(d) && d.status !== 'won');
  if (!chargeback) return undefined;
  return { message: `Charge ${chargeId} has been charged back; cannot issue a refund.`, code: 'charge_disputed' };
}
