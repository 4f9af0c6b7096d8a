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

const figures: ReadonlyArray<[label: string, key: keyof PlatformResult]> = [
  ['Platform fee', 'applicationFeeCents'],
  ['Stripe’s processing fees', 'processingFeeCents'],
  ['of which on refunds (kept by Stripe)', 'refundFeeKeptCents'],
  ['Dispute fees', 'disputeFeeCents'],
  ['Dispute losses', 'disputeLossCents'],
  ['Debts outstanding', 'debtOutstandingCents'],
  ['Debts netted', 'debtNettedCents'],
  ['Debts paid outside', 'debtPaidOutsideCents'],
  ['Debts written off', 'debtWrittenOffCents'],
  ['Net', 'netCents'],
];

function columns<T extends { result: PlatformResult }>(currency: string, first: Column<T>): Array<Column<T>> {
  return [first, ...figures.map(([label, key]) => ({ label, numeric: true, cell: (row: T) => esc(formatMoney({ cents: row.result[key], currency })) }))];
}

export function resultPage(frame: Frame, guildId: string, results: PlatformResults): string {
  const { currency } = results;
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
  const orders = table(
    'By order',
    columns<PlatformResults['orders'][number]>(currency, {
      label: 'Order',
      cell: (r) => `<a href="/dashboard/orders/${esc(r.orderId)}">${idCell(r.orderId)}</a>`,
    }),
    results.orders,
    'No paid orders yet.',
  );
  const lead = `<p>Folded from the server’s money journal, which is reconciled with Stripe’s ledger (<a href="/dashboard/guild/${esc(guildId)}/reconciliation.json">the reconciliation</a>, <a href="/dashboard/guild/${esc(guildId)}/journal.csv">the journal</a>). The net is the platform fee less Stripe’s fees and what disputes took; debts are owed to C500 and not in it. Total net: <strong>${esc(formatMoney({ cents: results.total.netCents, currency }))}</strong>.</p>`;
  return dashboardPage(
    frame,
    lead +
      panel('months', 'By month', months, csvLink(`/dashboard/guild/${guildId}/result.csv`, 'CSV by order')) +
      panel('shows', 'By show', shows) +
      panel('orders', 'By order', orders),
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
