/**
 * @module stripe/money-moves
 * The objects that move the platform's money, each kept with the balance transaction Stripe
 * gives it (ledger.ts) in the same transaction: a charge, a refund. And how Stripe refuses a
 * call made for a connected account that revoked the platform's access.
 */
import { PaymentRefused } from '../../errors';
import type { Transaction } from '../../ports';
import { collections, docIn, newId, sequencePath, type LocalBalanceTransaction, type LocalCharge, type LocalRefund } from './objects';
import { balanceTransaction, chargeTransaction, keepBalanceTransactions } from './ledger';

/** The next place in the creation sequence, taken now: every read of the transaction must be done (this writes). */
export async function nextSequence(tx: Transaction): Promise<number> {
  const sequence = ((await tx.get(sequencePath))?.value ?? 0) + 1;
  tx.set(sequencePath, { value: sequence });
  return sequence;
}

/** A charge that succeeded, with its `charge` balance transaction: the amount in, Stripe's processing fee out. */
export function keepCharge(tx: Transaction, charge: LocalCharge, chargeSequence: number, sequence: number, now: number): LocalCharge {
  const transaction = chargeTransaction(charge, now);
  const kept: LocalCharge = { ...charge, balance_transaction: transaction.id };
  tx.set(docIn(collections.charges, charge.id), { stripe: kept, sequence: chargeSequence });
  keepBalanceTransactions(tx, sequence, transaction);
  return kept;
}

/** A refund that succeeded, of `amount` of the charge; `refundedAfter` is the charge's refunded total once it is made. */
export function refundOf(charge: LocalCharge, amount: number, metadata: Record<string, string>, now: number, refundedAfter: number): LocalRefund {
  return {
    id: newId('re'),
    object: 'refund',
    amount,
    charge: charge.id,
    currency: charge.currency,
    payment_intent: charge.payment_intent,
    status: 'succeeded',
    metadata,
    created: now,
    balance_transaction: null,
    reason: null,
    receipt_number: null,
    customer: null,
    customer_account: null,
    payment_method: null,
    source_transfer_reversal: null,
    transfer_reversal: null,
    charge_refunded_after: refundedAfter,
  };
}

/** The refund's `refund` balance transaction: the amount out, no fee (Stripe keeps the charge's). */
export function refundTransaction(refund: LocalRefund): LocalBalanceTransaction {
  return balanceTransaction({
    type: 'refund',
    category: 'refund',
    amount: -refund.amount,
    currency: refund.currency,
    source: refund.id,
    description: `Refund of ${refund.charge}`,
    now: refund.created,
  });
}

/** The refund kept with its balance transaction. */
export function keepRefund(tx: Transaction, refund: LocalRefund, sequence: number): LocalRefund {
  const transaction = refundTransaction(refund);
  const kept: LocalRefund = { ...refund, balance_transaction: transaction.id };
  tx.set(docIn(collections.refunds, refund.id), { stripe: kept, sequence });
  keepBalanceTransactions(tx, sequence, transaction);
  return kept;
}

/** A transfer's `transfer` balance transaction (out), or a reversal's `transfer_refund` (back in). */
export function transferTransaction(
  moved: { id: string; amount: number; currency: string; created: number },
  kind: 'transfer' | 'reversal',
): LocalBalanceTransaction {
  const out = kind === 'transfer';
  return balanceTransaction({
    type: out ? 'transfer' : 'transfer_refund',
    category: out ? 'transfer' : 'transfer_reversal',
    amount: out ? -moved.amount : moved.amount,
    currency: moved.currency,
    source: moved.id,
    description: out ? `Transfer ${moved.id}` : `Transfer reversal ${moved.id}`,
    now: moved.created,
  });
}

/**
 * What Stripe answers a call made for an account that revoked the platform (HTTP 403, the
 * SDK's StripePermissionError, code `account_invalid`).
 */
export function accountRevoked(accountId: string): PaymentRefused {
  return new PaymentRefused(
    `The provided key does not have access to account '${accountId}' (or that account does not exist). Application access may have been revoked.`,
    { stripeCode: 'account_invalid' },
  );
}
