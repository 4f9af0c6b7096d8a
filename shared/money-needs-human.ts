/**
 * @module money-needs-human
 * The one log event for every case where a person must move money because C500 could not:
 * a payment that arrived for nothing waiting for it, a refund the bank sent back, a transfer
 * Stripe refused. Each is an ERROR line `event: 'money.needs-human'` with a `reason` from the
 * one list below and the ids an operator needs to act, so one log-match alert pages on all of
 * them and the runbook (docs/operations/runbook.md) says what to do by reason. No other line
 * asks for money to be moved by hand (test/unit/money-needs-human.test.ts scans the source).
 *
 * @example
 * moneyNeedsHuman('host-transfer-refused', { orderId: 'k3v9m2qa', error })
 */
import { log } from './log';

/**
 * Why a person must move money, with what the line says. A new case is a new reason here,
 * its runbook line, and a test that drives it (the list test fails without one).
 */
const messages = {
  'paid-after-expiry': 'a payment arrived for a checkout that had expired and C500 could not refund it by itself: refund the buyer or fulfil it by hand',
  'paid-for-another-bill': 'a paid session names an order or checkout it was not made for: nothing was marked paid; refund the buyer by hand',
  'paid-orders-not-waiting':
    'a checkout was paid for lots no longer waiting for payment and C500 could not refund them by itself (Stripe refused, or a lot was neither waiting nor expired): refund those lots by hand',
  'refund-failed': 'a refund failed after it succeeded: the buyer does not have the money back; pay them back another way',
  'merch-refund-failed': 'a refund of a merch sale failed: the buyer does not have the money back; pay them back another way',
  'refund-failed-unmatched': 'a failed refund on a charge that is not one order of ours: find the charge and pay the buyer back by hand',
  'host-transfer-refused': 'Stripe refused a host’s transfer: the host’s cut is owed and must be paid by hand',
  'dispute-return-refused': 'what a won dispute took could not be sent back: the part is owed and must be paid by hand',
  'racer-payout-refused': 'Stripe refused a racer’s payout: their balance is pending again; pay it another way or ask them to fix their account',
  'groupbuy-refund-refused':
    'Stripe refused the refund of an order of a group buy its builder called off: the buyer does not have the money back; refund them by hand',
  'journal-entry-conflict': 'a journal entry was about to be written over another under the same id: nothing was written; find which cause made the second one',
} as const satisfies Record<string, string>;

export type MoneyNeedsHumanReason = keyof typeof messages;

/** Every reason, in the order above: what the alert's runbook and the list test go through. */
export const moneyNeedsHumanReasons = Object.keys(messages) as MoneyNeedsHumanReason[];

/**
 * The ids to act on. Only ids of things (orders, Stripe objects, payouts) and amounts: a
 * person's id is never needed to act (the order names them) and is hashed if ever given
 * (shared/log/people); never a name or an address.
 */
export interface MoneyToMove {
  orderId?: string;
  orderIds?: readonly string[];
  /** The Stripe event that showed it. */
  eventId?: string;
  sessionId?: string;
  paymentIntentId?: string;
  chargeId?: string;
  refundId?: string;
  disputeId?: string;
  /** Whose part of an order: `builder` or `host`. */
  part?: string;
  payoutId?: string;
  guildId?: string;
  amountCents?: number;
  currency?: string;
  /** The journal entry it is about. */
  entryId?: string;
  /** Stripe's own code for it (a refund's `failure_reason`). */
  stripeReason?: string;
  /** What Stripe answered, when it refused. */
  error?: unknown;
}

/** Writes the one line that pages: severity ERROR, `event: 'money.needs-human'`, the reason and the ids. */
export function moneyNeedsHuman(reason: MoneyNeedsHumanReason, fields: MoneyToMove): void {
  log.error(messages[reason], { event: 'money.needs-human', reason, ...fields });
}
