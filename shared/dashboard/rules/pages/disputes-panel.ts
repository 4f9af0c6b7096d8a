/**
 * @module disputes-panel
 * The disputes on a builder's orders (their page) or on a server's (its admins' page): the
 * orders, the amount, the bank's reason, where it stands, when the evidence is due and
 * whether it went in; for admins also Stripe's fee the platform paid. The evidence itself
 * (which holds the buyer's address) is never shown here.
 */
import { formatMoney } from '../../../common';
import type { Dispute } from '../../../disputes';
import { dateCell, esc, idCell, pill, table, type Column } from './layout';

const stateLabels: Record<Dispute['state'], string> = { open: 'Open', won: 'Won', lost: 'Lost' };

export function disputesTable(disputes: readonly Dispute[], who: 'builder' | 'admin'): string {
  const money = (d: Dispute, cents: number) => esc(formatMoney({ cents, currency: d.currency }));
  const columns: Array<Column<Dispute>> = [
    { label: 'Orders', cell: (d) => d.orderIds.map((id) => `<a href="/dashboard/orders/${esc(id)}">${idCell(id)}</a>`).join(' ') },
    { label: 'Disputed', cell: (d) => money(d, d.amountCents), numeric: true },
    { label: 'Reason', cell: (d) => esc(d.reason.replaceAll('_', ' ')) },
    { label: 'State', cell: (d) => pill(`dispute-${d.state}`, stateLabels[d.state]) },
    { label: 'Evidence due', cell: (d) => (d.dueBy ? dateCell(new Date(d.dueBy * 1000).toISOString()) : dateCell(undefined)) },
    {
      label: 'Evidence',
      cell: (d) => (d.submittedAt ? `Submitted ${dateCell(d.submittedAt)}` : d.state === 'open' ? 'Not yet submitted' : '<span class="hint">–</span>'),
    },
  ];
  if (who === 'admin') columns.push({ label: 'Stripe’s fee', cell: (d) => money(d, d.feeCents), numeric: true });
  return table('Disputes', columns, disputes, who === 'builder' ? 'No disputes on your orders.' : 'No disputes in this server.');
}

/** Open ones first (soonest due first), then the closed, newest first. */
export function disputesInOrder(disputes: readonly Dispute[]): Dispute[] {
  const open = disputes.filter((d) => d.state === 'open').sort((a, b) => (a.dueBy ?? 0) - (b.dueBy ?? 0));
  const closed = disputes.filter((d) => d.state !== 'open').sort((a, b) => Date.parse(b.firstSeenAt) - Date.parse(a.firstSeenAt));
  return [...open, ...closed];
}
