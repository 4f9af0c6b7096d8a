/**
 * @module paging
 * Pages of a query ordered by one timestamp field, without an offset (Firestore bills every
 * skipped document) and without a `startAfter` in the store's port: the next page asks for
 * the rows at or past the last row's timestamp, and leaves out the ids already shown at
 * exactly that timestamp. So rows sharing a timestamp are never skipped or shown twice,
 * whatever order the store gives ties in. The cursor rides in the URL (`?after=`): it is
 * input, read back only if well formed, and every query is still filtered by the session's
 * own user or guild.
 */

export interface PageCursor {
  /** The ordered field's value of the last row shown (an ISO timestamp). */
  at: string;
  /** The ids of rows shown with exactly that value. */
  seen: string[];
}

export type Direction = 'asc' | 'desc';

/** Where a first page starts: past every ISO timestamp in the query's direction ('~' sorts after digits, T and Z). */
export function firstCursor(direction: Direction): PageCursor {
  return { at: direction === 'desc' ? '~' : '', seen: [] };
}

/** How many rows to ask the store for: the page, the ties it will leave out, and one to know there is more. */
export function rowsToAsk(cursor: PageCursor, size: number): number {
  return size + cursor.seen.length + 1;
}

export interface Page<T> {
  rows: T[];
  /** The cursor of the page after this one; none when this is the last. */
  next?: PageCursor;
}

/** One page out of what the store answered for `field <= cursor.at` (or `>=`), in order. */
export function pageOf<T>(answered: readonly T[], cursor: PageCursor, size: number, keyOf: (row: T) => { id: string; at: string }): Page<T> {
  const fresh = answered.filter((row) => {
    const { id, at } = keyOf(row);
    return !(at === cursor.at && cursor.seen.includes(id));
  });
  const rows = fresh.slice(0, size);
  if (fresh.length <= size || rows.length === 0) return { rows };
  const lastAt = keyOf(rows[rows.length - 1] as T).at;
  const tied = rows.filter((row) => keyOf(row).at === lastAt).map((row) => keyOf(row).id);
  return { rows, next: { at: lastAt, seen: lastAt === cursor.at ? [...cursor.seen, ...tied] : tied } };
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.seen]), 'utf8').toString('base64url');
}

/** A cursor from a URL, or the first page's when it is absent or not one of ours. */
export function decodeCursor(raw: string | undefined, direction: Direction): PageCursor {
  if (!raw || raw.length > 4_000) return firstCursor(direction);
  try {
    const [at, seen] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    const idShaped = (id: unknown): id is string => typeof id === 'string' && /^[A-Za-z0-9_.:-]{1,120}$/.test(id);
    if (typeof at !== 'string' || at.length > 40 || !Array.isArray(seen) || seen.length > 200 || !seen.every(idShaped)) return firstCursor(direction);
    return { at, seen };
  } catch {
    return firstCursor(direction);
  }
}
