/**
 * @module journal-read
 * What a transaction read of the journal before its first write, which every append is checked
 * against (use-cases/write-entry.ts): the journal is append-only by construction.
 */
import type { JournalEntry } from './entry';

/**
 * What a transaction read of the journal before its first write: the entries it saw, and which
 * entries its reads would have seen had they been written (all of one order's, or some ids).
 * It also keeps what the transaction writes, so one entry written twice in it is written once.
 */
export class JournalRead {
  private readonly seen = new Map<string, JournalEntry>();

  private constructor(
    entries: readonly JournalEntry[],
    private readonly orderIds: ReadonlySet<string>,
    private readonly entryIds: ReadonlySet<string>,
  ) {
    for (const entry of entries) this.seen.set(entry.entryId, entry);
  }

  /** Every entry of these orders, as read in the transaction (`journalOfOrder`): it covers any entry of theirs. */
  static ofOrders(orderIds: readonly string[], entries: readonly JournalEntry[]): JournalRead {
    return new JournalRead(entries, new Set(orderIds), new Set());
  }

  /** The entries of these ids, as read in the transaction (`readEntries`). */
  static ofIds(entryIds: readonly string[], entries: readonly JournalEntry[]): JournalRead {
    return new JournalRead(entries, new Set(), new Set(entryIds));
  }

  /** One read of several reads of the same transaction. */
  static joined(...reads: JournalRead[]): JournalRead {
    const joined = new JournalRead(
      reads.flatMap((r) => [...r.seen.values()]),
      new Set(reads.flatMap((r) => [...r.orderIds])),
      new Set(reads.flatMap((r) => [...r.entryIds])),
    );
    return joined;
  }

  /** Whether this read would have seen the entry, had it been written before. */
  covers(entry: Pick<JournalEntry, 'entryId' | 'orderId'>): boolean {
    return this.entryIds.has(entry.entryId) || (entry.orderId !== undefined && this.orderIds.has(entry.orderId));
  }

  /** The entry of this id the read saw (or the transaction wrote). */
  found(entryId: string): JournalEntry | undefined {
    return this.seen.get(entryId);
  }

  /** Every entry the read saw, and those the transaction wrote since. */
  entries(): JournalEntry[] {
    return [...this.seen.values()];
  }

  /** Records an entry the transaction writes. */
  keep(entry: JournalEntry): void {
    this.seen.set(entry.entryId, entry);
  }
}
