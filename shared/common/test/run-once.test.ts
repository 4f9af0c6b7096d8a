import { runOnce, runOnceFor, StillRunning, type AbandonedClaim } from '../use-cases/run-once';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { legacyOnceRecordPath, onceRecordPath, onceRecordsCollection } from '../rules/once-record';
import { StoreError, type DocumentStore } from '../../ports';

/**
 * The store as the production SDK makes it look when a commit's answer is lost: the first
 * transaction is applied, then the SDK either sends its commit again, which Firestore
 * refuses (the transaction is closed), or runs the transaction's function once more.
 */
function losingFirstCommitAnswer(store: LocalDocumentStore, after: 'refused' | 'run-again'): DocumentStore {
  let lost = false;
  return Object.assign(Object.create(store) as LocalDocumentStore, {
    runTransaction: async <R>(work: Parameters<DocumentStore['runTransaction']>[0]): Promise<R> => {
      const result = (await store.runTransaction(work)) as R;
      if (lost) return result;
      lost = true;
      if (after === 'refused') throw new StoreError('invalid-argument', '3 INVALID_ARGUMENT: Transaction is invalid or closed.');
      return (await store.runTransaction(work)) as R;
    },
  });
}

describe('runOnce', () => {
  it('does the work on the first delivery and nothing on the second', async () => {
    const store = new LocalDocumentStore();
    let runs = 0;
    expect(await runOnce(store, 'evt_1', async () => void runs++)).toBe(true);
    expect(await runOnce(store, 'evt_1', async () => void runs++)).toBe(false);
    expect(runs).toBe(1);
  });

  it('refuses a delivery that arrives while another is still working, so it is retried', async () => {
    const store = new LocalDocumentStore();
    let release!: () => void;
    const first = runOnce(store, 'evt_2', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 5));
    await expect(runOnce(store, 'evt_2', async () => undefined)).rejects.toBeInstanceOf(StillRunning);
    release();
    expect(await first).toBe(true);
  });

  it('lets the next delivery retry at once when the work failed', async () => {
    const store = new LocalDocumentStore();
    await expect(
      runOnce(store, 'evt_3', async () => {
        throw new Error('Discord was down');
      }),
    ).rejects.toThrow('Discord was down');
    let runs = 0;
    expect(await runOnce(store, 'evt_3', async () => void runs++)).toBe(true);
    expect(runs).toBe(1);
  });

  it('takes over a delivery whose lease ran out (the instance that held it died)', async () => {
    const store = new LocalDocumentStore();
    let now = new Date('2026-11-21T00:00:00Z');
    const clock = { now: () => now };
    void runOnce(store, 'evt_4', () => new Promise<void>(() => undefined), { clock, leaseMs: 1000 });
    await new Promise((r) => setTimeout(r, 5));
    now = new Date(now.getTime() + 1001);
    let runs = 0;
    expect(await runOnce(store, 'evt_4', async () => void runs++, { clock, leaseMs: 1000 })).toBe(true);
    expect(runs).toBe(1);
  });

  it('tells the work that takes over a claim never let go when that claim was taken, and tells nothing after a failure said so', async () => {
    const store = new LocalDocumentStore();
    let now = new Date('2026-11-21T00:00:00Z');
    const clock = { now: () => now };
    const heard: Array<AbandonedClaim | undefined> = [];
    const hear = async (abandoned?: AbandonedClaim) => void heard.push(abandoned);
    void runOnceFor(store, 'evt_6', () => new Promise<undefined>(() => undefined), { clock, leaseMs: 1000 });
    for (let turn = 0; turn < 1_000 && !(await store.get(onceRecordPath('evt_6'))); turn += 1) await new Promise((r) => setImmediate(r));
    now = new Date(now.getTime() + 1001);
    await runOnceFor(store, 'evt_6', hear, { clock, leaseMs: 1000 });
    await expect(runOnceFor(store, 'evt_7', async () => Promise.reject(new Error('Discord was down')), { clock })).rejects.toThrow('Discord was down');
    await runOnceFor(store, 'evt_7', hear, { clock });
    expect(heard).toEqual([{ claimedAt: '2026-11-21T00:00:00.000Z' }, undefined]);
  });

  it.each(['refused', 'run-again'] as const)(
    'does the work once when its claim was applied but the commit’s answer was lost (the SDK’s commit %s)',
    async (after) => {
      const store = new LocalDocumentStore();
      let runs = 0;
      expect(await runOnce(losingFirstCommitAnswer(store, after), 'evt_5', async () => void runs++)).toBe(true);
      expect(runs).toBe(1);
      expect(await store.get(onceRecordPath('evt_5'))).toMatchObject({ state: 'done', attempts: 1 });
    },
  );

  it('still refuses a delivery that finds another’s claim after its own claim failed', async () => {
    const store = new LocalDocumentStore();
    let release!: () => void;
    const first = runOnce(store, 'evt_6', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 5));
    const refusing = Object.assign(Object.create(store) as LocalDocumentStore, {
      runTransaction: async () => Promise.reject(new StoreError('unavailable', 'Firestore is unavailable')),
    });
    await expect(runOnce(refusing, 'evt_6', async () => undefined)).rejects.toMatchObject({ code: 'unavailable' });
    release();
    expect(await first).toBe(true);
  });

  it('keeps no one’s id in the record: its id is a digest of the key and it stores no key', async () => {
    const store = new LocalDocumentStore();
    await runOnce(store, 'dm:123456789012345678:order-1', async () => undefined);
    const [record] = await store.query(onceRecordsCollection);
    expect(JSON.stringify(record)).not.toContain('123456789012345678');
    expect(record?.id).toMatch(/^k_[0-9a-f]{40}$/);
  });

  it('finds work done before ids were digests, so a redelivery across that deploy runs nothing twice', async () => {
    const store = new LocalDocumentStore();
    await store.set(legacyOnceRecordPath('stripe:evt_old'), { key: 'stripe:evt_old', state: 'done', attempts: 1, result: 'sent' });
    let runs = 0;
    expect(await runOnce(store, 'stripe:evt_old', async () => void runs++)).toBe(false);
    expect(runs).toBe(0);
    expect(await store.get(onceRecordPath('stripe:evt_old'))).toBeUndefined();
  });
});
