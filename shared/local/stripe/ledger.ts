/**
 * @module stripe/ledger
 * The platform's balance as Stripe keeps it: one balance transaction per movement, each
 * naming the object that moved the money (`source`). C500 charges on the platform and moves
 * the builder's share with separate transfers, with no application fee (the platform keeps
 * its cut by transferring less), so its balance sees: `charge` (the whole amount charged,
 * shipping included, less Stripe's processing fee), `transfer` (out) and `transfer_refund`
 * (a reversal, back in), `refund` (out: Stripe keeps the charge's fee), `refund_failure`
 * (a refund the bank sent back, in again) and `adjustment` for disputes (the amount and the
 * dispute fee out; a won dispute's amount back in, the fee kept); its own payouts, `payout`
 * (out) and `payout_failure` (back in, payouts.ts); and what Stripe bills it, `stripe_fee`
 * (Connect's monthly fees, connect-fees.ts). Listed as `GET /v1/balance_transactions` lists them.
 */
import type { BalanceTransactionLine } from '../../ports';
import type { DocumentStore, Transaction } from '../../ports';
import { collections, docIn, newId, type LocalBalanceTransaction } from './objects';

/** Stripe's standard card pricing (US): 2.9 % of what was charged, rounded half up, plus 30¢. Applied to every currency here. */
export function processingFeeCents(amountCents: number): number {
  return Math.floor((amountCents * 29 + 500) / 1000) + 30;
}

/** How long a charge's funds stay pending before they are available (Stripe's standard US schedule). */
const chargeAvailableAfterSeconds = 2 * 24 * 60 * 60;

type Movement = {
  type: LocalBalanceTransaction['type'];
  category: LocalBalanceTransaction['reporting_category'];
  /** Signed: what the balance gained (positive) or lost (negative), before fees. */
  amount: number;
  currency: string;
  source: string | null;
  description: string;
  now: number;
  /** Stripe's fee on it, and what the fee is. */
  fee?: { amount: number; description: string };
};

/** One balance transaction. A charge's funds are pending for two days; everything else is available at once. */
export function balanceTransaction(movement: Movement): LocalBalanceTransaction {
  const fee = movement.fee?.amount ?? 0;
  const pending = movement.type === 'charge';
  return {
    id: newId('txn'),
    object: 'balance_transaction',
    amount: movement.amount,
    available_on: movement.now + (pending ? chargeAvailableAfterSeconds : 0),
    balance_type: 'payments',
    created: movement.now,
    currency: movement.currency,
    description: movement.description,
    exchange_rate: null,
    fee,
    fee_details:
      movement.fee && fee > 0
        ? [{ amount: fee, application: null, currency: movement.currency, description: movement.fee.description, type: 'stripe_fee' }]
        : [],
    net: movement.amount - fee,
    reporting_category: movement.category,
    source: movement.source,
    status: pending ? 'pending' : 'available',
    type: movement.type,
  };
}

/** The charge's own: its whole amount in, less Stripe's processing fee. */
export function chargeTransaction(charge: { id: string; amount: number; currency: string }, now: number): LocalBalanceTransaction {
  const fee = { amount: processingFeeCents(charge.amount), description: 'Stripe processing fees' };
  return balanceTransaction({
    type: 'charge',
    category: 'charge',
    amount: charge.amount,
    currency: charge.currency,
    source: charge.id,
    description: `Charge ${charge.id}`,
    now,
    fee,
  });
}

/** Kept in the same transaction as the object it belongs to; `sequence` orders the list (newest first). All reads must be done. */
export function keepBalanceTransactions(tx: Transaction, sequence: number, ...transactions: LocalBalanceTransaction[]): void {
  for (const transaction of transactions) tx.set(docIn(collections.balanceTransactions, transaction.id), { stripe: transaction, sequence });
}

/** A connected account's own balance transactions (its payouts), kept apart from the platform's. */
export function keepAccountBalanceTransactions(tx: Transaction, account: string, sequence: number, ...transactions: LocalBalanceTransaction[]): void {
  for (const transaction of transactions) tx.set(docIn(collections.accountBalanceTransactions, transaction.id), { stripe: transaction, sequence, account });
}

/** What `GET /v1/balance_transactions` takes (stripe-node's BalanceTransactionListParams, as far as the local Stripe needs). */
export interface BalanceTransactionFilter {
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
  type?: string;
  source?: string;
  currency?: string;
  created?: number | { gt?: number; gte?: number; lt?: number; lte?: number };
}

