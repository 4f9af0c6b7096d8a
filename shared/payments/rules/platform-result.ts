/**
 * @module platform-result
 * What the platform kept, read from Stripe's ledger of its own balance (balance
 * transactions), never from C500's own amounts: each line is matched to the order whose
 * charge, refund, transfer, reversal or dispute moved it, then summed per order, per show
 * and per month. With separate charges and transfers there is no `application_fee` line:
 * the platform's fee is what stays of the charge once refunds and transfers are out.
 * A line of a charge that paid several lots (a show checkout) is spread over them in
 * proportion to what each was charged, to the cent.
 */
import type { BalanceTransactionLine } from '../../ports';
import { chargedCents, type Order } from './order';

/** The result of an order, a show, a month or the whole, in minor units of one currency. */
export interface PlatformResult {
  /** What the platform kept of the buyers' money: charged, less refunds, less what went out to builders and hosts. */
  applicationFeeCents: number;
  /** Stripe's fees on the charges (item and shipping alike). */
  processingFeeCents: number;
  /** The part of those fees that paid for money later refunded: Stripe keeps it. */
  refundFeeKeptCents: number;
  /** Stripe's fee per dispute (less any it gave back). */
  disputeFeeCents: number;
  /** What disputes took from the platform's balance and did not give back. */
  disputeLossCents: number;
  /** Owed to C500 by builders and hosts (reversals Stripe refused), from the orders' payout records. */
  debtOutstandingCents: number;
  debtWrittenOffCents: number;
  /** Every matched line's net, summed: application fee − processing fees − dispute fees − dispute losses. */
  netCents: number;
}

/** What of an order the ledger is matched by, and where it is counted. */
export type LedgerOrder = Pick<
  Order,
  | 'orderId'
  | 'showId'
  | 'paidAt'
  | 'createdAt'
  | 'currency'
  | 'chargeId'
  | 'paymentIntentId'
  | 'payouts'
  | 'dispute'
  | 'givenRefunds'
  | 'commission'
  | 'amountCents'
  | 'shippingCents'
>;

export interface PlatformResults {
  currency: string;
  orders: Array<{ orderId: string; showId?: string; month: string; result: PlatformResult }>;
  shows: Array<{ showId: string; result: PlatformResult }>;
  months: Array<{ month: string; result: PlatformResult }>;
  total: PlatformResult;
  /** Lines of the platform's balance that moved none of these orders' money (payouts to the bank, merch, racers' payouts). */
  unmatchedLines: number;
}

export const emptyResult = (): PlatformResult => ({
  applicationFeeCents: 0,
  processingFeeCents: 0,
  refundFeeKeptCents: 0,
  disputeFeeCents: 0,
  disputeLossCents: 0,
  debtOutstandingCents: 0,
  debtWrittenOffCents: 0,
  netCents: 0,
});

/** The ids an order's money moved under, each naming the order. */
export function idsOfOrder(order: LedgerOrder): string[] {
  const { builder, host } = order.payouts;
  const parts = order.dispute?.parts;
  return [
    order.chargeId,
    order.paymentIntentId,
    builder.transferId,
    host?.transferId,
    order.dispute?.disputeId,
    parts?.builder?.returnTransferId,
    parts?.host?.returnTransferId,
    ...(order.givenRefunds ?? []).map((r) => r.refundId),
    ...(order.commission?.advances ?? []).map((a) => a.transferId),
  ].filter((id): id is string => typeof id === 'string' && id !== '');
}

