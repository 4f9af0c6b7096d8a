/**
 * @module write-entry
 * An entry is written inside the transaction of the change it records, under its cause's id:
 * a transaction run again, or a cause delivered again that reaches the write, writes the same
 * entry under the same id (the change it records is itself written once, so its entry is).
 * An entry that does not balance is refused before anything is written: the transaction fails
 * and the platform retries, as with any defect of the system.
 */
import type { Transaction, WriteSet } from '../../ports';
import { entryProblem, journalPath, type JournalEntry } from '../rules/entry';

export class UnbalancedEntry extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'UnbalancedEntry';
  }
}

/** Writes the entry (nothing for none). */
export function writeEntry(tx: Pick<Transaction, 'set'> | Pick<WriteSet, 'set'>, entry: JournalEntry | undefined): void {
  if (!entry) return;
  const problem = entryProblem(entry);
  if (problem) throw new UnbalancedEntry(problem);
  tx.set(journalPath(entry.entryId), entry);
}
