/** A journal entry for the journal's tests: its kind and postings, the rest a fixed server, day and currency unless given. */
import type { JournalEntry, Posting } from '../rules/entry';

export const entry = (entryId: string, kind: JournalEntry['kind'], postings: Posting[], fields: Partial<JournalEntry> = {}): JournalEntry => ({
  entryId,
  kind,
  at: '2026-11-27T12:00:00.000Z',
  guildId: 'g',
  currency: 'usd',
  postings,
  ...fields,
});
