/**
 * @module document-store
 * The document store: the Firestore-shaped subset the product uses, typed by path.
 */
import type { CollectionGroup, CollectionPath, DocPath, DocumentData, FieldPath, SetData, SetOptions, Update } from './typed-paths';

export type WhereOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'array-contains';

export interface Query<T = DocumentData> {
  where?: ReadonlyArray<readonly [field: FieldPath<T>, op: WhereOp, value: unknown]>;
  orderBy?: ReadonlyArray<readonly [field: FieldPath<T>, direction: 'asc' | 'desc']>;
  limit?: number;
}

export interface StoredDocument<T = DocumentData> {
  id: string;
  path: string;
  data: T;
}

/** Writes that can be staged in a transaction or a batch and committed together. */
export interface WriteSet {
  /** Replaces the document, or merges maps into it with `{ merge: true }`. */
  set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): void;
  /** Fails the whole commit with `already-exists` if the document exists. */
  create<T>(path: DocPath<T>, data: NoInfer<T>): void;
  /** Updates fields (dotted paths reach into maps); fails with `not-found` if absent. */
  update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): void;
  delete<T>(path: DocPath<T>): void;
}

export interface Transaction extends WriteSet {
  /** Every read must come before the first write, as in Firestore. */
  get<T>(path: DocPath<T>): Promise<T | undefined>;
  query<T>(collection: CollectionPath<T>, query?: Query<NoInfer<T>>): Promise<StoredDocument<T>[]>;
}

export interface WriteBatch extends WriteSet {
  commit(): Promise<void>;
}

export interface DocumentStore {
  get<T>(path: DocPath<T>): Promise<T | undefined>;
  set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): Promise<void>;
  /** Creates the document unless it exists; answers whether this call created it. */
  createIfAbsent<T>(path: DocPath<T>, data: NoInfer<T>): Promise<boolean>;
  update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): Promise<void>;
  delete<T>(path: DocPath<T>): Promise<void>;
  query<T>(collection: CollectionPath<T>, query?: Query<NoInfer<T>>): Promise<StoredDocument<T>[]>;
  /**
   * A collection-group query: the documents of every collection with the group's id, wherever
   * it sits, each with its full path. Outside transactions only (nothing needs one there), and
   * served only by a field's collection-group index, which Firestore does not keep unless told
   * (firestore-indexes.ts `groupIndexedFields`).
   */
  queryGroup<T>(group: CollectionGroup<T>, query?: Query<NoInfer<T>>): Promise<StoredDocument<T>[]>;
  /** Runs `work` with optimistic concurrency; it may run more than once on contention. */
  runTransaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R>;
  batch(): WriteBatch;
  close(): Promise<void>;
}

/**
 * `aborted`: contention outlasted every attempt; `unavailable` and `deadline-exceeded`: the
 * store could not be reached in time (a commit among them may have been applied).
 */
export const storeErrorCodes = ['already-exists', 'not-found', 'aborted', 'invalid-argument', 'unavailable', 'deadline-exceeded'] as const;
export type StoreErrorCode = (typeof storeErrorCodes)[number];

/** The one error a document store adapter throws for a rule of the store itself. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
