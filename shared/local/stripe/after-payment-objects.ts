/**
 * @module stripe/after-payment-objects
 * The objects of what Stripe sends after a payment (after-payment-world.ts): Radar's early
 * fraud warning, a connected account's payout, and the platform's Application, shaped as
 * stripe-node declares them.
 */

/** Radar's early fraud warning: the card's bank reports the charge as likely fraud, before any dispute. */
export type LocalEarlyFraudWarning = {
  id: string;
  object: 'radar.early_fraud_warning';
  /** Whether a refund or a dispute can still be acted on: false once the charge is refunded in full or disputed. */
  actionable: boolean;
  charge: string;
  created: number;
  fraud_type: EarlyFraudType;
  livemode: false;
  payment_intent: string;
};

export const earlyFraudTypes = [
  'card_never_received',
  'fraudulent_card_application',
  'made_with_counterfeit_card',
  'made_with_lost_card',
  'made_with_stolen_card',
  'misc',
  'unauthorized_use_of_card',
] as const;
export type EarlyFraudType = (typeof earlyFraudTypes)[number];

/** A payout of a balance (the platform's, or a connected account's) to its bank: paid, or sent back by the bank. */
export type LocalPayout = {
  id: string;
  object: 'payout';
  amount: number;
  application_fee: null;
  application_fee_amount: null;
  arrival_date: number;
  automatic: true;
  /** Its `payout` line, on the balance it left (the platform's, or the connected account's). */
  balance_transaction: string;
  created: number;
  currency: string;
  description: string | null;
  destination: string;
  failure_balance_transaction: string | null;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Record<string, string>;
  method: 'standard';
  original_payout: null;
  payout_method: null;
  reconciliation_status: 'not_applicable';
  reversed_by: null;
  source_type: 'card';
  statement_descriptor: null;
  /** `pending` only as `payout.created` carries it: the local Stripe's payouts land at once. */
  status: 'pending' | 'paid' | 'failed';
  trace_id: null;
  type: 'bank_account';
};

/** The platform as a connected account sees it: the application `account.application.deauthorized` names. */
export type LocalApplication = { id: string; object: 'application'; name: string | null };
