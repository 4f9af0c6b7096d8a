/**
 * @module platform-result
 * What the platform kept of a server's orders, folded from the journal (issue 60): per order,
 * per show and per month (each movement in the month of its entry, as Stripe's ledger counts
 * it: a sale paid in November and refunded in December moves both), the platform's fee less what refunds
 * gave back of it, Stripe's processing fees (recorded from Stripe's ledger by reconciliation)
 * and the part of them refunds left with Stripe, dispute fees and what disputes took of the
 * platform's own money, the debts an order made (still owed, netted from a release, paid
 * outside C500, written off) and the net. Every figure is a fold of the entries; nothing is read
 * from an order's own counters.
 *
 * The net is what Stripe's ledger says the platform made (issue 75): a loss that became
 * somebody's debt left the platform's balance when Stripe refused to take it back, so it
 * counts until a later release nets it or it is paid outside C500; writing it off never
 * brings it back. Money owed to a buyer (a refund that failed on a charge then charged back
 * and lost) is theirs, never the platform's fee.
 */
import { debtsOfOrders, platformMoneyOf, sumOf, type JournalEntry, type OrderDebt } from '../../journal';
import type { Order } from '../../orders';

/** The result of an order, a show, a month or the whole, in minor units of one currency. */
export interface PlatformResult {
  /** The platform's fee, less what refunds gave back of it. */
  applicationFeeCents: number;
  /** Stripe's fees on the order's money (item and shipping alike). */
  processingFeeCents: number;
  /** The part of those fees that paid for money later refunded: Stripe keeps it. */
  refundFeeKeptCents: number;
  /** Stripe's fee per dispute (less any it gave back). */
  disputeFeeCents: number;
  /** What disputes took of the platform's own money (its fee's part of what the bank kept). */
  disputeLossCents: number;
  /** Owed to C500 by builders and hosts because of the order (reversals Stripe refused, losses after a payout by hand), still open. */
  debtOutstandingCents: number;
  /** Of those debts, what later releases netted, what was paid outside C500, and what C500 wrote off. */
  debtNettedCents: number;
  debtPaidOutsideCents: number;
  debtWrittenOffCents: number;
  /** What the order's debts took from the platform's balance and nothing brought back: still owed, or written off. */
  debtLossCents: number;
  /** Application fee − processing fees − dispute fees − dispute losses − debt losses: Stripe's platform net of the order. */
  netCents: number;
}

/** What of an order the result needs besides its entries: where it is counted. */
export type ResultOrder = Pick<Order, 'orderId' | 'showId' | 'paidAt' | 'createdAt' | 'currency' | 'platformFeeCents'>;

export interface PlatformResults {
  currency: string;
  orders: Array<{ orderId: string; showId?: string; month: string; result: PlatformResult }>;
  shows: Array<{ showId: string; result: PlatformResult }>;
  months: Array<{ month: string; result: PlatformResult }>;
  total: PlatformResult;
}

export const emptyResult = (): PlatformResult => ({
  applicationFeeCents: 0,
  processingFeeCents: 0,
  refundFeeKeptCents: 0,
  disputeFeeCents: 0,
  disputeLossCents: 0,
  debtOutstandingCents: 0,
  debtNettedCents: 0,
  debtPaidOutsideCents: 0,
  debtWrittenOffCents: 0,
  debtLossCents: 0,
  netCents: 0,
});

const add = (a: PlatformResult, b: PlatformResult, sign = 1): PlatformResult => {
  const sum = emptyResult();
  for (const key of Object.keys(sum) as Array<keyof PlatformResult>) sum[key] = a[key] + sign * b[key];
  return sum;
};

/** The month a line or order counts in: `YYYY-MM`, UTC. */
export const monthOf = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().slice(0, 7);

/**
 * One order's result from its entries. Its held money, once the shares went out, is what the
 * platform gave back of its own: refunds and disputes take from it, released shares and the
 * reversals that bring them back balance out. What a dispute took of that is the dispute's
 * loss (up to what the bank kept), the rest is fee given back by refunds.
 */
function orderResult(mine: readonly JournalEntry[], currency: string, order: ResultOrder): PlatformResult {
  const of = (where: Parameters<typeof sumOf>[2]) => sumOf(mine, currency, where);
  const earned = -of((p) => p.account === 'platform-fees');
  const held = -of((p) => p.account === 'held' && p.orderId === order.orderId);
  const bankKept = Math.max(
    0,
    of((p, e) => p.account === 'held' && (e.kind === 'dispute-withdrawal' || e.kind === 'dispute-reinstatement')),
  );
  const gaveBack = Math.max(0, -held);
  const disputeLoss = Math.min(gaveBack, bankKept);
  const applicationFee = earned - (gaveBack - disputeLoss);
  const processingFee = of((p) => p.account === 'stripe-fees');
  const charged = of((p, e) => p.account === 'stripe-balance' && e.kind === 'charge');
  const refunded = -of((p, e) => p.account === 'stripe-balance' && (e.kind === 'refund' || e.kind === 'refund-failed'));
  const disputeFee = of((p) => p.account === 'dispute-fees');
  return {
    ...emptyResult(),
    applicationFeeCents: applicationFee,
    processingFeeCents: processingFee,
    refundFeeKeptCents: refundFeeKept(processingFee, charged, refunded),
    disputeFeeCents: disputeFee,
    disputeLossCents: disputeLoss,
    netCents: applicationFee - processingFee - disputeFee - disputeLoss,
  };
}

