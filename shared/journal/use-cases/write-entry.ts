/**
 * @module write-entry
 * The journal is append-only by construction: an entry is written inside the transaction of
 * the change it records, under its cause's id, and only against a read of the journal made
 * in that transaction before its writes (`JournalRead`). The same movement found there under
 * its id (a cause delivered again, a transaction run again) writes nothing; a different entry
 * under that id is refused, the transaction fails and a person is paged: an entry once written
 * is never overwritten. A new entry is created, so a writer that raced past the read fails its
 * commit instead of overwriting.
 */
import type { Transaction, WriteSet } from '../../ports';
import { entryProblem, journalPath, sameMoney, type JournalEntry } from '../rules/entry';
import { JournalRead } from '../rules/journal-read';
import { moneyNeedsHuman } from '../../money-needs-human';

export class UnbalancedEntry extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'UnbalancedEntry';
  }
}

/** A different entry under an id already written: refused, never overwritten. */
export class JournalConflict extends Error {
  constructor(readonly entryId: string) {
    super(`journal entry ${entryId} is written already with other money: an entry is never overwritten`);
    this.name = 'JournalConflict';
  }
}

/** An entry written without a read of its id first: a defect of the code that wrote it. */
export class UnreadEntry extends Error {
  constructor(readonly entryId: string) {
    super(`journal entry ${entryId} was written without reading the journal for it first`);
    this.name = 'UnreadEntry';
  }
}

/** Reads entries by id, before the transaction's first write: what `writeEntry` checks an entry written without its order's journal against. */
export async function readEntries(tx: Pick<Transaction, 'get'>, entryIds: readonly string[]): Promise<JournalRead> {
  const ids = [...new Set(entryIds)];
  const found = await Promise.all(ids.map((id) => tx.get(journalPath(id))));
  return JournalRead.ofIds(
    ids,
    found.filter((e): e is JournalEntry => e !== undefined),
  );
}

/**
 * Appends the entry (nothing for none): written once, checked against what the transaction
 * read. Answers whether it was written now (false: the same movement was there already).
 */
export function writeEntry(tx: Pick<WriteSet, 'create'>, read: JournalRead, entry: JournalEntry | undefined): boolean {
  if (!entry) return false;
  const problem = entryProblem(entry);
  if (problem) throw new UnbalancedEntry(problem);
  if (!read.covers(entry)) throw new UnreadEntry(entry.entryId);
  const there = read.found(entry.entryId);
  if (there) {
    if (sameMoney(there, entry)) return false;
    moneyNeedsHuman('journal-entry-conflict', { ...(entry.orderId ? { orderId: entry.orderId } : {}), guildId: entry.guildId, entryId: entry.entryId });
    throw new JournalConflict(entry.entryId);
  }
  tx.create(journalPath(entry.entryId), entry);
  read.keep(entry);
  return true;
}

/**
 * The old write, which replaced whatever an id held. Kept only while its last callers move to
 * `writeEntry` (test/unit/journal-append-only.test.ts lists them and must end empty).
 * @deprecated
 */
export function writeEntryUnread(tx: Pick<Transaction, 'set'> | Pick<WriteSet, 'set'>, entry: JournalEntry | undefined): void {
  if (!entry) return;
  const problem = entryProblem(entry);
  if (problem) throw new UnbalancedEntry(problem);
  tx.set(journalPath(entry.entryId), entry);
}
