/**
 * @module result-page
 * A server's admins' page of what the platform kept of its orders, folded from the journal
 * (payments' `platformResults`): per month, per show and per order, the platform's fee,
 * Stripe's processing fees (and the part of them refunds left with Stripe), dispute fees and
 * losses, the debts the orders made (owed, netted, paid outside, written off), and the net.
 * The CSV gives the same rows.
 */
import { amountText, formatMoney } from '../../../common';
import type { PlatformResult, PlatformResults } from '../../../payments';
import { csvNumber, csvOf } from '../csv';
import { csvLink, dashboardPage, esc, idCell, panel, table, type Column, type Frame } from './layout';

/** The money each table shows (the debts have a panel of their own, so every column fits its card at 1280 px). */
const moneyFigures: ReadonlyArray<[label: string, key: keyof PlatformResult]> = [
  ['Platform fee', 'applicationFeeCents'],
  ['Stripe’s fees', 'processingFeeCents'],
  ['Kept on refunds', 'refundFeeKeptCents'],
  ['Dispute fees', 'disputeFeeCents'],
  ['Dispute losses', 'disputeLossCents'],
  ['Lost to debts', 'debtLossCents'],
  ['Net', 'netCents'],
];

const debtFigures: ReadonlyArray<[label: string, key: keyof PlatformResult]> = [
  ['Outstanding', 'debtOutstandingCents'],
  ['Netted', 'debtNettedCents'],
  ['Paid outside', 'debtPaidOutsideCents'],
  ['Written off', 'debtWrittenOffCents'],
];

/** Every figure, as the CSV has them. */
const figures = [...moneyFigures.slice(0, -1), ...debtFigures.map(([label, key]) => [`Debts ${label.toLowerCase()}`, key] as const), ...moneyFigures.slice(-1)];

function columns<T extends { result: PlatformResult }>(
  currency: string,
  first: Column<T>,
  shown: ReadonlyArray<readonly [string, keyof PlatformResult]> = moneyFigures,
): Array<Column<T>> {
  return [first, ...shown.map(([label, key]) => ({ label, numeric: true, cell: (row: T) => esc(formatMoney({ cents: row.result[key], currency })) }))];
}

const orderColumn = { label: 'Order', cell: (r: { orderId: string }) => `<a href="/dashboard/orders/${esc(r.orderId)}">${idCell(r.orderId)}</a>` };

export function resultPage(frame: Frame, guildId: string, results: PlatformResults): string {
  const { currency } = results;
  type Row = PlatformResults['orders'][number];
  const months = table(
    'By month',
    columns<PlatformResults['months'][number]>(currency, { label: 'Month', cell: (r) => esc(r.month) }),
    results.months,
    'No paid orders yet.',
  );
  const shows = table(
    'By show',
    columns<PlatformResults['shows'][number]>(currency, { label: 'Show', cell: (r) => idCell(r.showId) }),
    results.shows,
    'No show sold anything yet.',
  );
  const orders = table('By order', columns<Row>(currency, orderColumn), results.orders, 'No paid orders yet.');
  const owing = results.orders.filter((r) => debtFigures.some(([, key]) => r.result[key] !== 0));
  const debtTable = table('Debts by order', columns<Row>(currency, orderColumn, debtFigures), owing, 'No order made a debt.');
  const total = (cents: number) => `<strong>${esc(formatMoney({ cents, currency }))}</strong>`;
  const lead = `<h1>The platform’s result</h1><p class="hint">Folded from the server’s money journal, which is reconciled with Stripe’s ledger (<a href="/dashboard/guild/${esc(guildId)}/reconciliation">the money check</a>, <a href="/dashboard/guild/${esc(guildId)}/journal.csv">the journal</a>). The net is what Stripe’s ledger says the platform made: the platform fee less Stripe’s fees, what disputes took, and what debts took that nobody paid back yet or that was written off. A month counts what moved in it. Total net: ${total(results.total.netCents)}; of it, still owed to C500: ${total(results.total.debtOutstandingCents)}.</p>`;
  return dashboardPage(
    frame,
    lead +
      panel('months', 'By month', months, csvLink(`/dashboard/guild/${guildId}/result.csv`, 'CSV by order')) +
      panel('shows', 'By show', shows) +
      panel('orders', 'By order', orders) +
      panel('debts', 'Debts the orders made', debtTable, `<a href="/dashboard/guild/${esc(guildId)}/debts">Who owes</a>`),
  );
}

/** One line per order, amounts in the major unit. */
export function resultCsv(results: PlatformResults): string {
  const money = (cents: number) => csvNumber(amountText({ cents, currency: results.currency }));
  return csvOf(
    ['order', 'show', 'month', 'currency', ...figures.map(([, key]) => key.replace(/Cents$/, ''))],
    results.orders.map((row) => [row.orderId, row.showId ?? '', row.month, results.currency, ...figures.map(([, key]) => money(row.result[key]))]),
  );
}
