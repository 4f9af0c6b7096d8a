/**
 * @module firestore-document-store
 * The production document store: the `DocumentStore` port on `@google-cloud/firestore`.
 * It only translates: slash paths to references, `increment()` to `FieldValue.increment`,
 * Firestore values back to plain JSON-like data, and gRPC status codes to `StoreError`.
 * Transactions, preconditions and atomic batches are Firestore's own.
 */
import {
  FieldValue,
  Firestore,
  Timestamp,
  type DocumentData as FirestoreData,
  type DocumentReference,
  type DocumentSnapshot,
  type Query as FirestoreQuery,
  type QueryDocumentSnapshot,
  type SetOptions as FirestoreSetOptions,
  type Transaction as FirestoreTransaction,
  type UpdateData,
} from '@google-cloud/firestore';
import {
  asRead,
  StoreError,
  isFieldTransform,
  type CollectionGroup,
  type CollectionPath,
  type DocPath,
  type DocumentData,
  type DocumentStore,
  type Query,
  type SetData,
  type SetOptions,
  type StoreErrorCode,
  type StoredDocument,
  type Transaction,
  type Update,
  type WriteBatch,
  type WriteSet,
} from '../../ports';
import { checkedCollectionPath, checkedDocumentPath } from './document-paths';

export interface FirestoreDocumentStoreOptions {
  /**
   * How many times a contended transaction is attempted: by default as many as the SDK's
   * backoff (1 s, growing 1.5 times, each up to half again with jitter) fits in half the
   * shortest function timeout (`transactionAttemptsWithin`). Asking more is pointless past
   * 11: the SDK gives up after 10 backoffs whatever `maxAttempts` says.
   */
  maxTransactionAttempts?: number;
}

/**
 * The shortest timeout a deployed function has (terraform/locals.tf `timeout_seconds`, `http`):
 * a transaction's retries must end inside it, with time left for the rest of the work.
 */
export const shortestFunctionTimeoutSeconds = 30;

/** The SDK's transaction backoff (its backoff.ts): the first retry waits 1 s, each next one 1.5 times more. */
const sdkBackoff = { initialMs: 1_000, factor: 1.5, jitterFactor: 1, maxRetries: 10 } as const;

/** The most attempts whose backoffs, at their longest (jitter adds up to half), add up to at most `budgetMs`. */
export function transactionAttemptsWithin(budgetMs: number): number {
  let attempts = 1;
  let waitedMs = 0;
  let baseMs = sdkBackoff.initialMs;
  while (attempts <= sdkBackoff.maxRetries) {
    const longestMs = baseMs * (1 + sdkBackoff.jitterFactor / 2);
    if (waitedMs + longestMs > budgetMs) break;
    waitedMs += longestMs;
    baseMs *= sdkBackoff.factor;
    attempts++;
  }
  return attempts;
}

export interface FirestoreClientOptions {
  databaseId?: string;
  /**
   * `host:port` of an emulator (or the local runtime's fault proxy in front of one), taking
   * precedence over FIRESTORE_EMULATOR_HOST, which the SDK otherwise reads itself.
   */
  emulatorHost?: string;
}

/**
 * A store for `projectId`. The SDK itself switches to the emulator (plain text, owner
 * credentials) when `FIRESTORE_EMULATOR_HOST` is set, so nothing here needs to, unless
 * `emulatorHost` names another.
 */
export function createFirestoreDocumentStore(projectId: string, options: FirestoreDocumentStoreOptions & FirestoreClientOptions = {}): FirestoreDocumentStore {
  return new FirestoreDocumentStore(openFirestore(projectId, options), options);
}

/** The SDK's client as the adapter wants it (undefined fields dropped, as the local store drops them). */
export function openFirestore(projectId: string, options: FirestoreClientOptions = {}): Firestore {
  const settings = { projectId, ignoreUndefinedProperties: true, ...(options.databaseId ? { databaseId: options.databaseId } : {}) };
  if (!options.emulatorHost) return new Firestore(settings);
  // The SDK lets FIRESTORE_EMULATOR_HOST override any host in the settings, and reads it
  // only in the constructor: hide it for that moment. ssl: false sends the emulator's
  // "Bearer owner"; naming the universe spares google-gax a GCE metadata lookup.
  const saved = process.env.FIRESTORE_EMULATOR_HOST;
  delete process.env.FIRESTORE_EMULATOR_HOST;
  try {
    return new Firestore({ ...settings, host: options.emulatorHost, ssl: false, universeDomain: 'googleapis.com' });
  } finally {
    if (saved !== undefined) process.env.FIRESTORE_EMULATOR_HOST = saved;
  }
}

export class FirestoreDocumentStore implements DocumentStore {
  private readonly maxAttempts: number;