export interface BalanceTransactionList {
  object: 'list';
  url: '/v1/balance_transactions';
  has_more: boolean;
  data: LocalBalanceTransaction[];
}

/** The platform's balance transactions, newest first, filtered and paged as Stripe pages them; a charge's funds become available on `available_on`. */
export async function listBalanceTransactions(
  store: DocumentStore,
  filter: BalanceTransactionFilter,
  now: number,
  /** A connected account's own (`Stripe-Account`), instead of the platform's. */
  account?: string,
): Promise<BalanceTransactionList> {
  // An account's few lines are sorted here: a filter and an order on two fields would need an index of their own in Firestore.
  const rows = account
    ? (await store.query(collections.accountBalanceTransactions, { where: [['account', '==', account]] })).sort((a, b) => b.data.sequence - a.data.sequence)
    : await store.query(collections.balanceTransactions, { orderBy: [['sequence', 'desc']] });
  const all = rows
    .map((row) => row.data.stripe)
    .filter((t) => matches(t, filter))
    .map((t): LocalBalanceTransaction => (t.status === 'pending' && now >= t.available_on ? { ...t, status: 'available' } : t));
  return { object: 'list', url: '/v1/balance_transactions', ...pageOf(all, filter) };
}

/** One page of a list already newest first, as Stripe pages its lists: `limit` (10 by default, at most 100) after or before a cursor. */
export function pageOf<T extends { id: string }>(
  all: readonly T[],
  filter: Pick<BalanceTransactionFilter, 'limit' | 'startingAfter' | 'endingBefore'>,
): { has_more: boolean; data: T[] } {
  const limit = Math.min(Math.max(filter.limit ?? 10, 1), 100);
  if (filter.endingBefore !== undefined) {
    const end = all.findIndex((t) => t.id === filter.endingBefore);
    const before = end < 0 ? [] : all.slice(0, end);
    return { has_more: before.length > limit, data: before.slice(-limit) };
  }
  const start = filter.startingAfter === undefined ? 0 : all.findIndex((t) => t.id === filter.startingAfter) + 1;
  const after = start <= 0 && filter.startingAfter !== undefined ? [] : all.slice(start);
  return { has_more: after.length > limit, data: after.slice(0, limit) };
}

/** Whether `created` is inside the `created` filter (an instant, or bounds). */
export function createdWithin(created: number, range: BalanceTransactionFilter['created']): boolean {
  if (range === undefined) return true;
  if (typeof range === 'number') return created === range;
  return (
    (range.gt === undefined || created > range.gt) &&
    (range.gte === undefined || created >= range.gte) &&
    (range.lt === undefined || created < range.lt) &&
    (range.lte === undefined || created <= range.lte)
  );
}

function matches(t: LocalBalanceTransaction, filter: BalanceTransactionFilter): boolean {
  if (filter.type !== undefined && t.type !== filter.type) return false;
  if (filter.source !== undefined && t.source !== filter.source) return false;
  if (filter.currency !== undefined && t.currency !== filter.currency) return false;
  return createdWithin(t.created, filter.created);
}

/** What a line's expanded source says of where its money went: a refund's or dispute's charge, a reversal's transfer, a transfer's charge and group. */
export interface LineSource {
  charge?: unknown;
  transfer?: unknown;
  source_transaction?: unknown;
  transfer_group?: unknown;
}

/** A balance transaction as the payments port reads it (`expand[]=data.source`), as the stripe-node adapter gives it. */
export function ledgerLineOf(t: LocalBalanceTransaction, source: LineSource | undefined): BalanceTransactionLine {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const sourceChargeId = text(source?.charge) ?? text(source?.source_transaction);
  const sourceTransferId = text(source?.transfer);
  const sourceTransferGroup = text(source?.transfer_group);
  return {
    id: t.id,
    type: t.type,
    reportingCategory: t.reporting_category,
    amountCents: t.amount,
    feeCents: t.fee,
    netCents: t.net,
    currency: t.currency,
    created: t.created,
    ...(t.source !== null ? { sourceId: t.source } : {}),
    ...(sourceChargeId ? { sourceChargeId } : {}),
    ...(sourceTransferId ? { sourceTransferId } : {}),
    ...(sourceTransferGroup ? { sourceTransferGroup } : {}),
  };
}
