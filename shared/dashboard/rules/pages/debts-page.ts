/**
 * @module debts-page
 * What people owe C500 (issue 49), on the dashboard: a person's own accounts on every server
 * (`/dashboard/debts`), and a server's accounts for its admins, each with a form to record a
 * payment made outside C500 and a CSV (`/dashboard/guild/<id>/debts`). Each entry shows its
 * order, amount and reason.
 */
import { formatMoney } from '../../../common';
import { entryLabels, raisingKinds, type DebtAccount, type DebtEntry } from '../../../debts';
import type { AdminGuild } from '../session';
import { csrfField, csvLink, dashboardPage, dateCell, esc, idCell, panel, table, textCell, type Column, type Frame } from './layout';

const owedText = (a: DebtAccount) => esc(formatMoney({ cents: a.debt.owedCents, currency: a.debt.currency }));

function entriesTable(account: DebtAccount): string {
  const money = (e: DebtEntry) => esc(`${raisingKinds.has(e.kind) ? '+' : '−'}${formatMoney({ cents: e.amountCents, currency: e.currency })}`);
  const columns: ReadonlyArray<Column<DebtEntry>> = [
    { label: 'When', cell: (e) => dateCell(e.at) },
    { label: 'What', cell: (e) => esc(entryLabels[e.kind]) },
    { label: 'Order', cell: (e) => (e.orderId ? idCell(e.orderId) : '<span class="hint">–</span>') },
    { label: 'Amount', cell: money, numeric: true },
    { label: 'Why', cell: (e) => textCell(e.byName ? `${e.reason} (recorded by ${e.byName})` : e.reason) },
  ];
  return table('Debt entries', columns, account.entries.slice(0, 100), 'No entries.');
}

/** The signed-in person's own accounts, one panel per server. */
export function ownDebtsPage(frame: Frame, accounts: readonly DebtAccount[], guildNames: ReadonlyMap<string, string>): string {
  const body =
    accounts.length === 0
      ? '<p class="empty">You owe C500 nothing, on any server.</p>'
      : accounts
          .map((a) =>
            panel(
              `debt-${a.debt.racer ? 'racer-' : ''}${a.debt.guildId}`,
              `${guildNames.get(a.debt.guildId) ?? `Server ${a.debt.guildId}`}${a.debt.racer ? ' (racing)' : ''}: you owe ${formatMoney({ cents: a.debt.owedCents, currency: a.debt.currency })}`,
              entriesTable(a),
            ),
          )
          .join('\n');
  return dashboardPage(
    frame,
    `<h1>What you owe C500</h1><p class="hint">A refund or a dispute after your money went out that Stripe could not take back is owed here. Your next releases pay it; a server’s admin can record it paid outside C500. Race commission a refund took back after it was paid out is owed too, and your next race credits make it up.</p>${body}`,
  );
}

/** A server's accounts, for its admins: who owes what (by name, the id beside it), each entry, and a form per person to record a payment outside C500. */
export function guildDebtsPage(frame: Frame, guild: AdminGuild, accounts: readonly DebtAccount[], names: ReadonlyMap<string, string> = new Map()): string {
  const who = (a: DebtAccount) => names.get(a.debt.userId);
  const base = `/dashboard/guild/${guild.id}/debts`;
  const csrf = frame.who?.csrf ?? '';
  const columns: ReadonlyArray<Column<DebtAccount>> = [
    { label: 'Person', cell: (a) => (who(a) ? `${esc(who(a) ?? '')} ${idCell(a.debt.userId)}` : idCell(a.debt.userId)) },
    { label: 'Owes', cell: owedText, numeric: true },
    { label: 'Last entry', cell: (a) => dateCell(a.entries[0]?.at) },
    {
      label: 'Paid outside C500',
      cell: (a) =>
        a.debt.racer
          ? '<span class="hint">Race commission: their next race credits make it up</span>'
          : a.debt.owedCents <= 0
            ? '<span class="hint">Nothing owed</span>'
            : `<form method="post" action="${esc(`${base}/${a.debt.userId}/paid`)}" class="paid-form">${csrfField(csrf)}<input type="hidden" name="seen" value="${a.entries.length}"><label class="visually-hidden" for="amount-${esc(a.debt.userId)}">Amount</label><input id="amount-${esc(a.debt.userId)}" name="amount" inputmode="decimal" required placeholder="Amount"><label class="visually-hidden" for="dnote-${esc(a.debt.userId)}">Note</label><input id="dnote-${esc(a.debt.userId)}" name="note" maxlength="500" placeholder="How it was paid"><button class="button" type="submit">Record paid</button><button class="button secondary" type="submit" formaction="${esc(`${base}/${a.debt.userId}/written-off`)}">Write off</button></form>`,
    },
  ];
  const details = accounts
    .map((a) =>
      panel(
        `debt-${a.debt.racer ? 'racer-' : ''}${a.debt.userId}`,
        `${who(a) ?? a.debt.userId}${a.debt.racer ? ' (racing)' : ''}: owes ${formatMoney({ cents: a.debt.owedCents, currency: a.debt.currency })}`,
        entriesTable(a),
      ),
    )
    .join('\n');
  return dashboardPage(
    frame,
    `<h1>${esc(guild.name)}: debts</h1><p class="hint"><a href="/dashboard/guild/${esc(guild.id)}">Back to the server</a></p>
    ${panel('debts', 'Who owes C500', table('Debts', columns, accounts, 'Nobody owes C500 anything on this server.'), csvLink(`/dashboard/guild/${guild.id}/debts.csv`, 'Download CSV'))}
    ${details}`,
  );
}
