/**
 * @module document-store
 * The embedded document store: Firestore's semantics in memory, with real optimistic
 * transactions (reads are versioned and re-checked at commit, the work retried on
 * conflict), atomic batches, and a JSON snapshot on disk so `npm start` keeps its data.
 * It refuses what Firestore refuses for size (a commit over 10 MiB, a document over 1 MiB)
 * and for want of an index (a query that no index of firestore-indexes.ts serves, as
 * Firestore would with FAILED_PRECONDITION), and counts the writes each document takes,
 * because Firestore sustains about one write a second per document: a test or a benchmark
 * reads `hottestDocuments()` to catch a hot one. Answering a query lives in query.ts
 * and the size checks in commit-limits; this file keeps the documents, commits and transactions.
 */
import {
  asRead,
  StoreError,
  type CollectionGroup,
  type CollectionPath,
  type DocPath,
  type DocumentData,
  type DocumentStore,
  type Query,
  type SetData,
  type SetOptions,
  type StoredDocument,
  type Transaction,
  type Update,
  type WriteBatch,
  type WriteSet,
} from '../../ports';
import { checkedCollectionPath, checkedDocumentPath } from '../../adapters/firestore/document-paths';
import { assertDocumentsWithinLimit, assertWithinLimits, type Write } from './commit-limits';
import { declaredIndexes, defaultDatabase, missingIndex, MissingIndexError, type DeclaredIndexes } from '../../adapters/firestore/firestore-indexes';
import { materialize, mergeInto, withoutUndefined, writeField } from './document-values';
import { WriteCounts, type DocumentWrites } from './write-counts';
import { collectionOf, fingerprint, plainQuery, selectDocuments, selectGroupDocuments, toStored, type Entry } from './query';
import { readSnapshot, StoreSnapshot } from './store-snapshot';

export type { Write };

export type { DocumentWrites };

export interface LocalDocumentStoreOptions {
  /** Where the snapshot lives; none keeps everything in memory only. */
  snapshotFile?: string;
  /** How often a transaction's work is retried on conflict before giving up. */
  maxAttempts?: number;
  /** The Firestore database this store stands for, whose indexes its queries get: `(default)` unless told. */
  database?: string;
  /**
   * The indexes queries may use: those the deployment declares unless told. `'any'` serves
   * every query, for tests of query semantics on made-up collections (the contract suite).
   */
  indexes?: DeclaredIndexes | 'any';
}

/**
 * Firestore refuses a commit with ABORTED under contention. A transaction's work is then
 * run again (as the SDK does); a plain write or a batch fails with a StoreError. Injected
 * only into a view of the store (`withFaults`), the one functions are given: the stand-ins
 * that keep their own state in the store (Cloud Tasks, Stripe) are services of their own.
 */
export interface StoreFaults {
  abortCommit(): boolean;
}

/** What a transaction run in another process read, to be checked at its commit. */
export interface TransactionReads {
  readVersions: ReadonlyArray<readonly [path: string, version: number]>;
  queries: ReadonlyArray<{ collection: string; query: Query; fingerprint: string }>;
}

export class LocalDocumentStore implements DocumentStore {
  private readonly docs = new Map<string, Entry>();
  private sequence = 0;
  /** The same entries by the collection they are directly in: a query reads its collection only, as Firestore's index does. */
  private readonly byCollection = new Map<string, Map<string, Entry>>();
  private readonly snapshot: StoreSnapshot | undefined;
  private readonly maxAttempts: number;
  private readonly writeCounts = new WriteCounts();

  constructor(private readonly options: LocalDocumentStoreOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 25;
    if (options.snapshotFile) {
      this.load(options.snapshotFile);
      this.snapshot = new StoreSnapshot(options.snapshotFile, () => Array.from(this.docs));
    }
  }

  /** Every document the store holds, by path: for the checks that read the store whole (is an erased person anywhere?). */
  everyDocument(): Array<[string, DocumentData]> {
    return [...this.docs].flatMap(([path, entry]) => (entry.data === undefined ? [] : [[path, structuredClone(entry.data)] as [string, DocumentData]]));
  }

  async get<T>(path: DocPath<T>): Promise<T | undefined> {
    return this.read<T>(checkedDocumentPath(path));
  }