/** A line's own part of the result (before any refund-fee share, which needs the order's totals). */
function lineResult(line: BalanceTransactionLine): PlatformResult & { chargedCents: number; refundedCents: number } {
  const r = { ...emptyResult(), chargedCents: 0, refundedCents: 0, netCents: line.netCents };
  switch (line.reportingCategory) {
    case 'charge':
      r.chargedCents = line.amountCents;
      r.processingFeeCents = line.feeCents;
      r.applicationFeeCents = line.amountCents;
      break;
    case 'refund':
    case 'refund_failure':
      // A refund is negative, a failed refund's return positive; a fee on either is Stripe's.
      r.refundedCents = -line.amountCents;
      r.applicationFeeCents = line.amountCents;
      r.processingFeeCents = line.feeCents;
      break;
    case 'dispute':
    case 'dispute_reversal':
      r.disputeLossCents = -line.amountCents;
      r.disputeFeeCents = line.feeCents;
      break;
    default:
      // Transfers out (negative) and their reversals back (positive): the builder's and host's money.
      r.applicationFeeCents = line.amountCents;
      r.processingFeeCents = line.feeCents;
  }
  return r;
}

const add = (a: PlatformResult, b: PlatformResult): PlatformResult => ({
  applicationFeeCents: a.applicationFeeCents + b.applicationFeeCents,
  processingFeeCents: a.processingFeeCents + b.processingFeeCents,
  refundFeeKeptCents: a.refundFeeKeptCents + b.refundFeeKeptCents,
  disputeFeeCents: a.disputeFeeCents + b.disputeFeeCents,
  disputeLossCents: a.disputeLossCents + b.disputeLossCents,
  debtOutstandingCents: a.debtOutstandingCents + b.debtOutstandingCents,
  debtWrittenOffCents: a.debtWrittenOffCents + b.debtWrittenOffCents,
  netCents: a.netCents + b.netCents,
});

