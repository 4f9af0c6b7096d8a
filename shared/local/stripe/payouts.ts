/**
 * @module stripe/payouts
 * A payout as Stripe makes it, on the platform's balance or on a connected account's: a Payout
 * object (`po_…`) and its balance transaction, type `payout` (reporting category `payout`, the
 * amount out); and, when the bank sends it back, a second one, type `payout_failure`
 * (reporting category `payout_reversal`, the amount in again), which the Payout names as its
 * `failure_balance_transaction`. Standard payouts carry no Stripe fee (Stripe charges for
 * Instant Payouts only); what Connect charges the platform for its accounts' payouts is billed
 * monthly (connect-fees.ts).
 */
import { randomBytes } from 'node:crypto';
import { balanceTransaction } from './ledger';
import { newId, type LocalBalanceTransaction, type LocalPayout } from './objects';

/** Stripe's words for why a payout failed (Payout `failure_message`), for the codes the simulator uses. */
export const payoutFailures = {
  account_closed: 'The bank account has been closed.',
  account_frozen: 'The bank account has been frozen.',
  could_not_process: 'The bank could not process this payout.',
  insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
  invalid_account_number: 'The bank account number is invalid.',
  no_account: 'The bank account details on file are probably incorrect. No bank account could be located with those details.',
} as const;
export type PayoutFailureCode = keyof typeof payoutFailures;

export const isPayoutFailureCode = (code: unknown): code is PayoutFailureCode => typeof code === 'string' && Object.hasOwn(payoutFailures, code);

/** A payout sent now, with its `payout` balance transaction; it lands two days later, as a standard payout does. */
export function sentPayout(p: { amount: number; currency: string; now: number }): { payout: LocalPayout; line: LocalBalanceTransaction } {
  const id = newId('po');
  const line = balanceTransaction({
    type: 'payout',
    category: 'payout',
    amount: -p.amount,
    currency: p.currency,
    source: id,
    description: 'STRIPE PAYOUT',
    now: p.now,
  });
  const payout: LocalPayout = {
    id,
    object: 'payout',
    amount: p.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: p.now + 2 * 24 * 60 * 60,
    automatic: true,
    balance_transaction: line.id,
    created: p.now,
    currency: p.currency,
    description: 'STRIPE PAYOUT',
    destination: `ba_local_${randomBytes(12).toString('hex')}`,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: {},
    method: 'standard',
    original_payout: null,
    payout_method: null,
    reconciliation_status: 'not_applicable',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: null,
    status: 'paid',
    trace_id: null,
    type: 'bank_account',
  };
  return { payout, line };
}

/** The bank sent the payout back: failed with Stripe's code and words, and the amount in again (`payout_failure`). */
export function failedPayout(payout: LocalPayout, code: PayoutFailureCode, now: number): { payout: LocalPayout; line: LocalBalanceTransaction } {
  const line = balanceTransaction({
    type: 'payout_failure',
    category: 'payout_reversal',
    amount: payout.amount,
    currency: payout.currency,
    source: payout.id,
    description: `Payout failure: ${payoutFailures[code]}`,
    now,
  });
  return {
    payout: { ...payout, status: 'failed', failure_code: code, failure_message: payoutFailures[code], failure_balance_transaction: line.id },
    line,
  };
}

/**
 * What a balance holds available now, per currency: the net of every line whose funds are
 * available (a charge's are pending for two days), as Stripe's `available` balance counts.
 */
export function availableByCurrency(lines: readonly LocalBalanceTransaction[], now: number): Map<string, number> {
  const available = new Map<string, number>();
  for (const line of lines) if (line.available_on <= now) available.set(line.currency, (available.get(line.currency) ?? 0) + line.net);
  return available;
}
