/**
 * @module journal-accounts
 * A person's own account as the journal keeps it (a racer's payable, a debt to C500), for what
 * privacy decides: whether it still holds money (the fold of their postings on it, never the
 * cached figure beside it: a wallet's shards, a debt's `owedCents`), and which of their journal
 * entries may lose their name together once it is empty.
 */
import type { DocumentStore, Transaction } from '../../ports';
import { accountSettled, debtJournalOf, debtKeyOf, journalOfPerson, journalPath, settledRun, type JournalEntry, type PersonalAccount } from '../../journal';
import { accountOpenInJournal, type KeptDocument } from '../rules/kept-data-types';
import type { Fields } from '../rules/field-paths';

type JournalReader = Pick<Transaction, 'query'> | Pick<DocumentStore, 'query'>;

/**
 * The entries that move the person's account on the server, oldest first: a racer's name them; a
 * debt's sit under its prefixes (the person's pseudonym's, the key the account or one of its
 * entries' ids names, and their raw id's before issue 79).
 */
const entriesOf = (
  reader: JournalReader,
  account: PersonalAccount,
  guildId: string,
  personId: string,
  debtKeys: ReadonlyArray<string | undefined> = [],
): Promise<JournalEntry[]> => (account === 'owed-to-c500' ? debtJournalOf(reader, guildId, personId, debtKeys) : journalOfPerson(reader, guildId, personId));

/** Whether the person's account on the server is not yet empty: money owed to them, owed by them, or in flight. */
export async function accountOpen(
  reader: JournalReader,
  account: PersonalAccount,
  guildId: string,
  personId: string,
  debtKeys: ReadonlyArray<string | undefined> = [],
): Promise<boolean> {
  return !accountSettled(await entriesOf(reader, account, guildId, personId, debtKeys), personId, account);
}

/** The record's whole with `accountOpenInJournal` set from the journal, for a record that caches a journal balance (a wallet, a debt). */
export async function withJournalAccount(reader: JournalReader, document: KeptDocument, whole: Fields): Promise<Fields> {
  const from = document.accountInJournal;
  const guildId = from ? whole[from.guildField] : undefined;
  const personId = from ? whole[from.personField] : undefined;
  if (!from || typeof guildId !== 'string' || typeof personId !== 'string') return whole;
  const debtKey = typeof whole.journalKey === 'string' ? whole.journalKey : undefined;
  return { ...whole, [accountOpenInJournal]: await accountOpen(reader, from.account ?? 'racer-payable', guildId, personId, [debtKey]) };
}

/**
 * The person's journal entries on the account that lose their name with the entry `through`: the
 * shortest run of their entries, oldest first, through it, after which the account is empty
 * (undefined while it is not, or while `due` refuses one of the run). Ended together in one
 * transaction, the entries still named fold to the same balance.
 */
export async function settledEntries(
  reader: JournalReader,
  account: PersonalAccount,
  of: { guildId: string; personId: string },
  through: string,
  due: (entry: Fields) => boolean,
): Promise<Array<{ path: string; data: Fields }> | undefined> {
  const run = settledRun(await entriesOf(reader, account, of.guildId, of.personId, [debtKeyOf(through)]), of.personId, through, account)?.map((entry) => ({
    path: journalPath(entry.entryId),
    data: { ...entry },
  }));
  return run?.every((entry) => due(entry.data)) ? run : undefined;
}