  /** `db` should be created with `ignoreUndefinedProperties: true`, as the local store drops undefined fields. */
  constructor(
    private readonly db: Firestore,
    options: FirestoreDocumentStoreOptions = {},
  ) {
    this.maxAttempts = options.maxTransactionAttempts ?? transactionAttemptsWithin((shortestFunctionTimeoutSeconds * 1_000) / 2);
  }

  async get<T>(path: DocPath<T>): Promise<T | undefined> {
    return fromSnapshot<T>(await mapErrors(() => documentRef(this.db, path).get()));
  }

  async set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): Promise<void> {
    await mapErrors(() => documentRef(this.db, path).set(encode(data), setOptions(options)));
  }

  async createIfAbsent<T>(path: DocPath<T>, data: NoInfer<T>): Promise<boolean> {
    try {
      await mapErrors(() => documentRef(this.db, path).create(encode(data)));
      return true;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'already-exists') return false;
      throw error;
    }
  }

  async update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): Promise<void> {
    await mapErrors(() => documentRef(this.db, path).update(encodeUpdate(fields)));
  }

  async delete<T>(path: DocPath<T>): Promise<void> {
    await mapErrors(() => documentRef(this.db, path).delete());
  }

  async query<T>(collection: CollectionPath<T>, query: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    const snapshot = await mapErrors(() => buildQuery(this.db, collection, query).get());
    return snapshot.docs.map((doc) => toStored<T>(doc));
  }

  async queryGroup<T>(group: CollectionGroup<T>, query: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    const snapshot = await mapErrors(() => narrowed(this.db.collectionGroup(group), query).get());
    return snapshot.docs.map((doc) => toStored<T>(doc));
  }

  async runTransaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    // Errors are mapped only out here: inside, the SDK must see its own gRPC codes to
    // know which ones (ABORTED on contention) deserve another attempt.
    return mapErrors(() => this.db.runTransaction(async (tx) => work(new FirestoreTransactionPort(this.db, tx)), { maxAttempts: this.maxAttempts }));
  }

  batch(): WriteBatch {
    const batch = this.db.batch();
    const staged = new StagedWrites(this.db, batch);
    return Object.assign(staged, { commit: () => mapErrors(() => batch.commit()).then(() => undefined) });
  }

  async close(): Promise<void> {
    await this.db.terminate();
  }
}

// ---- staging writes in a Firestore transaction or batch ------------------------------

/** The staging calls Firestore's `Transaction` and `WriteBatch` have in common. */
interface WriteSink {
  set(ref: DocumentReference, data: FirestoreData, options: FirestoreSetOptions): unknown;
  create(ref: DocumentReference, data: FirestoreData): unknown;
  update(ref: DocumentReference, data: UpdateData<FirestoreData>): unknown;
  delete(ref: DocumentReference): unknown;
}

class StagedWrites implements WriteSet {
  protected wrote = false;

  constructor(
    protected readonly db: Firestore,
    private readonly sink: WriteSink,
  ) {}

  set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): void {
    this.sink.set(documentRef(this.db, path), encode(data), setOptions(options));
    this.wrote = true;
  }

  create<T>(path: DocPath<T>, data: NoInfer<T>): void {
    this.sink.create(documentRef(this.db, path), encode(data));
    this.wrote = true;
  }

  update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): void {
    this.sink.update(documentRef(this.db, path), encodeUpdate(fields));
    this.wrote = true;
  }

  delete<T>(path: DocPath<T>): void {
    this.sink.delete(documentRef(this.db, path));
    this.wrote = true;
  }
}

class FirestoreTransactionPort extends StagedWrites implements Transaction {
  constructor(
    db: Firestore,
    private readonly tx: FirestoreTransaction,
  ) {
    super(db, tx);
  }

  async get<T>(path: DocPath<T>): Promise<T | undefined> {
    this.assertNoWritesYet();
    return fromSnapshot<T>(await this.tx.get(documentRef(this.db, path)));
  }

  async query<T>(collection: CollectionPath<T>, query: Query<NoInfer<T>> = {}): Promise<StoredDocument<T>[]> {
    this.assertNoWritesYet();
    const snapshot = await this.tx.get(buildQuery(this.db, collection, query));
    return snapshot.docs.map((doc) => toStored<T>(doc));
  }

  /** The SDK refuses this too, but with a plain Error; the local store's StoreError is what callers see. */
  private assertNoWritesYet(): void {
    if (this.wrote) throw new StoreError('invalid-argument', 'a transaction must do all its reads before its first write (as in Firestore)');
  }
}

// ---- paths and queries ------------------------------------------------------------------

function documentRef(db: Firestore, path: string): DocumentReference {
  return db.doc(checkedDocumentPath(path));
}

