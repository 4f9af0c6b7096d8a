/**
 * @module remote-document-store
 * The embedded document store, reached from another process of the local runtime, as a
 * deployed function reaches Firestore over the network: each read and commit crosses to
 * the runtime, which owns the data. A transaction runs its work here and sends its reads'
 * versions with its writes; the runtime commits only if none of them changed, else the
 * work runs again, as the Firestore SDK runs it again on ABORTED. So a process that dies
 * between two writes leaves the first one committed and nothing of an unfinished
 * transaction, exactly what a crashed instance leaves in Firestore.
 */
import {
  StoreError,
  asRead,
  storeErrorCodes,
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
} from '../ports';
import { StagedWrites, type LocalDocumentStore, type StoreFaults, type TransactionReads, type Write } from './firestore/document-store';
import { checkedCollectionPath, checkedDocumentPath } from '../adapters/firestore/document-paths';
import { plainQuery } from './firestore/query';

/** Rows as the store hands them out: each document in its collection's current shape. */
const asReadRows = <T>(rows: StoredDocument<T>[]) => rows.map((row) => ({ ...row, data: asRead(row.path, row.data) }));

/** What the runtime serves for a store, method by method: the calls that cross. */
export interface StoreService {
  get(path: string): DocumentData | undefined;
  commit(writes: readonly Write[]): void;
  query(collection: string, query: Query): StoredDocument[];
  queryGroup(group: string, query: Query): StoredDocument[];
  readForTransaction(path: string): { data: DocumentData | undefined; version: number };
  queryForTransaction(collection: string, query: Query): { rows: StoredDocument[]; fingerprint: string };
  commitTransaction(reads: TransactionReads, writes: readonly Write[]): boolean;
}

/** The runtime's side: the store's own methods under the names that cross, with the faults functions see. */
export function storeService(store: LocalDocumentStore, faults?: StoreFaults): StoreService {
  return {
    get: (path) => store.read<DocumentData>(checkedDocumentPath(path)),
    commit: (writes) => store.commitWrites(writes, faults),
    query: (collection, query) => {
      store.assertIndexed(checkedCollectionPath(collection), query);
      return store.select(checkedCollectionPath(collection), query).map(([path, entry]) => ({
        id: path.slice(path.lastIndexOf('/') + 1),
        path,
        data: structuredClone(entry.data) as DocumentData,
      }));
    },
    queryGroup: (group, query) =>
      store.selectGroup(group, query).map(([path, entry]) => ({
        id: path.slice(path.lastIndexOf('/') + 1),
        path,
        data: structuredClone(entry.data) as DocumentData,
      })),
    readForTransaction: (path) => store.readForTransaction(path),
    queryForTransaction: (collection, query) => store.queryForTransaction(collection, query),
    commitTransaction: (reads, writes) => store.commitTransaction(reads, writes, faults),
  };
}

/** How often a plain write is sent when Firestore keeps answering ABORTED. */
export const plainCommitAttempts = 5;

type Call = <M extends keyof StoreService>(method: M, args: Parameters<StoreService[M]>) => Promise<ReturnType<StoreService[M]>>;

export interface RemoteDocumentStoreOptions {
  /** How often a transaction's work runs before it gives up, as the local store. */
  maxAttempts?: number;
}

export class RemoteDocumentStore implements DocumentStore {
  private readonly maxAttempts: number;

  constructor(
    private readonly call: Call,
    options: RemoteDocumentStoreOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 25;
  }

  async get<T>(path: DocPath<T>): Promise<T | undefined> {
    return asRead(path, (await this.send('get', [checkedDocumentPath(path)])) as T | undefined);
  }