  async set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): Promise<void> {
    this.commitWrites([{ op: 'set', path: checkedDocumentPath(path), data: plain(data), merge: options?.merge ?? false }]);
  }

  async createIfAbsent<T>(path: DocPath<T>, data: NoInfer<T>): Promise<boolean> {
    try {
      this.commitWrites([{ op: 'create', path: checkedDocumentPath(path), data: plain(data) }]);
      return true;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'already-exists') return false;
      throw error;
    }
  }

  async update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): Promise<void> {
    this.commitWrites([{ op: 'update', path: checkedDocumentPath(path), fields: plain(fields) }]);
  }

  async delete<T>(path: DocPath<T>): Promise<void> {
    this.commitWrites([{ op: 'delete', path: checkedDocumentPath(path) }]);
  }

  async query<T>(collection: CollectionPath<T>, query: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    this.assertIndexed(checkedCollectionPath(collection), plainQuery(query));
    return this.select(checkedCollectionPath(collection), plainQuery(query)).map(([path, entry]) => toStored<T>(path, entry));
  }

  async queryGroup<T>(group: CollectionGroup<T>, query: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    return this.selectGroup(group, plainQuery(query)).map(([path, entry]) => toStored<T>(path, entry));
  }

  async runTransaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    return this.transact(work, undefined);
  }

  /** The same data, as functions see it when the fault plan makes Firestore abort commits. */
  withFaults(faults: StoreFaults): DocumentStore {
    return {
      get: this.get.bind(this),
      set: async (path, data, options) =>
        this.commitWrites([{ op: 'set', path: checkedDocumentPath(path), data: plain(data), merge: options?.merge ?? false }], faults),
      createIfAbsent: async (path, data) => {
        try {
          this.commitWrites([{ op: 'create', path: checkedDocumentPath(path), data: plain(data) }], faults);
          return true;
        } catch (error) {
          if (error instanceof StoreError && error.code === 'already-exists') return false;
          throw error;
        }
      },
      update: async (path, fields) => this.commitWrites([{ op: 'update', path: checkedDocumentPath(path), fields: plain(fields) }], faults),
      delete: async (path) => this.commitWrites([{ op: 'delete', path: checkedDocumentPath(path) }], faults),
      // Reads never abort: only commits do.
      query: this.query.bind(this),
      queryGroup: this.queryGroup.bind(this),
      runTransaction: (work) => this.transact(work, faults),
      batch: () => {
        const writes: Write[] = [];
        return Object.assign(new StagedWrites(writes), { commit: async () => this.commitWrites(writes, faults) });
      },
      close: async () => undefined,
    };
  }

  private async transact<R>(work: (tx: Transaction) => Promise<R>, faults: StoreFaults | undefined): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const tx = new LocalTransaction(this);
      const result = await work(tx);
      if (this.commitIfUnchanged({ readVersions: [...tx.readVersions], queries: tx.queries }, tx.writes, faults)) return result;
      if (attempt >= this.maxAttempts) throw new StoreError('aborted', `transaction gave up after ${attempt} conflicting attempts`);
      // Random back-off so that transactions contending for one document spread out.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
    }
  }

  batch(): WriteBatch {
    const writes: Write[] = [];
    const batch = Object.assign(new StagedWrites(writes), { commit: async () => this.commitWrites(writes) });
    return batch;
  }

  /**
   * A batch or a single write, as Firestore takes it: all of it or, refused (ABORTED, a
   * rule of the store), none of it.
   */
  commitWrites(writes: readonly Write[], faults?: StoreFaults): void {
    if (faults?.abortCommit()) throw new StoreError('aborted', 'the commit was aborted (contention, injected): retry it');
    this.commit(writes);
  }

  // ---- a transaction whose work runs in another process (see local/remote-document-store) --

  /** A read inside such a transaction: the document and the version its commit checks. */
  readForTransaction(path: string): { data: DocumentData | undefined; version: number } {
    return { data: this.read<DocumentData>(checkedDocumentPath(path)), version: this.versionOf(path) };
  }

  /** A query inside such a transaction: its rows and what its commit checks. */
  queryForTransaction(collection: string, query: Query): { rows: StoredDocument[]; fingerprint: string } {
    this.assertIndexed(checkedCollectionPath(collection), query);
    const rows = this.select(checkedCollectionPath(collection), query);
    return { rows: rows.map(([path, entry]) => toStored(path, entry)), fingerprint: fingerprint(rows) };
  }

  /** Commits such a transaction's writes if nothing it read has changed since; false asks it to run again. */
  commitTransaction(reads: TransactionReads, writes: readonly Write[], faults?: StoreFaults): boolean {
    return this.commitIfUnchanged(reads, writes, faults);
  }

  async close(): Promise<void> {
    this.snapshot?.writeWhole();
  }

  /** Resolves once every commit so far is in the snapshot on disk (a pending write of it begun now). */
  async saved(): Promise<void> {
    await this.snapshot?.saved();
  }

  /** The most written documents since the start (or the last reset), most writes first. */
  hottestDocuments(limit = 5): DocumentWrites[] {
    return this.writeCounts.hottest(limit);
  }

  resetWriteCounts(): void {
    this.writeCounts.clear();
  }

  // ---- internals shared with LocalTransaction -----------------------------------------

  read<T>(path: string): T | undefined {
    const data = this.docs.get(path)?.data;
    return data === undefined ? undefined : asRead(path, structuredClone(data) as T);
  }

  versionOf(path: string): number {
    return this.docs.get(path)?.version ?? 0;
  }

  /** Refuses, as Firestore does before reading anything, a query no declared index serves. */
  assertIndexed(collection: string, query: Query, scope: 'collection' | 'group' = 'collection'): void {
    const indexes = this.options.indexes ?? declaredIndexes;
    if (indexes === 'any') return;
    const reason = missingIndex(this.options.database ?? defaultDatabase, collection, query, indexes, scope);
    if (reason) throw new MissingIndexError(reason);
  }

  select(collection: string, query: Query): Array<[string, Entry]> {
    return selectDocuments(this.byCollection.get(collection), query);
  }

  /** A collection-group query's rows (query.ts), refused as Firestore would without its group-scope index. */
  selectGroup(group: string, query: Query): Array<[string, Entry]> {
    this.assertIndexed(group, query, 'group');
    return selectGroupDocuments(this.byCollection, group, query);
  }

  /** Validates every write first, then applies all of them: a batch lands whole or not at all. */
  commit(writes: readonly Write[]): void {
    assertWithinLimits(writes);
    const staged = new Map<string, DocumentData | undefined>();
    const current = (path: string) => (staged.has(path) ? staged.get(path) : this.docs.get(path)?.data);
    for (const write of writes) {
      const existing = current(write.path);
      switch (write.op) {
        case 'create':
          if (existing !== undefined) throw new StoreError('already-exists', `document ${write.path} already exists`);
          staged.set(write.path, materialize(withoutUndefined(write.data)));
          break;
        case 'set':
          staged.set(
            write.path,
            write.merge && existing ? mergeInto(structuredClone(existing), withoutUndefined(write.data)) : materialize(withoutUndefined(write.data)),
          );
          break;
        case 'update': {
          if (existing === undefined) throw new StoreError('not-found', `no document to update at ${write.path}`);
          const next = structuredClone(existing);
          for (const [field, value] of Object.entries(withoutUndefined(write.fields))) writeField(next, field, value);
          staged.set(write.path, next);
          break;
        }
        case 'delete':
          staged.set(write.path, undefined);
          break;
      }
    }
    assertDocumentsWithinLimit(staged);
    this.sequence++;
    const second = Math.floor(Date.now() / 1000);
    for (const [path, data] of staged) {
      this.put(path, { data, version: this.sequence });
      this.writeCounts.count(path, second);
    }
    if (staged.size > 0) this.snapshot?.changed();
  }

  private commitIfUnchanged(reads: TransactionReads, writes: readonly Write[], faults: StoreFaults | undefined): boolean {
    // Contention as Firestore reports it: the work runs again, as after a real conflict.
    if (faults?.abortCommit()) return false;
    // Synchronous from here to the write: nothing else runs between the check and the commit.
    for (const [path, version] of reads.readVersions) if (this.versionOf(path) !== version) return false;
    for (const q of reads.queries) if (fingerprint(this.select(q.collection, q.query)) !== q.fingerprint) return false;
    this.commit(writes);
    return true;
  }

  private put(path: string, entry: Entry): void {
    this.docs.set(path, entry);
    const collection = collectionOf(path);
    let entries = this.byCollection.get(collection);
    if (!entries) this.byCollection.set(collection, (entries = new Map()));
    entries.set(path, entry);
  }

  private load(file: string): void {
    for (const [path, data] of readSnapshot(file)) this.put(path, { data, version: ++this.sequence });
  }
}