/** `amount` spread over weights to the cent: in proportion, the remainder to the largest fractions (ties to the first). */
export function spreadByWeight(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const exact = weights.map((w) => (amount * w) / total);
  const parts = exact.map((e) => Math.trunc(e));
  let left = amount - parts.reduce((sum, p) => sum + p, 0);
  const order = exact.map((e, i) => ({ i, frac: Math.abs(e - Math.trunc(e)) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    const step = Math.sign(left);
    parts[i] = (parts[i] ?? 0) + step;
    left -= step;
  }
  return parts;
}

/** The i-th order's share of a line, from the spread columns (in `keys` order). */
const shareOf = (parts: readonly number[][], i: number) => ({
  applicationFeeCents: parts[0]?.[i] ?? 0,
  processingFeeCents: parts[1]?.[i] ?? 0,
  refundFeeKeptCents: 0,
  disputeFeeCents: parts[2]?.[i] ?? 0,
  disputeLossCents: parts[3]?.[i] ?? 0,
  debtOutstandingCents: 0,
  debtWrittenOffCents: 0,
  netCents: parts[4]?.[i] ?? 0,
  chargedCents: parts[5]?.[i] ?? 0,
  refundedCents: parts[6]?.[i] ?? 0,
});

/** The month a line or order counts in: `YYYY-MM`, UTC. */
export const monthOf = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().slice(0, 7);

/** What an order's payout records say is owed to C500: each party's refused reversals and dispute parts. */
export function debtOf(order: LedgerOrder): number {
  const { builder, host } = order.payouts;
  const parts = order.dispute?.parts;
  return (builder.debtCents ?? 0) + (host?.debtCents ?? 0) + (parts?.builder?.debtCents ?? 0) + (parts?.host?.debtCents ?? 0);
}

/**
 * The platform's result from its ledger, for the orders given (of one currency): lines of
 * another currency, or of none of these orders, are left out (and counted as unmatched).
 */
export function platformResults(lines: readonly BalanceTransactionLine[], orders: readonly LedgerOrder[], currency: string): PlatformResults {
  const mine = orders.filter((o) => o.currency.toLowerCase() === currency.toLowerCase());
  const ordersById = new Map<string, LedgerOrder[]>();
  for (const order of mine)
    for (const id of idsOfOrder(order)) ordersById.set(id, [...(ordersById.get(id) ?? []).filter((o) => o.orderId !== order.orderId), order]);
  const byOrder = new Map<string, PlatformResult & { chargedCents: number; refundedCents: number }>();
  const byMonth = new Map<string, PlatformResult>();
  let unmatchedLines = 0;
  for (const line of lines) {
    const matched = line.currency.toLowerCase() === currency.toLowerCase() ? matchOf(line, ordersById) : undefined;
    if (!matched) {
      unmatchedLines += 1;
      continue;
    }
    const whole = lineResult(line);
    const keys = ['applicationFeeCents', 'processingFeeCents', 'disputeFeeCents', 'disputeLossCents', 'netCents', 'chargedCents', 'refundedCents'] as const;
    const weights = matched.map((o) => chargedCents(o));
    const parts = keys.map((k) => spreadByWeight(whole[k], weights));
    matched.forEach((order, i) => {
      const share = shareOf(parts, i);
      const kept = byOrder.get(order.orderId) ?? { ...emptyResult(), chargedCents: 0, refundedCents: 0 };
      byOrder.set(order.orderId, {
        ...add(kept, share),
        chargedCents: kept.chargedCents + share.chargedCents,
        refundedCents: kept.refundedCents + share.refundedCents,
      });
    });
    const month = monthOf(line.created);
    byMonth.set(month, add(byMonth.get(month) ?? emptyResult(), withoutTotals(whole)));
  }
  const rows = mine
    .filter((o) => byOrder.has(o.orderId) || debtOf(o) > 0)
    .map((order) => {
      const kept = byOrder.get(order.orderId) ?? { ...emptyResult(), chargedCents: 0, refundedCents: 0 };
      const result: PlatformResult = { ...withoutTotals(kept), refundFeeKeptCents: refundFeeKept(kept), debtOutstandingCents: debtOf(order) };
      const month = (order.paidAt ?? order.createdAt).slice(0, 7);
      return { orderId: order.orderId, ...(order.showId ? { showId: order.showId } : {}), month, result };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.orderId.localeCompare(b.orderId));
  // Refund fees kept and debts belong to orders: each month takes its orders' (by the month the order was paid).
  for (const row of rows) {
    const month = byMonth.get(row.month) ?? emptyResult();
    byMonth.set(row.month, {
      ...month,
      refundFeeKeptCents: month.refundFeeKeptCents + row.result.refundFeeKeptCents,
      debtOutstandingCents: month.debtOutstandingCents + row.result.debtOutstandingCents,
    });
  }
  const shows = new Map<string, PlatformResult>();
  for (const row of rows) if (row.showId) shows.set(row.showId, add(shows.get(row.showId) ?? emptyResult(), row.result));
  return {
    currency: currency.toLowerCase(),
    orders: rows,
    shows: [...shows].sort(([a], [b]) => a.localeCompare(b)).map(([showId, result]) => ({ showId, result })),
    months: [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, result]) => ({ month, result })),
    total: rows.reduce((sum, row) => add(sum, row.result), emptyResult()),
    unmatchedLines,
  };
}

/** The orders a line moved money of: by its source, else by the charge or transfer its expanded source names. */
function matchOf(line: BalanceTransactionLine, ordersById: ReadonlyMap<string, LedgerOrder[]>): LedgerOrder[] | undefined {
  for (const id of [line.sourceId, line.sourceChargeId, line.sourceTransferId]) {
    const found = id ? ordersById.get(id) : undefined;
    if (found?.length) return found;
  }
  return undefined;
}

function withoutTotals(r: PlatformResult & { chargedCents?: number; refundedCents?: number }): PlatformResult {
  const { chargedCents: _charged, refundedCents: _refunded, ...rest } = { chargedCents: 0, refundedCents: 0, ...r };
  return rest;
}

/**
 * Stripe keeps its processing fee when money is refunded: the part of the order's fees that
 * paid for the refunded share of what was charged (rounded down, never more than the fees).
 */
function refundFeeKept(r: { processingFeeCents: number; chargedCents: number; refundedCents: number }): number {
  if (r.chargedCents <= 0 || r.refundedCents <= 0) return 0;
  return Math.min(r.processingFeeCents, Math.floor((r.processingFeeCents * Math.min(r.refundedCents, r.chargedCents)) / r.chargedCents));
}
