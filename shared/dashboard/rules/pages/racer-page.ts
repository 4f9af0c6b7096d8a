/**
 * @module racer-page
 * A racer's page: their wallet in each server (pending, paid out, earned, and what each race
 * earned), every line of their ledger in the journal (commissions, reversals for refunds, payouts) and their payouts.
 */
import { formatMoney } from '../../../common';
import type { RacerLine, Payout, Wallet } from '../../../races';
import { csvLink, dashboardPage, dateCell, esc, panel, pager, pill, table, textCell, type Column, type Frame } from './layout';

export interface RacerPageData {
  wallets: Wallet[];
  ledger: RacerLine[];
  ledgerNext: string | undefined;
  payouts: Payout[];
}

export const ledgerKindLabels: Record<RacerLine['kind'], string> = {
  credit: 'Commission',
  reversal: 'Reversal (refund)',
  payout: 'Payout',
  'payout-reversal': 'Payout returned',
};

export function racerPage(frame: Frame, data: RacerPageData): string {
  const raceTitles = new Map(data.wallets.flatMap((w) => Object.entries(w.races ?? {}).map(([lobbyId, race]) => [lobbyId, race.title] as const)));
  return dashboardPage(
    frame,
    `<h1>Your race earnings</h1>
    ${panel('wallets', 'Wallets', walletsBlock(data.wallets))}
    ${panel('ledger', 'Ledger', `${ledgerTable(data.ledger, raceTitles)}${pager('/dashboard/racer', {}, data.ledgerNext)}`, csvLink('/dashboard/racer/ledger.csv', 'Download CSV'))}
    ${panel('payouts', 'Payouts', payoutsTable(data.payouts), csvLink('/dashboard/racer/payouts.csv', 'Download CSV'))}`,
  );
}

function walletsBlock(wallets: readonly Wallet[]): string {
  if (wallets.length === 0) return '<p class="empty">No race earnings yet: join a race lobby in Discord.</p>';
  return wallets
    .map((w) => {
      const money = (cents: number) => esc(formatMoney({ cents, currency: w.currency }));
      const races = Object.entries(w.races ?? {})
        .sort((a, b) => Date.parse(b[1].startedAt) - Date.parse(a[1].startedAt))
        .map(([, race]) => ({ ...race }));
      const raceColumns: ReadonlyArray<Column<(typeof races)[number]>> = [
        { label: 'Race', cell: (r) => esc(r.title || 'Race') },
        { label: 'Started', cell: (r) => dateCell(r.startedAt) },
        { label: 'Earned', cell: (r) => money(r.earnedCents), numeric: true },
      ];
      return `<article class="wallet"><h3>Server <code class="id">${esc(w.guildId)}</code></h3><ul class="figures">
        <li><span class="figure-label">Pending</span><strong>${money(w.pendingCents)}</strong></li>
        <li><span class="figure-label">Paid out</span><strong>${money(w.paidCents)}</strong></li>
        <li><span class="figure-label">Earned</span><strong>${money(w.earnedCents)}</strong></li></ul>
        ${table('What each race earned', raceColumns, races, 'No races yet.')}</article>`;
    })
    .join('');
}

function ledgerTable(entries: readonly RacerLine[], raceTitles: ReadonlyMap<string, string>): string {
  const columns: ReadonlyArray<Column<RacerLine>> = [
    { label: 'When', cell: (e) => dateCell(e.at) },
    { label: 'What', cell: (e) => pill(e.kind === 'credit' ? 'paid' : e.kind === 'payout' ? 'building' : 'refunded', ledgerKindLabels[e.kind]) },
    { label: 'Race', cell: (e) => textCell(raceOf(e, raceTitles)) },
    { label: 'Server', cell: (e) => `<code class="id">${esc(e.guildId)}</code>` },
    { label: 'Amount', cell: (e) => esc(formatMoney({ cents: e.amountCents, currency: e.currency })), numeric: true },
  ];
  return table('Your ledger', columns, entries, 'No ledger entries yet.');
}

/** A line's race: its title (its id once the lobby is gone); an earning of no race was written before entries named theirs (issue 75). */
function raceOf(e: RacerLine, raceTitles: ReadonlyMap<string, string>): string | undefined {
  if (e.lobbyId) return raceTitles.get(e.lobbyId) || e.lobbyId;
  return e.kind === 'credit' || e.kind === 'reversal' ? 'Earlier races' : undefined;
}

function payoutsTable(payouts: readonly Payout[]): string {
  const columns: ReadonlyArray<Column<Payout>> = [
    { label: 'When', cell: (p) => dateCell(p.at) },
    { label: 'Amount', cell: (p) => esc(formatMoney({ cents: p.amountCents, currency: p.currency })), numeric: true },
    { label: 'How', cell: (p) => esc(p.method === 'stripe' ? 'Stripe transfer' : 'By hand') },
    { label: 'Status', cell: (p) => esc(p.status) },
    { label: 'Note', cell: (p) => textCell(p.note) },
  ];
  return table('Your payouts', columns, payouts, 'No payouts yet.');
}
