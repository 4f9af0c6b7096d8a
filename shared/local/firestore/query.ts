/**
 * @module query
 * How the embedded document store (document-store) answers a query as Firestore
 * would: the documents directly in a collection, filtered with Firestore's typing rules (a
 * range filter matches only values of its own type), ordered (leaving out documents that
 * lack an ordered field), then limited; and the fingerprint of an answer that a
 * transaction's commit compares to see whether the query would now answer otherwise.
 * Apart from the store because it only reads: none of it changes a document.
 */
import { asRead, type DocumentData, type Query, type StoredDocument } from '../../ports';
import { compareValues, isDate, readField, sameType } from './document-values';

/** A document as the store keeps it: undefined data marks a deleted one, kept so a stale read of it is still detected. */
export interface Entry {
  data: DocumentData | undefined;
  version: number;
}

/** The collection a document is directly in: its path without the last segment. */
export const collectionOf = (path: string): string => path.slice(0, path.lastIndexOf('/'));

/** The rows a query answers, in its order, from the documents directly in its collection: each one's path and entry. */
export function selectDocuments(inCollection: ReadonlyMap<string, Entry> | undefined, query: Query): Array<[string, Entry]> {
  let rows = [...(inCollection?.entries() ?? [])].filter(([, entry]) => entry.data !== undefined);
  for (const [field, op, value] of query.where ?? []) {
    // An `in` of ids (a page's orders) is looked up, not compared value by value: Firestore serves it from its index.
    const ids = op === 'in' && Array.isArray(value) && value.every((v) => typeof v === 'string') ? new Set<unknown>(value) : undefined;
    rows = ids
      ? rows.filter(([, e]) => ids.has(readField(e.data as DocumentData, field)))
      : rows.filter(([, e]) => matches(readField(e.data as DocumentData, field), op, value));
  }
  const order = query.orderBy ?? [];
  // Firestore leaves out documents that lack an ordered field.
  rows = rows.filter(([, e]) => order.every(([field]) => readField(e.data as DocumentData, field) !== undefined));
  rows.sort(([pa, a], [pb, b]) => {
    for (const [field, direction] of order) {
      const c = compareValues(readField(a.data as DocumentData, field), readField(b.data as DocumentData, field));
      if (c !== 0) return direction === 'desc' ? -c : c;
    }
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
  return query.limit === undefined ? rows : rows.slice(0, query.limit);
}

/** A collection-group query's rows: the documents of every collection with that id, wherever it sits. */
export function selectGroupDocuments(byCollection: ReadonlyMap<string, ReadonlyMap<string, Entry>>, group: string, query: Query): Array<[string, Entry]> {
  const inGroup = new Map<string, Entry>();
  for (const [collection, entries] of byCollection) {
    if (collection.slice(collection.lastIndexOf('/') + 1) === group) for (const [path, entry] of entries) inGroup.set(path, entry);
  }
  return selectDocuments(inGroup, query);
}

function matches(actual: unknown, op: NonNullable<Query['where']>[number][1], asked: unknown): boolean {
  if (actual === undefined) return false;
  // A timestamp is kept as its ISO string (what it reads back as): a Date asked for compares as one, as in Firestore.
  const expected = isDate(asked) ? asked.toISOString() : asked;
  switch (op) {
    case '==':
      return compareValues(actual, expected) === 0 && sameType(actual, expected);
    case '!=':
      return actual !== null && !(sameType(actual, expected) && compareValues(actual, expected) === 0);
    case 'in':
      return Array.isArray(expected) && expected.some((e) => sameType(actual, e) && compareValues(actual, e) === 0);
    case 'array-contains':
      return Array.isArray(actual) && actual.some((a) => sameType(a, expected) && compareValues(a, expected) === 0);
    default: {
      // Range filters only match values of the same type, as in Firestore.
      if (!sameType(actual, expected)) return false;
      const c = compareValues(actual, expected);
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
  }
}

/** Which documents, at which versions, a query answered: any write to them (or a new match) changes it. */
export function fingerprint(rows: Array<[string, Entry]>): string {
  return rows.map(([path, e]) => `${path}@${e.version}`).join('|');
}

export function toStored<T>(path: string, entry: Entry): StoredDocument<T> {
  return { id: path.slice(path.lastIndexOf('/') + 1), path, data: asRead(path, structuredClone(entry.data) as T) };
}

/** A query's fields are the document type's; the store reads them as any field path. */
export function plainQuery<T>(query: Query<T>): Query {
  return query as unknown as Query;
}
