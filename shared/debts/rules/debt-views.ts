/**
 * @module debt-views
 * A debt account in words and in CSV rows: what the person owes on the server, and each
 * entry with its order, amount and reason.
 */
import { formatMoney } from '../../common';
import { raisingKinds, type Debt, type DebtEntry } from './debt';
import { entryLabels } from './ledger';

/** The `/c500 profile` lines of the person's own account (the last few entries); none when nothing was ever owed. */
export function debtProfileLines(account: { debt: Debt; entries: readonly DebtEntry[] } | undefined, shown = 5): string[] {
  if (!account) return [];
  const { debt, entries } = account;
  const head =
    debt.owedCents > 0
      ? `**You owe C500 ${formatMoney({ cents: debt.owedCents, currency: debt.currency })}** on this server: it is taken from your next releases.`
      : 'You owe C500 nothing on this server.';
  return [head, ...entries.slice(0, shown).map(entryLine)];
}

/** One entry as a line: its sign, amount, what it was and its order. */
export function entryLine(entry: DebtEntry): string {
  const sign = raisingKinds.has(entry.kind) ? '+' : '−';
  const order = entry.orderId ? ` (order \`${entry.orderId}\`)` : '';
  return `${entry.at.slice(0, 10)} ${sign}${formatMoney({ cents: entry.amountCents, currency: entry.currency })} ${entryLabels[entry.kind]}${order}`;
}

export const debtCsvHeader = ['user_id', 'owed_cents', 'currency', 'entry_at', 'entry_kind', 'order_id', 'amount_cents', 'reason'] as const;

/** One CSV row per entry (an account without entries still gets one row), amounts in integer cents. */
export function debtCsvRows(accounts: ReadonlyArray<{ debt: Debt; entries: readonly DebtEntry[] }>): Array<Array<string | number>> {
  return accounts.flatMap(({ debt, entries }) => {
    const base = [debt.userId, debt.owedCents, debt.currency];
    if (entries.length === 0) return [[...base, '', '', '', '', '']];
    return entries.map((e) => [...base, e.at, e.kind, e.orderId ?? '', raisingKinds.has(e.kind) ? e.amountCents : -e.amountCents, e.reason]);
  });
}
