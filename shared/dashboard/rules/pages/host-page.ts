/**
 * @module host-page
 * A show host's page: the shows they ran with every lot and how it went, each lot's cut and
 * how it went out (transferred, owed by hand, paid by hand), and the cuts owed by hand.
 */
import { formatMoney, percentOf } from '../../../common';
import type { Auction } from '../../../auctions';
import type { HostPayout } from '../../../payments';
import type { Order } from '../../../orders';
import type { Show, ShowLot } from '../../../shows';
import { cutStatusOf, hostSentCents, payoutStandingOf } from '../host-views';
import type { Counted } from '../earnings-chart';
import { auctionResult } from './builder-page';
import { csvLink, dashboardPage, dateCell, esc, idCell, panel, pager, pill, table, textCell, type Column, type Frame } from './layout';

export interface HostPageData {
  shows: Array<{ show: Show; auctions: Record<string, Auction> }>;
  showsNext: string | undefined;
  cuts: Array<Counted<Order>>;
  cutsNext: string | undefined;
  /** The host's payouts owed (or paid) by hand, by order id. */
  payouts: HostPayout[];
}

export function hostPage(frame: Frame, data: HostPageData): string {
  const byOrder = new Map(data.payouts.map((p) => [p.orderId, p]));
  const shows = data.shows.length === 0 ? '<p class="empty">No shows hosted yet.</p>' : data.shows.map((s) => showBlock(s.show, s.auctions)).join('');
  return dashboardPage(
    frame,
    `<h1>Your shows</h1>
    ${panel('shows', 'Shows and lots', `${shows}${pager('/dashboard/host', {}, data.showsNext, 'Older shows', 'shows_after')}`, csvLink('/dashboard/host/lots.csv', 'Download CSV'))}
    ${panel('cuts', 'Your cut of each lot', `${cutsTable(data.cuts, byOrder)}${pager('/dashboard/host', {}, data.cutsNext, 'Older lots', 'cuts_after')}`, csvLink('/dashboard/host/cuts.csv', 'Download CSV'))}
    ${panel('owed', 'Cuts owed by hand', owedTable(data.payouts))}`,
  );
}

const lotColumns = (auctions: Record<string, Auction>, currency: string): ReadonlyArray<Column<ShowLot>> => [
  { label: 'Lot', cell: (l) => esc(l.item) },
  { label: 'Builder', cell: (l) => esc(l.builderName) },
  { label: 'Opening', cell: (l) => esc(formatMoney({ cents: l.startCents, currency })), numeric: true },
  {
    label: 'Result',
    cell: (l) => {
      const auction = auctions[l.lotId];
      if (l.state === 'skipped') return esc(`Skipped${l.skippedBecause ? `: ${l.skippedBecause}` : ''}`);
      return auction ? esc(auctionResult(auction)) : esc(l.state === 'up-next' ? 'Up next' : l.state);
    },
  },
  { label: 'Winner', cell: (l) => textCell(auctions[l.lotId]?.offer?.bidderName ?? auctions[l.lotId]?.winner?.bidderName) },
];

function showBlock(show: Show, auctions: Record<string, Auction>): string {
  const cut = show.hostCutBps !== undefined ? ` · your cut ${percentOf(show.hostCutBps)}` : '';
  return `<article class="show-block"><h3>${esc(show.title)}</h3><p class="hint">${pill(show.status, show.status)} ${dateCell(show.startedAt ?? show.createdAt)} · ${show.lots.length} lots${esc(cut)}</p>${table(
    `Lots of ${show.title}`,
    lotColumns(auctions, show.currency),
    show.lots,
    'No lots were added.',
  )}</article>`;
}

function cutsTable(cuts: ReadonlyArray<Counted<Order>>, byOrder: ReadonlyMap<string, HostPayout>): string {
  const money = (o: Order, cents: number | undefined) =>
    cents === undefined ? '<span class="hint">–</span>' : esc(formatMoney({ cents, currency: o.currency }));
  const columns: ReadonlyArray<Column<Counted<Order>>> = [
    { label: 'Order', cell: (o) => `<a href="/dashboard/orders/${esc(o.orderId)}">${idCell(o.orderId)}</a>` },
    { label: 'Lot', cell: (o) => esc(o.title) },
    { label: 'Builder', cell: (o) => esc(o.builderName) },
    { label: 'Price', cell: (o) => money(o, o.amountCents), numeric: true },
    { label: 'Your cut', cell: (o) => money(o, o.hostCutCents), numeric: true },
    { label: 'Sent', cell: (o) => money(o, hostSentCents(o)), numeric: true },
    { label: 'How', cell: (o) => esc(cutStatusOf(o, byOrder.get(o.orderId))) },
    { label: 'Date', cell: (o) => dateCell(o.payouts.host?.releasedAt ?? o.paidAt ?? o.createdAt) },
  ];
  return table('Your cut of each lot', columns, cuts, 'No lots sold in your shows yet.');
}

function owedTable(payouts: readonly HostPayout[]): string {
  const columns: ReadonlyArray<Column<HostPayout>> = [
    { label: 'Order', cell: (p) => idCell(p.orderId) },
    { label: 'Owed', cell: (p) => esc(formatMoney({ cents: p.amountCents, currency: p.currency })), numeric: true },
    { label: 'Why', cell: (p) => esc(p.reason === 'no-account' ? 'No Stripe account that takes transfers' : 'Stripe refused the transfer') },
    { label: 'Status', cell: (p) => payoutPill(p) },
    { label: 'Since', cell: (p) => dateCell(p.createdAt) },
    { label: 'Paid', cell: (p) => dateCell(p.paidByHand?.at) },
  ];
  return table('Cuts owed by hand', columns, payouts, 'Nothing owed by hand: every cut went out by transfer.');
}

function payoutPill(payout: HostPayout): string {
  const standing = payoutStandingOf(payout);
  if (standing === 'paid-by-hand') return pill('paid', 'Paid by hand');
  return standing === 'nothing-owed' ? pill('refunded', 'Nothing owed (refunded)') : pill('awaiting-payment', 'Owed');
}