  async set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): Promise<void> {
    await this.commit([{ op: 'set', path: checkedDocumentPath(path), data: data as DocumentData, merge: options?.merge ?? false }]);
  }

  async createIfAbsent<T>(path: DocPath<T>, data: NoInfer<T>): Promise<boolean> {
    try {
      await this.commit([{ op: 'create', path: checkedDocumentPath(path), data: data as DocumentData }]);
      return true;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'already-exists') return false;
      throw error;
    }
  }

  async update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): Promise<void> {
    await this.commit([{ op: 'update', path: checkedDocumentPath(path), fields: fields as DocumentData }]);
  }

  async delete<T>(path: DocPath<T>): Promise<void> {
    await this.commit([{ op: 'delete', path: checkedDocumentPath(path) }]);
  }

  async query<T>(collection: CollectionPath<T>, query: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    return asReadRows((await this.send('query', [checkedCollectionPath(collection), plainQuery(query)])) as StoredDocument<T>[]);
  }

  async queryGroup<T>(group: CollectionGroup<T>, query: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    return asReadRows((await this.send('queryGroup', [group, plainQuery(query)])) as StoredDocument<T>[]);
  }

  async runTransaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const tx = new RemoteTransaction((method, args) => this.send(method, args));
      const result = await work(tx);
      if (await this.send('commitTransaction', [{ readVersions: [...tx.readVersions], queries: tx.queries }, tx.writes])) return result;
      if (attempt >= this.maxAttempts) throw new StoreError('aborted', `transaction gave up after ${attempt} conflicting attempts`);
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
    }
  }

  batch(): WriteBatch {
    const writes: Write[] = [];
    return Object.assign(new StagedWrites(writes), {
      commit: async () => {
        await this.commit(writes);
      },
    });
  }

  async close(): Promise<void> {
    // The runtime owns the data and its snapshot.
  }

  /**
   * A plain write or a batch, retried when Firestore answers ABORTED, as the Firestore SDK
   * retries its commits (`WriteBatch.commit` adds ABORTED to its retry codes): the aborted
   * commit wrote nothing, so sending it again is safe. Aborts that persist still fail it.
   */
  private async commit(writes: readonly Write[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send('commit', [writes]);
      } catch (error) {
        if (!(error instanceof StoreError) || error.code !== 'aborted' || attempt >= plainCommitAttempts) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      }
    }
  }

  /** A call to the runtime; a store's own refusal crosses as its code and is a StoreError here again. */
  private async send<M extends keyof StoreService>(method: M, args: Parameters<StoreService[M]>): Promise<ReturnType<StoreService[M]>> {
    try {
      return await this.call(method, args);
    } catch (error) {
      const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
      if (name === 'StoreError' && (storeErrorCodes as readonly unknown[]).includes(code)) {
        throw new StoreError(code as StoreError['code'], String(message));
      }
      throw error;
    }
  }
}

class RemoteTransaction extends StagedWrites implements Transaction {
  readonly readVersions = new Map<string, number>();
  readonly queries: Array<{ collection: string; query: Query; fingerprint: string }> = [];

  constructor(private readonly send: Call) {
    super();
  }

  async get<T>(path: DocPath<T>): Promise<T | undefined> {
    this.assertNoWritesYet();
    const doc = checkedDocumentPath(path);
    const { data, version } = await this.send('readForTransaction', [doc]);
    // The first read of a document is the one its commit checks.
    if (!this.readVersions.has(doc)) this.readVersions.set(doc, version);
    return asRead(doc, data as T | undefined);
  }

  async query<T>(collection: CollectionPath<T>, typed: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    this.assertNoWritesYet();
    const query = plainQuery(typed);
    const { rows, fingerprint } = await this.send('queryForTransaction', [checkedCollectionPath(collection), query]);
    this.queries.push({ collection: checkedCollectionPath(collection), query, fingerprint });
    return asReadRows(rows as StoredDocument<T>[]);
  }

  private assertNoWritesYet(): void {
    if (this.writes.length > 0) throw new StoreError('invalid-argument', 'a transaction must do all its reads before its first write (as in Firestore)');
  }
}
