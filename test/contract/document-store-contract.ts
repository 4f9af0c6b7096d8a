/**
 * The behaviour every `DocumentStore` adapter must share, written once and run against
 * each of them (the local in-memory store, Firestore through the official emulator, and a
 * wire-level smoke run of the Firestore adapter). Each test uses its own collections, with
 * a random suffix, so runs against a shared emulator never see each other's documents.
 */
import { randomUUID } from 'node:crypto';
import {
  StoreError,
  collectionGroup,
  collectionPath,
  docPath,
  increment,
  type DocumentData,
  type DocumentStore,
  type StoreErrorCode,
  type StoredDocument,
  type WhereOp,
} from '../../shared/ports';

/** Every case, by a short key, so that a store can name the ones it cannot pass. */
const titles = {
  getMissing: 'get answers undefined for a document that does not exist',
  setReplaces: 'set replaces the whole document, dropping fields it does not name',
  setMerge: 'set with merge deep-merges maps, replaces arrays and keeps other fields',
  createIfAbsent: 'createIfAbsent answers true, then false, and keeps the first data',
  updateMissing: 'update of a missing document throws not-found and creates nothing',
  updateDotted: 'update treats dotted keys as paths into maps and a plain key as a whole value',
  increment: 'increment adds to an existing number and counts a missing field from zero',
  incrementNested: 'increment reaches fields nested in maps, by dotted path and by merge',
  delete: 'delete removes the document, and deleting a missing one is not an error',
  undefinedDropped: 'fields set to undefined are left out instead of failing the write',
  roundTrip: 'nested maps, arrays, null, booleans and numbers round-trip unchanged',
  dates: 'a Date is kept as a timestamp and reads back as its ISO string, in set, merge and update',
  subcollections: 'documents in subcollections live under their parent path and are queried apart from it',
  groupEq:
    'a collection-group query with where "==" answers the matching documents of every collection with that id, at any depth, with their full paths, and none of a collection with another id',
  groupArrayContains: 'a collection-group query with where "array-contains" answers the documents whose array holds the value, across parents',
  whereEq: 'query with where "==" answers the matching documents as {id, path, data}',
  whereNe: 'query with where "!=" answers the other documents, leaving out those without the field',
  whereLt: 'query with where "<" answers the documents below the value',
  whereLte: 'query with where "<=" answers the documents up to the value',
  whereGt: 'query with where ">" answers the documents above the value',
  whereGte: 'query with where ">=" answers the documents from the value up',
  whereIn: 'query with where "in" answers the documents whose field is one of the values',
  whereArrayContains: 'query with where "array-contains" answers the documents whose array holds the value',
  orderBy: 'query orders ascending and descending, by several fields in turn',
  orderByMissingField: 'query with orderBy leaves out documents that lack the ordered field',
  limit: 'query answers at most limit documents, after ordering',
  multipleWhere: 'query combines several where clauses with AND',
  batch: 'a batch commits its set, create, update and delete together',
  txReadThenWrite: 'a transaction that reads, then writes, commits its writes and answers the result of its work',
  txCreateExisting: 'create of an existing document inside a transaction throws already-exists and nothing from that transaction is written',
  txUpdateMissing: 'update of a missing document inside a transaction throws not-found and nothing from that transaction is written',
  batchFailingCreate: 'a batch whose create hits an existing document throws already-exists and writes nothing',
  batchFailingUpdate: 'a batch whose update hits a missing document throws not-found and writes nothing',
  txConcurrentCounter:
    '20 concurrent transactions that each read a counter and write counter + 1, each tried again when refused as contention (as Pub/Sub redelivers), end at exactly 20',
  txWorkThrows: 'a transaction whose work throws writes nothing and rethrows the very same error, without retrying',
} as const;

export type DocumentStoreContractCase = keyof typeof titles;

export interface DocumentStoreContractOptions {
  /** Run the cases that need isolated transactions, preconditions at commit and atomic batches. */
  transactions: boolean;
  /**
   * Cases this store cannot pass, each with the reason. They are reported as skipped with
   * the reason in their title, never left out silently.
   */
  unsupported?: Partial<Record<DocumentStoreContractCase, string>>;
}

