/**
 * @module racer-accounts
 * A racer's account as the journal keeps it, for what privacy decides: whether their wallet
 * still holds money (the fold of their `racer-payable` postings, never the shards' cached
 * balance), and which of their journal entries may lose their name together once it is empty.
 */
import type { DocumentStore, Transaction } from '../../ports';
import { journalOfPerson, journalPath, racerSettled, settledRun } from '../../journal';
import { accountOpenInJournal, type KeptDocument } from '../rules/kept-data-types';
import type { Fields } from '../rules/field-paths';

type JournalReader = Pick<Transaction, 'query'> | Pick<DocumentStore, 'query'>;

/** Whether the racer's account on the server is not yet empty: money owed to them, owed back, or in flight. */
export async function racerAccountOpen(reader: JournalReader, guildId: string, personId: string): Promise<boolean> {
  return !racerSettled(await journalOfPerson(reader, guildId, personId), personId);
}

/** The record's whole with `accountOpenInJournal` set from the journal, for a record that caches a journal balance (a wallet). */
export async function withJournalAccount(reader: JournalReader, document: KeptDocument, whole: Fields): Promise<Fields> {
  const from = document.accountInJournal;
  const guildId = from ? whole[from.guildField] : undefined;
  const personId = from ? whole[from.personField] : undefined;
  if (typeof guildId !== 'string' || typeof personId !== 'string') return whole;
  return { ...whole, [accountOpenInJournal]: await racerAccountOpen(reader, guildId, personId) };
}

/**
 * The racer's journal entries that lose their name with the entry `through`: the shortest run of
 * their entries, oldest first, through it, after which their account is empty (undefined while it
 * is not, or while `due` refuses one of the run). Ended together in one transaction, the entries
 * still named fold to the same balance.
 */
export async function settledEntries(
  reader: JournalReader,
  guildId: string,
  personId: string,
  through: string,
  due: (entry: Fields) => boolean,
): Promise<Array<{ path: string; data: Fields }> | undefined> {
  const run = settledRun(await journalOfPerson(reader, guildId, personId), personId, through)?.map((entry) => ({
    path: journalPath(entry.entryId),
    data: { ...entry },
  }));
  return run?.every((entry) => due(entry.data)) ? run : undefined;
}