/** Writes staged for one commit, checked and copied as they are staged. */
export class StagedWrites implements WriteSet {
  constructor(readonly writes: Write[] = []) {}
  set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): void {
    this.stage({ op: 'set', path: checkedDocumentPath(path), data: structuredClone(plain(data)), merge: options?.merge ?? false });
  }
  create<T>(path: DocPath<T>, data: NoInfer<T>): void {
    this.stage({ op: 'create', path: checkedDocumentPath(path), data: structuredClone(plain(data)) });
  }
  update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): void {
    this.stage({ op: 'update', path: checkedDocumentPath(path), fields: structuredClone(plain(fields)) });
  }
  delete<T>(path: DocPath<T>): void {
    this.stage({ op: 'delete', path: checkedDocumentPath(path) });
  }
  protected stage(write: Write): void {
    this.writes.push(write);
  }
}

class LocalTransaction extends StagedWrites implements Transaction {
  readonly readVersions = new Map<string, number>();
  readonly queries: Array<{ collection: string; query: Query; fingerprint: string }> = [];

  constructor(private readonly store: LocalDocumentStore) {
    super();
  }

  async get<T>(path: DocPath<T>): Promise<T | undefined> {
    this.assertNoWritesYet();
    const doc = checkedDocumentPath(path);
    this.readVersions.set(doc, this.store.versionOf(doc));
    return this.store.read<T>(doc);
  }

  async query<T>(collection: CollectionPath<T>, typed: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    this.assertNoWritesYet();
    const query = plainQuery(typed);
    this.store.assertIndexed(checkedCollectionPath(collection), query);
    const rows = this.store.select(checkedCollectionPath(collection), query);
    this.queries.push({ collection: checkedCollectionPath(collection), query, fingerprint: fingerprint(rows) });
    return rows.map(([path, entry]) => toStored<T>(path, entry));
  }

  private assertNoWritesYet(): void {
    if (this.writes.length > 0) throw new StoreError('invalid-argument', 'a transaction must do all its reads before its first write (as in Firestore)');
  }
}

/** Port values are typed by their paths; inside the store they are plain data. */
function plain(data: unknown): DocumentData {
  return data as DocumentData;
}
