/**
 * @module racer-debt
 * What a racer owes back on a server (issue 75, problem 4): their `racer-payable` account
 * below zero, when a refund reversed commission already paid out to them. Read from the
 * journal alone, as a debt account the person and the server's admins see beside the others;
 * the racer's next race credits make it up, so nobody records it paid.
 */
import { payableTo, type JournalEntry } from '../../journal';
import { entryLabels } from './ledger';
import type { Debt, DebtEntry } from './debt';

/** The racer's account on the server as a debt, or undefined when the platform owes them (or nothing). */
export function racerDebtFrom(guildId: string, racerId: string, journal: readonly JournalEntry[]): { debt: Debt; entries: DebtEntry[] } | undefined {
  const mine = journal.filter((e) => e.guildId === guildId);
  const currency = mine[0]?.currency;
  if (!currency) return undefined;
  const owedCents = 0 - payableTo(mine, currency, racerId);
  if (owedCents <= 0) return undefined;
  const reversals = mine.flatMap((e): DebtEntry[] => {
    const taken = e.kind === 'racer-earning' ? e.postings.filter((p) => p.account === 'racer-payable' && p.personId === racerId && p.amountCents > 0) : [];
    const amountCents = taken.reduce((sum, p) => sum + p.amountCents, 0);
    if (amountCents === 0 || e.pending) return [];
    return [{ entryId: e.entryId, kind: 'commission-reversed', amountCents, currency: e.currency, reason: entryLabels['commission-reversed'], at: e.at }];
  });
  reversals.sort((a, b) => (a.at === b.at ? b.entryId.localeCompare(a.entryId) : b.at.localeCompare(a.at)));
  const updatedAt = mine.map((e) => e.at).reduce((a, b) => (a > b ? a : b), '');
  return { debt: { guildId, userId: racerId, racer: true, owedCents, currency, updatedAt }, entries: reversals };
}