export function describeDocumentStoreContract(
  name: string,
  makeStore: () => Promise<{ store: DocumentStore; cleanup(): Promise<void> }>,
  options: DocumentStoreContractOptions,
): void {
  describe(name, () => {
    let store: DocumentStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterAll(async () => {
      await cleanup?.();
    });

    function behaviour(key: DocumentStoreContractCase, test: () => Promise<void>, timeoutMs?: number): void {
      const reason = options.unsupported?.[key];
      if (reason !== undefined) it.skip(`${titles[key]} [unsupported here: ${reason}]`, test);
      else it(titles[key], test, timeoutMs);
    }

    behaviour('getMissing', async () => {
      expect(await store.get(plainDoc(`${unique('get')}/nothing`))).toBeUndefined();
    });

    behaviour('setReplaces', async () => {
      const path = `${unique('set')}/doc`;
      await store.set(plainDoc(path), { a: 1, b: { c: 2 } });
      await store.set(plainDoc(path), { a: 3 });
      expect(await store.get(plainDoc(path))).toEqual({ a: 3 });
    });

    behaviour('setMerge', async () => {
      const c = unique('merge');
      await store.set(plainDoc(`${c}/doc`), { a: 1, m: { x: 1, y: { z: 1 } }, list: [1, 2] });
      await store.set(plainDoc(`${c}/doc`), { b: 2, m: { y: { w: 2 } }, list: [3] }, { merge: true });
      expect(await store.get(plainDoc(`${c}/doc`))).toEqual({ a: 1, b: 2, m: { x: 1, y: { z: 1, w: 2 } }, list: [3] });
      // Merging into nothing creates the document.
      await store.set(plainDoc(`${c}/fresh`), { a: 1 }, { merge: true });
      expect(await store.get(plainDoc(`${c}/fresh`))).toEqual({ a: 1 });
    });

    behaviour('dates', async () => {
      const path = `${unique('dates')}/doc`;
      const at = new Date('2026-12-24T18:30:00.000Z');
      await store.set(plainDoc(path), { expiresAt: at, nested: { at } });
      expect(await store.get(plainDoc(path))).toEqual({ expiresAt: at.toISOString(), nested: { at: at.toISOString() } });
      await store.set(plainDoc(path), { later: new Date('2027-01-01T00:00:00.000Z') }, { merge: true });
      await store.update(plainDoc(path), { expiresAt: new Date('2027-02-01T00:00:00.000Z') });
      expect(await store.get(plainDoc(path))).toEqual({
        expiresAt: '2027-02-01T00:00:00.000Z',
        nested: { at: at.toISOString() },
        later: '2027-01-01T00:00:00.000Z',
      });
    });

    behaviour('createIfAbsent', async () => {
      const path = `${unique('create')}/doc`;
      expect(await store.createIfAbsent(plainDoc(path), { first: true })).toBe(true);
      expect(await store.createIfAbsent(plainDoc(path), { first: false })).toBe(false);
      expect(await store.get(plainDoc(path))).toEqual({ first: true });
    });

    behaviour('updateMissing', async () => {
      const path = `${unique('update')}/missing`;
      await expectStoreError(store.update(plainDoc(path), { a: 1 }), 'not-found');
      expect(await store.get(plainDoc(path))).toBeUndefined();
    });

    behaviour('updateDotted', async () => {
      const path = `${unique('update')}/doc`;
      await store.set(plainDoc(path), { name: 'a', profile: { x: 1, y: { z: 1 } }, other: { k: 1 } });
      await store.update(plainDoc(path), { 'profile.y.z': 2, 'profile.w': 'new', top: true });
      expect(await store.get(plainDoc(path))).toEqual({ name: 'a', profile: { x: 1, y: { z: 2 }, w: 'new' }, other: { k: 1 }, top: true });
      await store.update(plainDoc(path), { other: { only: 1 } });
      expect(await store.get(plainDoc(path))).toEqual({ name: 'a', profile: { x: 1, y: { z: 2 }, w: 'new' }, other: { only: 1 }, top: true });
    });

    behaviour('increment', async () => {
      const c = unique('increment');
      await store.set(plainDoc(`${c}/doc`), { count: 5, label: 'x' });
      await store.update(plainDoc(`${c}/doc`), { count: increment(2), fresh: increment(3) });
      expect(await store.get(plainDoc(`${c}/doc`))).toEqual({ count: 7, fresh: 3, label: 'x' });
      await store.update(plainDoc(`${c}/doc`), { count: increment(-10) });
      expect(await store.get(plainDoc(`${c}/doc`))).toEqual({ count: -3, fresh: 3, label: 'x' });
      // On a document that does not exist yet, through set with merge.
      await store.set(plainDoc(`${c}/new`), { hits: increment(1) }, { merge: true });
      await store.set(plainDoc(`${c}/new`), { hits: increment(1) }, { merge: true });
      expect(await store.get(plainDoc(`${c}/new`))).toEqual({ hits: 2 });
    });

    behaviour('incrementNested', async () => {
      const c = unique('increment');
      await store.set(plainDoc(`${c}/doc`), { stats: { bids: 1 }, name: 'n' });
      await store.update(plainDoc(`${c}/doc`), { 'stats.bids': increment(2), 'stats.watchers': increment(1) });
      expect(await store.get(plainDoc(`${c}/doc`))).toEqual({ stats: { bids: 3, watchers: 1 }, name: 'n' });
      await store.set(plainDoc(`${c}/doc`), { stats: { bids: increment(1) } }, { merge: true });
      expect(await store.get(plainDoc(`${c}/doc`))).toEqual({ stats: { bids: 4, watchers: 1 }, name: 'n' });
      await store.set(plainDoc(`${c}/new`), { stats: { bids: increment(5) } });
      expect(await store.get(plainDoc(`${c}/new`))).toEqual({ stats: { bids: 5 } });
    });

    behaviour('delete', async () => {
      const path = `${unique('delete')}/doc`;
      await store.set(plainDoc(path), { a: 1 });
      await store.delete(plainDoc(path));
      expect(await store.get(plainDoc(path))).toBeUndefined();
      await store.delete(plainDoc(path));
      // Gone for create as well, not just hidden from get.
      expect(await store.createIfAbsent(plainDoc(path), { b: 2 })).toBe(true);
      expect(await store.get(plainDoc(path))).toEqual({ b: 2 });
    });

    behaviour('undefinedDropped', async () => {
      const path = `${unique('undefined')}/doc`;
      await store.set(plainDoc(path), { kept: 1, dropped: undefined, map: { kept: 2, alsoDropped: undefined } });
      const doc = await store.get(plainDoc<{ kept: number; map: DocumentData }>(path));
      expect(doc).toEqual({ kept: 1, map: { kept: 2 } });
      // toEqual ignores undefined properties, so check their absence by hand.
      expect(doc && 'dropped' in doc).toBe(false);
      expect(doc && 'alsoDropped' in doc.map).toBe(false);
    });

    behaviour('roundTrip', async () => {
      const c = unique('roundtrip');
      const data = {
        text: 'héllo ✓',
        emptyText: '',
        whole: 42,
        negative: -7,
        fraction: 1.25,
        large: 2 ** 40,
        yes: true,
        no: false,
        nothing: null,
        list: [1, 'two', null, false, { inner: [true, 'x'], map: { k: 'v' } }],
        emptyList: [],
        map: { deep: { deeper: { value: 'v', list: [1, 2] } }, emptyMap: {}, nothing: null },
      };
      await store.set(plainDoc(`${c}/doc`), data);
      expect(await store.get(plainDoc(`${c}/doc`))).toEqual(data);
      expect(await store.query(plainCollection(c))).toEqual([{ id: 'doc', path: `${c}/doc`, data }]);
    });

    behaviour('groupEq', async () => {
      const root = unique('auctions');
      const group = unique('history');
      await store.set(plainDoc(`${root}/a1`), { racerId: 'u1' });
      await store.set(plainDoc(`${root}/a1/${group}/0`), { racerId: 'u1', n: 1 });
      await store.set(plainDoc(`${root}/a1/${group}/1`), { racerId: 'u2', n: 2 });
      await store.set(plainDoc(`${root}/a2/${group}/0`), { racerId: 'u1', n: 3 });
      // Deeper, under a parent never written, and at the top: the same collection id is the same group.
      await store.set(plainDoc(`${root}/a3/more/m1/${group}/0`), { racerId: 'u1', n: 4 });
      await store.set(plainDoc(`${group}/top`), { racerId: 'u1', n: 5 });
      await store.set(plainDoc(`${root}/a1/${group}x/0`), { racerId: 'u1', n: 6 });
      const found = await store.queryGroup(collectionGroup<DocumentData>(group), { where: [['racerId', '==', 'u1']] });
      expect(found.map((d) => d.path).sort()).toEqual(
        [`${root}/a1/${group}/0`, `${root}/a2/${group}/0`, `${root}/a3/more/m1/${group}/0`, `${group}/top`].sort(),
      );
      expect(found.find((d) => d.path === `${root}/a2/${group}/0`)).toEqual({ id: '0', path: `${root}/a2/${group}/0`, data: { racerId: 'u1', n: 3 } });
      expect(await store.queryGroup(collectionGroup<DocumentData>(group), { where: [['racerId', '==', 'nobody']] })).toEqual([]);
    });

    behaviour('groupArrayContains', async () => {
      const root = unique('giveaways');
      const group = unique('entries');
      await store.set(plainDoc(`${root}/g1/${group}/0`), { bidderIds: ['u1', 'u2'] });
      await store.set(plainDoc(`${root}/g2/${group}/0`), { bidderIds: ['u2'] });
      await store.set(plainDoc(`${root}/g3/${group}/0`), { bidderIds: ['u3', 'u1'] });
      const found = await store.queryGroup(collectionGroup<DocumentData>(group), { where: [['bidderIds', 'array-contains', 'u1']] });
      expect(found.map((d) => d.path).sort()).toEqual([`${root}/g1/${group}/0`, `${root}/g3/${group}/0`]);
    });

    behaviour('subcollections', async () => {
      const root = unique('guilds');
      await store.set(plainDoc(`${root}/g1`), { name: 'one' });
      await store.set(plainDoc(`${root}/g1/racers/r1`), { n: 1 });
      await store.set(plainDoc(`${root}/g1/racers/r2`), { n: 2 });
      // A subcollection may exist under a parent that was never written.
      await store.set(plainDoc(`${root}/g2/racers/r1`), { n: 3 });
      expect(await store.get(plainDoc(`${root}/g1/racers/r2`))).toEqual({ n: 2 });
      expect(byId(await store.query(plainCollection(`${root}/g1/racers`)))).toEqual([
        { id: 'r1', path: `${root}/g1/racers/r1`, data: { n: 1 } },
        { id: 'r2', path: `${root}/g1/racers/r2`, data: { n: 2 } },
      ]);
      expect(ids(await store.query(plainCollection(`${root}/g2/racers`)))).toEqual(['r1']);
      expect(ids(await store.query(plainCollection(root)))).toEqual(['g1']);
      // Deleting a parent does not delete its subcollections.
      await store.delete(plainDoc(`${root}/g1`));
      expect(await store.get(plainDoc(`${root}/g1/racers/r1`))).toEqual({ n: 1 });
    });

    /** Five documents with n = 1..5, a colour and tags, in a fresh collection. */
    async function seedNumbers(): Promise<string> {
      const c = unique('query');
      await Promise.all([
        store.set(plainDoc(`${c}/d1`), { n: 1, colour: 'red', tags: ['a', 'b'] }),
        store.set(plainDoc(`${c}/d2`), { n: 2, colour: 'blue', tags: ['b'] }),
        store.set(plainDoc(`${c}/d3`), { n: 3, colour: 'red', tags: [] }),
        store.set(plainDoc(`${c}/d4`), { n: 4, colour: 'green', tags: ['a'] }),
        store.set(plainDoc(`${c}/d5`), { n: 5, colour: 'red', tags: ['c', 'a'] }),
      ]);
      return c;
    }

    behaviour('whereEq', async () => {
      const c = await seedNumbers();
      expect(await store.query(plainCollection(c), { where: [['n', '==', 3]] })).toEqual([
        { id: 'd3', path: `${c}/d3`, data: { n: 3, colour: 'red', tags: [] } },
      ]);
      expect(ids(byId(await store.query(plainCollection(c), { where: [['colour', '==', 'red']] })))).toEqual(['d1', 'd3', 'd5']);
    });

    behaviour('whereNe', async () => {
      const c = await seedNumbers();
      await store.set(plainDoc(`${c}/without`), { colour: 'blue' });
      expect(ids(byId(await store.query(plainCollection(c), { where: [['n', '!=', 3]] })))).toEqual(['d1', 'd2', 'd4', 'd5']);
    });

    const rangeCases: Array<[DocumentStoreContractCase, WhereOp, unknown, string[]]> = [
      ['whereLt', '<', 3, ['d1', 'd2']],
      ['whereLte', '<=', 3, ['d1', 'd2', 'd3']],
      ['whereGt', '>', 3, ['d4', 'd5']],
      ['whereGte', '>=', 3, ['d3', 'd4', 'd5']],
      ['whereIn', 'in', [2, 4, 9], ['d2', 'd4']],
    ];
    for (const [key, op, value, expected] of rangeCases) {
      behaviour(key, async () => {
        const c = await seedNumbers();
        expect(ids(byId(await store.query(plainCollection(c), { where: [['n', op, value]] })))).toEqual(expected);
      });
    }

    behaviour('whereArrayContains', async () => {
      const c = await seedNumbers();
      expect(ids(byId(await store.query(plainCollection(c), { where: [['tags', 'array-contains', 'a']] })))).toEqual(['d1', 'd4', 'd5']);
    });

    behaviour('orderBy', async () => {
      const c = await seedNumbers();
      expect(ids(await store.query(plainCollection(c), { orderBy: [['n', 'asc']] }))).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
      expect(ids(await store.query(plainCollection(c), { orderBy: [['n', 'desc']] }))).toEqual(['d5', 'd4', 'd3', 'd2', 'd1']);
      expect(
        ids(
          await store.query(plainCollection(c), {
            orderBy: [
              ['colour', 'asc'],
              ['n', 'desc'],
            ],
          }),
        ),
      ).toEqual(['d2', 'd4', 'd5', 'd3', 'd1']);
    });

    behaviour('orderByMissingField', async () => {
      const c = await seedNumbers();
      await store.set(plainDoc(`${c}/without`), { colour: 'blue' });
      expect(ids(await store.query(plainCollection(c), { orderBy: [['n', 'asc']] }))).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    });

    behaviour('limit', async () => {
      const c = await seedNumbers();
      expect(ids(await store.query(plainCollection(c), { orderBy: [['n', 'desc']], limit: 2 }))).toEqual(['d5', 'd4']);
      expect(await store.query(plainCollection(c), { limit: 3 })).toHaveLength(3);
    });

    behaviour('multipleWhere', async () => {
      const c = await seedNumbers();
      const query = {
        where: [
          ['colour', '==', 'red'],
          ['n', '>=', 3],
        ] as const,
      };
      expect(ids(byId(await store.query(plainCollection(c), query)))).toEqual(['d3', 'd5']);
      expect(ids(await store.query(plainCollection(c), { ...query, orderBy: [['n', 'desc']] }))).toEqual(['d5', 'd3']);
    });

    behaviour('batch', async () => {
      const c = unique('batch');
      await store.set(plainDoc(`${c}/toUpdate`), { n: 1 });
      await store.set(plainDoc(`${c}/toDelete`), { n: 1 });
      const batch = store.batch();
      batch.set(plainDoc(`${c}/setOne`), { n: 1 });
      batch.create(plainDoc(`${c}/created`), { n: 2 });
      batch.update(plainDoc(`${c}/toUpdate`), { n: increment(1) });
      batch.delete(plainDoc(`${c}/toDelete`));
      await batch.commit();
      expect(byId(await store.query(plainCollection(c))).map((d) => [d.id, d.data])).toEqual([
        ['created', { n: 2 }],
        ['setOne', { n: 1 }],
        ['toUpdate', { n: 2 }],
      ]);
    });

    // Only a store that really isolates transactions, checks preconditions at commit and
    // commits batches atomically can run these; the others show them as skipped.
    const describeTransactions = options.transactions ? describe : describe.skip;
    describeTransactions(
      options.transactions ? 'transactions and atomic batches' : 'transactions and atomic batches (not run: this store was declared without them)',
      () => {
        behaviour('txReadThenWrite', async () => {
          const c = unique('tx');
          await store.set(plainDoc(`${c}/account`), { balance: 100 });
          await store.set(plainDoc(`${c}/item1`), { price: 30 });
          await store.set(plainDoc(`${c}/item2`), { price: 12 });
          const total = await store.runTransaction(async (tx) => {
            const account = await tx.get(plainDoc<{ balance: number }>(`${c}/account`));
            const items = await tx.query(plainCollection<{ price: number }>(c), { where: [['price', '>', 0]] });
            const missing = await tx.get(plainDoc(`${unique('tx')}/nothing`));
            const sum = items.reduce((s, item) => s + item.data.price, 0);
            tx.update(plainDoc(`${c}/account`), { balance: (account?.balance ?? 0) - sum });
            tx.set(plainDoc(`${c}/receipt`), { total: sum, sawMissing: missing === undefined });
            return sum;
          });
          expect(total).toBe(42);
          expect(await store.get(plainDoc(`${c}/account`))).toEqual({ balance: 58 });
          expect(await store.get(plainDoc(`${c}/receipt`))).toEqual({ total: 42, sawMissing: true });
        });

        behaviour('txCreateExisting', async () => {
          const c = unique('tx');
          await store.set(plainDoc(`${c}/existing`), { v: 'original' });
          await store.set(plainDoc(`${c}/other`), { v: 1 });
          const attempt = store.runTransaction(async (tx) => {
            await tx.get(plainDoc(`${c}/other`));
            tx.set(plainDoc(`${c}/sideEffect`), { written: true });
            tx.update(plainDoc(`${c}/other`), { v: 2 });
            tx.create(plainDoc(`${c}/existing`), { v: 'replacement' });
          });
          await expectStoreError(attempt, 'already-exists');
          expect(await store.get(plainDoc(`${c}/existing`))).toEqual({ v: 'original' });
          expect(await store.get(plainDoc(`${c}/other`))).toEqual({ v: 1 });
          expect(await store.get(plainDoc(`${c}/sideEffect`))).toBeUndefined();
        });

        behaviour('txUpdateMissing', async () => {
          const c = unique('tx');
          await store.set(plainDoc(`${c}/other`), { v: 1 });
          const attempt = store.runTransaction(async (tx) => {
            await tx.get(plainDoc(`${c}/other`));
            tx.set(plainDoc(`${c}/sideEffect`), { written: true });
            tx.update(plainDoc(`${c}/other`), { v: 2 });
            tx.update(plainDoc(`${c}/missing`), { v: 3 });
          });
          await expectStoreError(attempt, 'not-found');
          expect(await store.get(plainDoc(`${c}/other`))).toEqual({ v: 1 });
          expect(await store.get(plainDoc(`${c}/sideEffect`))).toBeUndefined();
          expect(await store.get(plainDoc(`${c}/missing`))).toBeUndefined();
        });

        behaviour('batchFailingCreate', async () => {
          const c = unique('batch');
          await store.set(plainDoc(`${c}/existing`), { v: 1 });
          await store.set(plainDoc(`${c}/other`), { v: 1 });
          const batch = store.batch();
          batch.set(plainDoc(`${c}/sideEffect`), { v: 1 });
          // Another document's update: Firestore refuses outright (invalid-argument) a commit
          // that updates and then creates one document, before any precondition is checked.
          batch.update(plainDoc(`${c}/other`), { v: 2 });
          batch.create(plainDoc(`${c}/existing`), { v: 3 });
          await expectStoreError(batch.commit(), 'already-exists');
          expect(await store.get(plainDoc(`${c}/sideEffect`))).toBeUndefined();
          expect(await store.get(plainDoc(`${c}/other`))).toEqual({ v: 1 });
          expect(await store.get(plainDoc(`${c}/existing`))).toEqual({ v: 1 });
        });

        behaviour('batchFailingUpdate', async () => {
          const c = unique('batch');
          await store.set(plainDoc(`${c}/existing`), { v: 1 });
          const batch = store.batch();
          batch.set(plainDoc(`${c}/sideEffect`), { v: 1 });
          batch.delete(plainDoc(`${c}/existing`));
          batch.update(plainDoc(`${c}/missing`), { v: 3 });
          await expectStoreError(batch.commit(), 'not-found');
          expect(await store.get(plainDoc(`${c}/sideEffect`))).toBeUndefined();
          expect(await store.get(plainDoc(`${c}/existing`))).toEqual({ v: 1 });
          expect(await store.get(plainDoc(`${c}/missing`))).toBeUndefined();
        });

        behaviour(
          'txConcurrentCounter',
          async () => {
            const counter = `${unique('counter')}/c`;
            await store.set(plainDoc(counter), { value: 0 });
            // A store may give up on contention after its own attempts (Firestore's SDK does, and
            // how many a busy machine gets through is its speed): the refusal must be 'aborted',
            // with nothing written, and the work is tried again as a redelivery would. What may
            // never happen, however fast or slow the machine, is a lost or doubled increment.
            const addOne = async (): Promise<void> => {
              for (;;) {
                try {
                  await store.runTransaction(async (tx) => {
                    const current = await tx.get(plainDoc<{ value: number }>(counter));
                    tx.set(plainDoc(counter), { value: (current?.value ?? 0) + 1 });
                  });
                  return;
                } catch (error) {
                  if (!(error instanceof StoreError && error.code === 'aborted')) throw error;
                }
              }
            };
            await Promise.all(Array.from({ length: 20 }, addOne));
            expect(await store.get(plainDoc(counter))).toEqual({ value: 20 });
          },
          // Firestore's SDK backs off for a second and more between attempts on contention.
          180_000,
        );

        behaviour('txWorkThrows', async () => {
          const c = unique('tx');
          await store.set(plainDoc(`${c}/doc`), { v: 1 });
          const failure = new Error('the work failed');
          let runs = 0;
          const attempt = store.runTransaction(async (tx) => {
            runs++;
            await tx.get(plainDoc(`${c}/doc`));
            tx.set(plainDoc(`${c}/doc`), { v: 2 });
            tx.set(plainDoc(`${c}/new`), { v: 1 });
            throw failure;
          });
          await expect(attempt).rejects.toBe(failure);
          expect(runs).toBe(1);
          expect(await store.get(plainDoc(`${c}/doc`))).toEqual({ v: 1 });
          expect(await store.get(plainDoc(`${c}/new`))).toBeUndefined();
        });
      },
    );
  });
}

/** The contract's documents are made up and hold any fields: their paths are typed as plain data. */
export const plainDoc = <T = DocumentData>(path: string) => docPath<T>(path);
export const plainCollection = <T = DocumentData>(path: string) => collectionPath<T>(path);

function unique(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** Sorted by id, for queries whose order the port leaves open. */
function byId<T extends DocumentData>(docs: StoredDocument<T>[]): StoredDocument<T>[] {
  return [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function ids(docs: StoredDocument[]): string[] {
  return docs.map((d) => d.id);
}

async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect(error).toMatchObject({ code });
}
