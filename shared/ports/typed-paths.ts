/**
 * @module typed-paths
 * What a document holds is part of its path's type: the data a store keeps, field transforms, and the typed paths every collection makes once, next to its document type.
 */
/**
 * A plain JSON-like document. Dates are ISO strings; money is integer cents. A `Date` value
 * is written as a timestamp (what Firestore's TTL policies read) and reads back as its ISO
 * string.
 */
export type DocumentData = { [field: string]: unknown };

/** A field transform applied by the store at write time (mirrors Firestore's FieldValue). */
export type FieldTransform = { readonly __fieldTransform: 'increment'; readonly by: number };

/** Adds `by` to a numeric field atomically; a missing field counts as 0. */
export function increment(by: number): FieldTransform {
  if (!Number.isSafeInteger(by)) throw new RangeError(`increment takes a whole number, got ${by}`);
  return { __fieldTransform: 'increment', by };
}

export function isFieldTransform(value: unknown): value is FieldTransform {
  return typeof value === 'object' && value !== null && '__fieldTransform' in value;
}

// What is stored at a path is part of the path's type, as with the Firestore SDK's
// `withConverter<Order>()`: `get(orderPath(id))` answers an `Order`, and `update()` on it
// takes the order's own fields, so a misspelled field or a wrong value does not compile.
// Each collection makes its paths in one place, next to its document type in shared/domain.

declare const storedAt: unique symbol;
declare const listedIn: unique symbol;
declare const groupedAs: unique symbol;

/**
 * The path of a document holding a `T` (`orders/<id>`). A string at run time; the brand
 * is invariant, so a path of one document type is never taken for another.
 */
export type DocPath<T> = string & { readonly [storedAt]: (document: T) => T };

/** The path of a collection of `T` documents (`orders`, `drops/<id>/stock`). */
export type CollectionPath<T> = string & { readonly [listedIn]: (document: T) => T };

/**
 * Names what a document path holds. Call it once per collection, in the module that
 * declares the document's type; without a type it makes a path nothing can be written to.
 */
export function docPath<T = never>(path: string): DocPath<T> {
  return path as DocPath<T>;
}

/**
 * Names what a collection holds; as `docPath`, once per collection, next to its type. A
 * top-level collection whose documents were once stored in another shape names how an old
 * one is read in today's (as the Firestore SDK's converter's `fromFirestore`): every store
 * applies it to each document of the collection it reads (`asRead`).
 */
export function collectionPath<T = never>(path: string, upgrade?: (stored: never) => T): CollectionPath<T> {
  if (upgrade) upgrades.set(path, upgrade as unknown as (stored: DocumentData) => DocumentData);
  return path as CollectionPath<T>;
}

/**
 * Every collection of `T` documents with one collection id, wherever it sits (`entries` for
 * each `giveaways/<id>/entries`): what a collection-group query reads.
 */
export type CollectionGroup<T> = string & { readonly [groupedAs]: (document: T) => T };

/** Names a collection group; as `collectionPath`, once, next to its document type. */
export function collectionGroup<T = never>(collectionId: string): CollectionGroup<T> {
  if (collectionId === '' || collectionId.includes('/'))
    throw new RangeError(`a collection group is a collection id, without "/": ${JSON.stringify(collectionId)}`);
  return collectionId as CollectionGroup<T>;
}

const upgrades = new Map<string, (stored: DocumentData) => DocumentData>();

/** A document as the store hands it out: in its collection's current shape. */
export function asRead<T>(documentPath: string, data: T): T {
  const upgrade = data === undefined ? undefined : upgrades.get(documentPath.slice(0, documentPath.lastIndexOf('/')));
  return upgrade ? (upgrade(data as DocumentData) as T) : data;
}

/** What a number field may be written as: a number, or `increment()` of one. */
export type FieldWrite<V> = V | (number extends NonNullable<V> ? FieldTransform : never);

/** A field the store reads as a map of fields (merged by `{ merge: true }`, reached by dotted paths). */
type MapField<V> = V extends readonly unknown[] | Date | FieldTransform ? never : V extends object ? V : never;

/** `a.b` for each field `b` of each map field `a` (`shares.<racer id>`, `eventSub.revokedAt`). */
type ShallowDottedField<T> = {
  [K in keyof T & string]-?: [MapField<NonNullable<T[K]>>] extends [never] ? never : `${K}.${keyof MapField<NonNullable<T[K]>> & string}`;
}[keyof T & string];

/** `a.b`, and `a.b.c` for each field `c` of a map `a.b` (`payouts.host.transferId`): two maps deep at most. */
export type DottedField<T> =
  | ShallowDottedField<T>
  | {
      [K in keyof T & string]-?: [MapField<NonNullable<T[K]>>] extends [never] ? never : `${K}.${ShallowDottedField<MapField<NonNullable<T[K]>>>}`;
    }[keyof T & string];

type AtDottedField<T, P> = P extends `${infer K}.${infer F}`
  ? K extends keyof T
    ? F extends keyof NonNullable<T[K]>
      ? NonNullable<T[K]>[F]
      : AtDottedField<NonNullable<T[K]>, F>
    : never
  : never;

/**
 * What `update()` takes for a `T`: some of its own fields, each its own type (or
 * `increment()` of a number field), and fields of its maps by dotted path (`'stream.status'`).
 */
export type Update<T> = { [K in keyof T]?: FieldWrite<T[K]> } & { [P in DottedField<T>]?: FieldWrite<AtDottedField<T, P>> };

/** What `set(…, { merge: true })` takes for a `T`: any of its fields, maps merged field by field. */
export type Merge<T> = {
  [K in keyof T]?: [MapField<NonNullable<T[K]>>] extends [never] ? FieldWrite<T[K]> : Merge<NonNullable<T[K]>> | Extract<T[K], null>;
};

export interface SetOptions {
  merge?: boolean;
}

/** A whole `T`, or with `{ merge: true }` the part of one to merge in. */
export type SetData<T, O extends SetOptions> = O extends { merge: true } ? Merge<T> : T;

/** A field a query may filter or order on: the document's own, or a map's by dotted path. */
export type FieldPath<T> = (keyof T & string) | DottedField<T>;
