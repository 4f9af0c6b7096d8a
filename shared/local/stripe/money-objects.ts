/**
 * @module stripe/money-objects
 * The objects that record money moved after a charge, shaped as Stripe's API answers them: a
 * refund (and why one fails), the platform's balance transactions, and a dispute. Kept apart
 * from objects.ts, which re-exports them, so each file stays one reader's size.
 */
/** A refund, ours (`refunds.create`) or the dashboard's (world.ts's refundCharge). */
export type LocalRefund = {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string;
  /** `failed` when the card's bank sent it back after it had succeeded (`failure_reason` says why). */
  status: 'succeeded' | 'failed';
  metadata: Record<string, string>;
  created: number;
  /** Its `refund` balance transaction; a failed one also has the `refund_failure` that returned the money. */
  balance_transaction: string | null;
  failure_balance_transaction?: string;
  failure_reason?: RefundFailureReason;
  reason: null;
  receipt_number: null;
  customer: null;
  customer_account: null;
  payment_method: null;
  source_transfer_reversal: null;
  transfer_reversal: null;
  /** Not Stripe's: the charge's `amount_refunded` in the first answer (its expanded charge), which Stripe replays under the key. */
  charge_refunded_after: number;
};

/** Stripe's reasons a refund that had succeeded fails (Refund `failure_reason`). */
export const refundFailureReasons = [
  'lost_or_stolen_card',
  'expired_or_canceled_card',
  'charge_for_pending_refund_disputed',
  'insufficient_funds',
  'declined',
  'merchant_request',
  'unknown',
] as const;
export type RefundFailureReason = (typeof refundFailureReasons)[number];

/**
 * The types of balance transaction the platform's balance gets with separate charges and
 * transfers (no application fees: the platform keeps its cut by transferring less), its own
 * payouts and their failures, and the fees Stripe bills it (Connect's); a connected account's
 * payouts are written the same way on its own balance.
 */
export type LocalBalanceTransactionType =
  'charge' | 'refund' | 'refund_failure' | 'transfer' | 'transfer_refund' | 'adjustment' | 'payout' | 'payout_failure' | 'stripe_fee';

/** One movement of the platform's balance, as Stripe lists it (`GET /v1/balance_transactions`). */
export type LocalBalanceTransaction = {
  id: string;
  object: 'balance_transaction';
  amount: number;
  available_on: number;
  balance_type: 'payments';
  created: number;
  currency: string;
  description: string | null;
  exchange_rate: null;
  fee: number;
  fee_details: Array<{ amount: number; application: null; currency: string; description: string; type: 'stripe_fee' }>;
  net: number;
  reporting_category:
    'charge' | 'refund' | 'refund_failure' | 'transfer' | 'transfer_reversal' | 'dispute' | 'dispute_reversal' | 'payout' | 'payout_reversal' | 'fee';
  /** The id of the object that moved the money (`ch_`, `re_`, `tr_`, `trr_`, `dp_`, `po_`); none for a fee Stripe bills (`stripe_fee`). */
  source: string | null;
  status: 'available' | 'pending';
  type: LocalBalanceTransactionType;
};

export type DisputeStatus = 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost';

/** A dispute on a charge (an inquiry or a chargeback), as Stripe's Dispute object has it (the evidence fields C500 fills; the others stay null). */
export type LocalDispute = {
  id: string;
  object: 'dispute';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string;
  /** `warning_*` for an inquiry (nothing withdrawn); a chargeback's are the others. */
  status: DisputeStatus;
  created: number;
  evidence: Record<string, string | null>;
  evidence_details: {
    due_by: number;
    enhanced_eligibility: Record<string, never>;
    has_evidence: boolean;
    past_due: boolean;
    submission_count: number;
    submission_method: 'not_submitted' | 'manual';
  };
  balance_transactions: LocalBalanceTransaction[];
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Record<string, string>;
  enhanced_eligibility_types: [];
  intended_submission_method: null;
};
