/**
 * @module read-debts
 * A debt account as people see it: the person's own, or every account of a guild for its
 * admins. The caller has checked who may see which (the session, the interaction's guild).
 */
import type { DocumentStore } from '../../ports';
import { journalUnder } from '../../journal';
import { debtEntriesCollection, debtPath, debtsCollection, type Debt, type DebtEntry } from '../rules/debt';
import { debtAccountFrom, debtJournalPrefix } from '../rules/ledger';

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
  const [journal, notes] = await Promise.all([journalUnder(store, debtJournalPrefix(guildId, userId)), store.query(debtEntriesCollection(guildId, userId))]);
  return debtAccountFrom(stored, journal, new Map(notes.map((d) => [d.data.entryId, d.data])));
}

/** Every account of the guild, with what is owed first (an account settled to zero stays, as a record). */
export async function debtAccountsOfGuild(store: DocumentStore, guildId: string): Promise<DebtAccount[]> {
  const debts = (await store.query(debtsCollection, { where: [['guildId', '==', guildId]] })).map((d) => d.data);
  const accounts = await Promise.all(debts.map((d) => debtAccountOf(store, guildId, d.userId)));
  return accounts
    .filter((a): a is DebtAccount => a !== undefined)
    .sort((a, b) => b.debt.owedCents - a.debt.owedCents || a.debt.userId.localeCompare(b.debt.userId));
}

/** The person's accounts on every server, for their own dashboard: what they owe first. */
export async function debtAccountsOfPerson(store: DocumentStore, userId: string): Promise<DebtAccount[]> {
  const debts = (await store.query(debtsCollection, { where: [['userId', '==', userId]] })).map((d) => d.data);
  const accounts = await Promise.all(debts.map((d) => debtAccountOf(store, d.guildId, userId)));
  return accounts
    .filter((a): a is DebtAccount => a !== undefined)
    .sort((a, b) => b.debt.owedCents - a.debt.owedCents || a.debt.guildId.localeCompare(b.debt.guildId));
}
