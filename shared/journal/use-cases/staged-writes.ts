/**
 * @module staged-writes
 * For a transaction whose journal entries are known only as it stages its writes (a sale's
 * credits, a refund's reversals, a payout): its writes are staged first, the journal is read
 * for the entries among them, and only then are the writes made and the entries appended
 * against that read. Firestore wants every read before the first write; the journal wants
 * every entry written against a read of its id (write-entry.ts).
 */
import type { Transaction, WriteSet } from '../../ports';
import type { JournalEntry } from '../rules/entry';
import { readEntries, writeEntry } from './write-entry';

/** A transaction's writes, and the journal entries it appends. */
export interface JournalWrites extends WriteSet {
  append(entry: JournalEntry | undefined): void;
}

/**
 * Runs `stage` (synchronous: its reads are done) against staged writes, reads the journal for
 * the entries it appended, then makes its writes in `tx` and appends its entries once each.
 */
export async function withJournalAppends<R>(tx: Transaction, stage: (writes: JournalWrites) => R): Promise<R> {
  const staged: Array<(writes: WriteSet) => void> = [];
  const entries: JournalEntry[] = [];
  const writes: JournalWrites = {
    set: (path, data, options) => void staged.push((w) => w.set(path, data, options)),
    create: (path, data) => void staged.push((w) => w.create(path, data)),
    update: (path, fields) => void staged.push((w) => w.update(path, fields)),
    delete: (path) => void staged.push((w) => w.delete(path)),
    append: (entry) => void (entry && entries.push(entry)),
  };
  const result = stage(writes);
  const read = await readEntries(
    tx,
    entries.map((e) => e.entryId),
  );
  for (const write of staged) write(tx);
  for (const entry of entries) writeEntry(tx, read, entry);
  return result;
}
