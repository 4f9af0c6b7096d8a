import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { increment } from '../../shared/ports';
import { describeDocumentStoreContract, plainCollection, plainDoc } from './document-store-contract';

// The contract's collections are made up, so no declared index could serve them: every query is allowed here (index checks: test/unit/firestore-queries-have-indexes).
describeDocumentStoreContract(
  'the embedded document store',
  async () => ({ store: new LocalDocumentStore({ indexes: 'any' }), cleanup: async () => undefined }),
  { transactions: true },
);

describe('the embedded document store on disk', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'c500-store-')), 'store.json');

  it('keeps what was written across a restart', async () => {
    const path = file();
    const first = new LocalDocumentStore({ snapshotFile: path });
    await first.set(plainDoc('guilds/1'), { generalChannelId: '10', rates: { raceBps: 2000 } });
    await first.update(plainDoc('guilds/1'), { 'rates.raceBps': increment(500) });
    await first.close();
    const second = new LocalDocumentStore({ snapshotFile: path });
    expect(await second.get(plainDoc('guilds/1'))).toEqual({ generalChannelId: '10', rates: { raceBps: 2500 } });
  });

  const onDisk = (path: string): Record<string, unknown> => {
    try {
      return (JSON.parse(readFileSync(path, 'utf8')) as { docs: Record<string, unknown> }).docs;
    } catch {
      return {};
    }
  };

  /** A store on disk big enough that writing its snapshot takes several turns. */
  const storeOf2000Orders = async () => {
    const path = file();
    const store = new LocalDocumentStore({ snapshotFile: path });
    for (let i = 0; i < 2_000; i++) await store.set(plainDoc(`orders/o${i}`), { status: 'paid', note: 'x'.repeat(200) });
    return { path, store };
  };

  it('writes the snapshot on its own after a write, without waiting for close', async () => {
    const path = file();
    const store = new LocalDocumentStore({ snapshotFile: path });
    await store.set(plainDoc('orders/o1'), { status: 'paid' });
    // However slow the machine: it comes, with nothing asking for it.
    while (onDisk(path)['orders/o1'] === undefined) await new Promise((r) => setTimeout(r, 10));
    expect(onDisk(path)['orders/o1']).toEqual({ status: 'paid' });
  });

  it('follows a snapshot begun before a commit with one that has it', async () => {
    const { path, store } = await storeOf2000Orders();
    // Begins writing the 2,000 now; the commit below lands while it is being written.
    const first = store.saved();
    await store.update(plainDoc('orders/o0'), { status: 'refunded' });
    await store.set(plainDoc('orders/late'), { status: 'paid' });
    await first;
    await store.saved();
    const docs = onDisk(path);
    expect(Object.keys(docs)).toHaveLength(2_001);
    expect(docs['orders/o0']).toMatchObject({ status: 'refunded' });
    expect(docs['orders/late']).toEqual({ status: 'paid' });
  });

  it('keeps what close wrote when a snapshot begun before it finishes after it', async () => {
    const { path, store } = await storeOf2000Orders();
    const begun = store.saved();
    await store.set(plainDoc('orders/last'), { status: 'paid' });
    await store.close();
    await begun;
    expect(onDisk(path)['orders/last']).toEqual({ status: 'paid' });
    const reopened = new LocalDocumentStore({ snapshotFile: path });
    expect(await reopened.get(plainDoc('orders/last'))).toEqual({ status: 'paid' });
    expect(await reopened.get(plainDoc('orders/o1999'))).toMatchObject({ status: 'paid' });
  });

  it('refuses a read after a write inside a transaction, as Firestore does', async () => {
    const store = new LocalDocumentStore();
    await expect(
      store.runTransaction(async (tx) => {
        tx.set(plainDoc('a/1'), { n: 1 });
        await tx.get(plainDoc('a/2'));
      }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await store.get(plainDoc('a/1'))).toBeUndefined();
  });

  it('retries a transaction whose query result changed before it committed', async () => {
    const store = new LocalDocumentStore();
    let attempts = 0;
    await store.runTransaction(async (tx) => {
      attempts++;
      const open = await tx.query(plainCollection('lobbies'), { where: [['state', '==', 'open']] });
      if (attempts === 1) await store.set(plainDoc('lobbies/l2'), { state: 'open' }); // a rival opens one meanwhile
      tx.set(plainDoc('guilds/g/flags/open'), { count: open.length });
    });
    expect(attempts).toBe(2);
    expect(await store.get(plainDoc('guilds/g/flags/open'))).toEqual({ count: 1 });
  });
});

describe('the embedded document store holds Firestore’s limits', () => {
  const bids = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ bidderId: `1${String(i).padStart(18, '0')}`, amountCents: 1_000 + i, at: '2026-11-22T20:00:00.000Z' }));

  it('refuses a batch over the 10 MiB request limit and lands none of it', async () => {
    const store = new LocalDocumentStore();
    const batch = store.batch();
    // Sixteen documents of about 900 KB: each under 1 MiB, together over 10 MiB.
    for (let i = 0; i < 16; i++) batch.set(plainDoc(`auctions/a1/history/${i}`), { bids: bids(9_000) });
    await expect(batch.commit()).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await store.query(plainCollection('auctions/a1/history'))).toEqual([]);
  });

  it('refuses a transaction whose writes pass 10 MiB', async () => {
    const store = new LocalDocumentStore();
    await expect(
      store.runTransaction(async (tx) => {
        for (let i = 0; i < 16; i++) tx.set(plainDoc(`auctions/a1/history/${i}`), { bids: bids(9_000) });
      }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('takes a batch of more than 500 small writes, as Firestore no longer caps a commit by count', async () => {
    const store = new LocalDocumentStore();
    const batch = store.batch();
    for (let i = 0; i < 800; i++) batch.set(plainDoc(`ledger/e${i}`), { n: i });
    await batch.commit();
    expect(await store.query(plainCollection('ledger'))).toHaveLength(800);
  });

  it('refuses a document over 1 MiB', async () => {
    const store = new LocalDocumentStore();
    await expect(store.set(plainDoc('auctions/a1/history/0'), { bids: bids(15_000) })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('counts the writes each document takes, busiest first', async () => {
    const store = new LocalDocumentStore();
    for (let i = 0; i < 5; i++) await store.set(plainDoc('raceLobbies/hot'), { poolCents: increment(1) }, { merge: true });
    await store.set(plainDoc('raceLobbies/cold'), { poolCents: 1 });
    const [hottest, next] = store.hottestDocuments();
    expect(hottest).toMatchObject({ path: 'raceLobbies/hot', writes: 5 });
    expect(hottest?.peakPerSecond).toBeGreaterThanOrEqual(1);
    expect(next).toMatchObject({ path: 'raceLobbies/cold', writes: 1 });
    store.resetWriteCounts();
    expect(store.hottestDocuments()).toEqual([]);
  });
});