/** An order's whole result from its entries and its parts of the debts. */
function rowResult(mine: readonly JournalEntry[], debts: readonly OrderDebt[], currency: string, order: ResultOrder): PlatformResult {
  const owed = debts.filter((d) => d.orderId === order.orderId);
  const total = (key: 'owedCents' | 'nettedCents' | 'paidOutsideCents' | 'writtenOffCents') => owed.reduce((sum, d) => sum + d[key], 0);
  const result = orderResult(mine, currency, order);
  const debtLoss = total('owedCents') + total('writtenOffCents');
  return {
    ...result,
    debtOutstandingCents: total('owedCents'),
    debtNettedCents: total('nettedCents'),
    debtPaidOutsideCents: total('paidOutsideCents'),
    debtWrittenOffCents: total('writtenOffCents'),
    debtLossCents: debtLoss,
    netCents: result.netCents - debtLoss,
  };
}

/** The first instant after a `YYYY-MM` month, as an ISO prefix every `at` of the month sorts before. */
const monthEnd = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};

/** The platform's result of these orders (of one currency), from the server's journal. */
export function platformResults(entries: readonly JournalEntry[], orders: readonly ResultOrder[], currency: string): PlatformResults {
  const wanted = currency.toLowerCase();
  const debts = debtsOfOrders(entries, wanted);
  const charged = new Set(entries.filter((e) => e.kind === 'charge' && e.currency === wanted).map((e) => e.orderId));
  // Each order's entries, gathered in one pass (not one pass an order).
  const byOrder = new Map<string, JournalEntry[]>();
  for (const entry of entries) {
    if (entry.orderId === undefined) continue;
    const mine = byOrder.get(entry.orderId) ?? [];
    mine.push(entry);
    byOrder.set(entry.orderId, mine);
  }
  const counted = orders.filter((o) => o.currency.toLowerCase() === wanted && charged.has(o.orderId));
  const rows = counted
    .map((order) => {
      const result = rowResult(byOrder.get(order.orderId) ?? [], debts, wanted, order);
      const month = (order.paidAt ?? order.createdAt).slice(0, 7);
      return { orderId: order.orderId, ...(order.showId ? { showId: order.showId } : {}), month, result };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.orderId.localeCompare(b.orderId));
  const grouped = (key: (row: (typeof rows)[number]) => string | undefined) => {
    const groups = new Map<string, PlatformResult>();
    for (const row of rows) {
      const k = key(row);
      if (k !== undefined) groups.set(k, add(groups.get(k) ?? emptyResult(), row.result));
    }
    return [...groups].sort(([a], [b]) => a.localeCompare(b));
  };
  return {
    currency: wanted,
    orders: rows,
    shows: grouped((r) => r.showId).map(([showId, result]) => ({ showId, result })),
    months: byMonth(entries, counted, wanted),
    total: rows.reduce((sum, row) => add(sum, row.result), emptyResult()),
  };
}

/**
 * Each month's movements, as Stripe's ledger counts them: the orders' results as they stood at
 * the month's end less as they stood at its start, so a refund, a dispute or a debt's netting
 * counts in the month its entry happened, not the sale's. The months add up to the total.
 */
function byMonth(entries: readonly JournalEntry[], orders: readonly ResultOrder[], currency: string): PlatformResults['months'] {
  const ids = new Set(orders.map((o) => o.orderId));
  const ours = entries.filter((e) => e.currency === currency && (ids.has(e.orderId ?? '') || e.postings.some((p) => p.account === 'owed-to-c500')));
  const months = [...new Set(ours.map((e) => e.at.slice(0, 7)))].sort();
  let before = emptyResult();
  return months.map((month) => {
    const upTo = entries.filter((e) => e.at < monthEnd(month));
    const debts = debtsOfOrders(upTo, currency);
    const mine = new Map<string, JournalEntry[]>();
    for (const entry of upTo) {
      if (entry.orderId === undefined) continue;
      const list = mine.get(entry.orderId) ?? [];
      list.push(entry);
      mine.set(entry.orderId, list);
    }
    const atEnd = orders.reduce((sum, order) => add(sum, rowResult(mine.get(order.orderId) ?? [], debts, currency, order)), emptyResult());
    const result = add(atEnd, before, -1);
    before = atEnd;
    return { month, result };
  });
}

/**
 * Stripe keeps its processing fee when money is refunded: the part of the order's fees that
 * paid for the refunded share of what was charged (rounded down, never more than the fees).
 */
function refundFeeKept(processingFeeCents: number, chargedCents: number, refundedCents: number): number {
  if (chargedCents <= 0 || refundedCents <= 0) return 0;
  return Math.min(processingFeeCents, Math.floor((processingFeeCents * Math.min(refundedCents, chargedCents)) / chargedCents));
}

/** The platform's own result in one currency, over every server (the operator's view). */
export interface PlatformNet {
  currency: string;
  /** What the platform paid out to its bank, less payouts sent back: its own money moved, neither earned nor lost. */
  paidOutCents: number;
  /** What Stripe billed the platform from its balance (Connect's fees for the accounts whose fees C500 pays). */
  stripeBilledCents: number;
  /** Every server's orders' net (`platformResults`' total). */
  ordersNetCents: number;
  /** The orders' net less what Stripe billed: Stripe's platform net, the lines of its balance less its payouts and the money still held for others. */
  netCents: number;
}

/**
 * The platform's result of all its servers' orders and its own money at Stripe (issue 75):
 * a server's page leaves out what Stripe bills the platform, which belongs to no server, so
 * only this view's net is the platform's whole net.
 */
export function platformNetOf(entries: readonly JournalEntry[], orders: readonly ResultOrder[], currency: string): PlatformNet {
  const wanted = currency.toLowerCase();
  const own = platformMoneyOf(entries, wanted);
  const ordersNetCents = platformResults(entries, orders, wanted).total.netCents;
  return { currency: wanted, ...own, ordersNetCents, netCents: ordersNetCents - own.stripeBilledCents };
}
