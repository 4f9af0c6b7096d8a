/**
 * @module read-journal
 * The entries of a server: a single-field equality query (no composite index). The caller has
 * checked who may see them (a server's admins).
 */
import type { DocumentStore } from '../../ports';
import { journalCollection, type JournalEntry } from '../rules/entry';

const byTime = (a: JournalEntry, b: JournalEntry) => a.at.localeCompare(b.at) || a.entryId.localeCompare(b.entryId);

/** Every entry of the server, oldest first. */
export async function journalOfGuild(store: Pick<DocumentStore, 'query'>, guildId: string): Promise<JournalEntry[]> {
  return (await store.query(journalCollection, { where: [['guildId', '==', guildId]] })).map((d) => d.data).sort(byTime);
}
