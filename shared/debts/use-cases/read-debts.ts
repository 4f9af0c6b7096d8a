/**
 * @module read-debts
 * A debt account as people see it: the person's own, or every account of a guild for its
 * admins. The caller has checked who may see which (the session, the interaction's guild).
 */
import type { DocumentStore } from '../../ports';
import { debtJournalOf, journalCollection, journalOfPerson, type JournalEntry } from '../../journal';
import { debtEntriesCollection, debtPath, debtsCollection, type Debt, type DebtEntry } from '../rules/debt';
import { debtAccountFrom } from '../rules/ledger';
import { racerDebtFrom } from '../rules/racer-debt';

/** An account as the journal has it (`debtAccountFrom`): what is owed is the fold, each entry a move that really moved it. */
export interface DebtAccount {
  debt: Debt;
  /** Newest first. */
  entries: DebtEntry[];
}

/** The person's account on the guild, or undefined when they never owed anything there. */
export async function debtAccountOf(store: DocumentStore, guildId: string, userId: string): Promise<DebtAccount | undefined> {
  const stored = await store.get(debtPath(guildId, userId));
  if (!stored) return undefined;
  const [journal, notes] = await Promise.all([debtJournalOf(store, guildId, userId, [stored.journalKey]), store.query(debtEntriesCollection(guildId, userId))]);
  return debtAccountFrom(stored, journal, new Map(notes.map((d) => [d.data.entryId, d.data])));
}

/**
 * Every account of the guild, with what is owed first (an account settled to zero stays, as a
 * record), and every racer who owes commission back. Only a racer paid out can owe it back, so
 * the racers read are those the server's payouts name.
 */
export async function debtAccountsOfGuild(store: DocumentStore, guildId: string): Promise<DebtAccount[]> {
  const [debts, payouts] = await Promise.all([
    store.query(debtsCollection, { where: [['guildId', '==', guildId]] }),
    store.query(journalCollection, {
      where: [
        ['guildId', '==', guildId],
        ['kind', '==', 'racer-payout'],
      ],
    }),
  ]);
  const racers = [...new Set(payouts.flatMap((d) => (d.data.personId ? [d.data.personId] : [])))];
  const accounts = await Promise.all([
    ...debts.map((d) => debtAccountOf(store, guildId, d.data.userId)),
    ...racers.map(async (racerId) => racerDebtFrom(guildId, racerId, await journalOfPerson(store, guildId, racerId))),
  ]);
  return accounts.filter((a): a is DebtAccount => a !== undefined).sort(mostOwedFirst);
}

/** The person's accounts on every server, for their own dashboard, racing ones included: what they owe first. */
export async function debtAccountsOfPerson(store: DocumentStore, userId: string): Promise<DebtAccount[]> {
  const [debts, racing] = await Promise.all([
    store.query(debtsCollection, { where: [['userId', '==', userId]] }),
    store.query(journalCollection, { where: [['personId', '==', userId]] }),
  ]);
  const byGuild = new Map<string, JournalEntry[]>();
  for (const { data } of racing) byGuild.set(data.guildId, [...(byGuild.get(data.guildId) ?? []), data]);
  const accounts = await Promise.all(debts.map((d) => debtAccountOf(store, d.data.guildId, userId)));
  const racers = [...byGuild].map(([guildId, journal]) => racerDebtFrom(guildId, userId, journal));
  return [...accounts, ...racers].filter((a): a is DebtAccount => a !== undefined).sort(mostOwedFirst);
}

const mostOwedFirst = (a: DebtAccount, b: DebtAccount) =>
  b.debt.owedCents - a.debt.owedCents || a.debt.guildId.localeCompare(b.debt.guildId) || a.debt.userId.localeCompare(b.debt.userId);
