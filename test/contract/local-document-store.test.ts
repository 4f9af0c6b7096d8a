import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDocumentStore } from '../../shared/adapters/firestore/local-document-store';
import { increment } from '../../shared/ports';
import { describeDocumentStoreContract } from './document-store-contract';

describeDocumentStoreContract('the embedded document store', async () => ({ store: new LocalDocumentStore(), cleanup: async () => undefined }), { transactions: true });

describe('the embedded document store on disk', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'c500-store-')), 'store.json');

  it('keeps what was written across a restart', async () => {
    const path = file();
    const first = new LocalDocumentStore({ snapshotFile: path });
    await first.set('guilds/1', { generalChannelId: '10', rates: { raceBps: 2000 } });
    await first.update('guilds/1', { 'rates.raceBps': increment(500) });
    await first.close();
    const second = new LocalDocumentStore({ snapshotFile: path });
    expect(await second.get('guilds/1')).toEqual({ generalChannelId: '10', rates: { raceBps: 2500 } });
  });

  it('writes the snapshot shortly after a write without waiting for close', async () => {
    const path = file();
    const store = new LocalDocumentStore({ snapshotFile: path });
    await store.set('orders/o1', { status: 'paid' });
    await new Promise((r) => setTimeout(r, 80));
    expect(JSON.parse(readFileSync(path, 'utf8')).docs['orders/o1']).toEqual({ status: 'paid' });
  });

  it('refuses a read after a write inside a transaction, as Firestore does', async () => {
    const store = new LocalDocumentStore();
    await expect(store.runTransaction(async (tx) => {
      tx.set('a/1', { n: 1 });
      await tx.get('a/2');
    })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await store.get('a/1')).toBeUndefined();
  });

  it('retries a transaction whose query result changed before it committed', async () => {
    const store = new LocalDocumentStore();
    let attempts = 0;
    await store.runTransaction(async (tx) => {
      attempts++;
      const open = await tx.query('lobbies', { where: [['state', '==', 'open']] });
      if (attempts === 1) await store.set('lobbies/l2', { state: 'open' }); // a rival opens one meanwhile
      tx.set('guilds/g/flags/open', { count: open.length });
    });
    expect(attempts).toBe(2);
    expect(await store.get('guilds/g/flags/open')).toEqual({ count: 1 });
  });
});
