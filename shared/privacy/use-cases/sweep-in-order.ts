/**
 * @module sweep-in-order
 * A retention sweep's walk through a collection in the order of one field, from its cursor
 * (retention-cursor): a page at a time, a few pages a run, the cursor written after each page.
 * Bounded, resumable and idempotent: a run reads at most `pages × limit` records, the next one
 * starts where it stopped, and the records of the instant it stopped at are visited again (a
 * visit must change nothing the second time). A record that fails stops the walk at its
 * instant, so the next run tries it again.
 */
import type { DocumentStore, StoredDocument } from '../../ports';
import { log } from '../../log';
import type { Fields } from '../rules/field-paths';
import { retentionCursorPath } from '../rules/retention-cursor';

export interface InOrderWalk<T extends object = Fields> {
  /** The cursor's name (`retentionCursors/<name>`). */
  name: string;
  /** The field the page is ordered by, ascending, and the cursor follows: a string on every record. */
  field: Extract<keyof T, string>;
  /** The records with `field` at or after `after`, oldest first, at most `limit`. */
  page: (after: string, limit: number) => Promise<StoredDocument<T>[]>;
  limit?: number;
  pages?: number;
  /** A walk made once (a backfill): once it reaches the end it is marked finished, and later runs read nothing. */
  once?: true;
  /**
   * `field` is a person's id (a bidder's): the cursor keeps only what sorts just before it (all
   * but its last character), which names nobody, so an erasure between runs leaves no id behind.
   * The next run reads again the few records sharing that prefix; a visit changes nothing twice.
   */
  namesPeople?: true;
}

export interface InOrderReport {
  visited: number;
  failed: string[];
}

/** More records than this at one instant are read in one page, however large, to pass it. */
const mostAtOneInstant = 20_000;

export async function walkInOrder<T extends object>(
  store: DocumentStore,
  walk: InOrderWalk<T>,
  visit: (record: StoredDocument<T>) => Promise<void>,
  now: Date,
): Promise<InOrderReport> {
  const report: InOrderReport = { visited: 0, failed: [] };
  const limit = walk.limit ?? 200;
  const cursor = await store.get(retentionCursorPath(walk.name));
  if (cursor?.finishedAt) return report;
  let after = cursor?.after ?? '';
  for (let page = 0; page < (walk.pages ?? 5); page++) {
    const records = await pageFrom(walk, after, limit);
    const end = records.length < limit;
    let reached = after;
    for (const record of records) {
      const value = String(record.data[walk.field]);
      try {
        await visit(record);
        report.visited += 1;
        reached = value;
      } catch (error) {
        log.error('a retention sweep could not end a record; the next run tries again', { path: record.path, error });
        report.failed.push(record.path);
        break;
      }
    }
    const finished = walk.once && end && report.failed.length === 0;
    if (reached !== after || finished)
      // A finished walk keeps no place: the last value it reached may be a person's id (a bidder's), which an erasure would leave behind.
      await store.set(
        retentionCursorPath(walk.name),
        finished
          ? { after: '', movedAt: now.toISOString(), finishedAt: now.toISOString() }
          : { after: walk.namesPeople ? reached.slice(0, -1) : reached, movedAt: now.toISOString() },
      );
    if (report.failed.length > 0 || end || reached === after) break;
    after = reached;
  }
  return report;
}

/** A page from `after`; when a whole page sits at that one instant (the cursor could not move), a larger one. */
async function pageFrom<T extends object>(walk: InOrderWalk<T>, after: string, limit: number): Promise<StoredDocument<T>[]> {
  let size = limit;
  for (;;) {
    const records = await walk.page(after, size);
    const first = records[0]?.data[walk.field];
    const stuck = records.length === size && first === after && records[records.length - 1]?.data[walk.field] === first;
    if (!stuck || size >= mostAtOneInstant) return records;
    size = Math.min(size * 4, mostAtOneInstant);
  }
}
