/**
 * @module read-debts
 * A debt account as people see it: the person's own, or every account of a guild for its
 * admins. The caller has checked who may see which (the session, the interaction's guild).
 */
import type { DocumentStore } from '../../ports';
import { debtEntriesCollection, debtPath, debtsCollection, type Debt, type DebtEntry } from '../rules/debt';

export interface DebtAccount {
  debt: Debt;
  /** Newest first. */
  entries: DebtEntry[];
}

/** The person's account on the guild, or undefined when they never owed anything there. */
export async function debtAccountOf(store: DocumentStore, guildId: string, userId: string): Promise<DebtAccount | undefined> {
  const debt = await store.get(debtPath(guildId, userId));
  if (!debt) return undefined;
  const entries = (await store.query(debtEntriesCollection(guildId, userId))).map((d) => d.data);
  return { debt, entries: entries.sort((a, b) => (a.at === b.at ? b.entryId.localeCompare(a.entryId) : b.at.localeCompare(a.at))) };
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