function buildQuery<T>(db: Firestore, collection: string, query: Query<T>): FirestoreQuery {
  return narrowed(db.collection(checkedCollectionPath(collection)), query);
}

function narrowed<T>(from: FirestoreQuery, query: Query<T>): FirestoreQuery {
  let q = from;
  // The port's operators are spelled exactly as Firestore's.
  for (const [field, op, value] of query.where ?? []) q = q.where(field, op, value);
  for (const [field, direction] of query.orderBy ?? []) q = q.orderBy(field, direction);
  if (query.limit !== undefined) q = q.limit(query.limit);
  return q;
}

function setOptions(options: SetOptions | undefined): FirestoreSetOptions {
  return { merge: options?.merge ?? false };
}

// ---- values: port → Firestore ------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  // The constructor-name test also accepts objects made in another realm (jest's sandbox).
  return proto === null || proto === Object.prototype || value.constructor?.name === 'Object';
}

function encodeValue(value: unknown, insideArray: boolean): unknown {
  if (isFieldTransform(value)) {
    // Firestore has no transforms inside arrays; failing beats storing the marker object.
    if (insideArray) throw new StoreError('invalid-argument', 'increment() cannot be used inside an array');
    return FieldValue.increment(value.by);
  }
  if (Array.isArray(value)) return value.map((item) => encodeValue(item, true));
  if (isPlainObject(value)) return encodeMap(value, insideArray);
  return value;
}

function encodeMap(map: Record<string, unknown>, insideArray: boolean): FirestoreData {
  const out: FirestoreData = {};
  for (const [key, value] of Object.entries(map)) out[key] = encodeValue(value, insideArray);
  return out;
}

/** Port values are typed by their paths; from here on they are plain data. */
function encode(data: unknown): FirestoreData {
  return encodeMap(data as DocumentData, false);
}

/** `update` reads top-level keys as field paths (`a.b` reaches into map `a`); the SDK does exactly that. */
function encodeUpdate(fields: unknown): UpdateData<FirestoreData> {
  return encode(fields);
}

// ---- values: Firestore → port ------------------------------------------------------------

/** A value the SDK read, as the port answers it (timestamps as ISO strings): for readers beside the adapter (the soak's). */
export function decodeValue(value: unknown): unknown {
  // Timestamps appear when something else (a console edit, a server timestamp) wrote the field.
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(decodeValue);
  if (isPlainObject(value)) {
    const out: DocumentData = {};
    for (const [key, item] of Object.entries(value)) out[key] = decodeValue(item);
    return out;
  }
  return value;
}

function fromSnapshot<T>(snapshot: DocumentSnapshot): T | undefined {
  const data = snapshot.data();
  return data === undefined ? undefined : asRead(snapshot.ref.path, decodeValue(data) as T);
}

function toStored<T>(snapshot: QueryDocumentSnapshot): StoredDocument<T> {
  return { id: snapshot.id, path: snapshot.ref.path, data: asRead(snapshot.ref.path, decodeValue(snapshot.data()) as T) };
}

// ---- errors ------------------------------------------------------------------------------

/** gRPC status codes (google.rpc.Code) as the port names them. */
const storeErrorByGrpcCode: ReadonlyMap<number, StoreErrorCode> = new Map([
  // INVALID_ARGUMENT: a request Firestore refuses as written (the emulator, for one, refuses a
  // commit that updates and then creates one document).
  [3, 'invalid-argument'],
  [4, 'deadline-exceeded'], // DEADLINE_EXCEEDED: no answer in time; a commit may have been applied
  [5, 'not-found'], // NOT_FOUND: update of a missing document
  [6, 'already-exists'], // ALREADY_EXISTS: create of an existing document
  [10, 'aborted'], // ABORTED: contention outlasted every transaction attempt
  [14, 'unavailable'], // UNAVAILABLE: Firestore could not be reached; the SDK retried what it could
]);

/** The SDK's own words when its backoff ran out (backoff.ts), a plain Error with no code: contention, still. */
const backoffExhausted = 'Exceeded maximum number of retries allowed.';

export function toStoreError(error: unknown): unknown {
  // Duck-typed rather than `instanceof Error`: gRPC errors may come from another realm.
  if (typeof error !== 'object' || error === null) return error;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : undefined;
  const code = 'code' in error && typeof error.code === 'number' ? storeErrorByGrpcCode.get(error.code) : message === backoffExhausted ? 'aborted' : undefined;
  if (code === undefined) return error;
  const mapped = new StoreError(code, message ?? `gRPC status ${String((error as { code?: unknown }).code)}`);
  mapped.cause = error;
  return mapped;
}

async function mapErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreError(error);
  }
}
