/**
 * The store as a function in another process of the local runtime reaches it: every call
 * crosses the same RPC the processes use (each message cloned as Node's IPC clones it), and
 * the runtime's store answers. It passes the same contract as the store itself, and its
 * transactions stay serializable across the boundary.
 */
import { EventEmitter } from 'node:events';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { ProcessRpc, type IpcEndpoint } from '../../shared/local/process-rpc';
import { RemoteDocumentStore, plainCommitAttempts, storeService, type StoreService } from '../../shared/local/remote-document-store';
import { StoreError } from '../../shared/ports';
import { describeDocumentStoreContract, plainDoc } from './document-store-contract';

/** Two ends of a channel that clone what they carry, as `serialization: 'advanced'` does. */
function channel(): [IpcEndpoint, IpcEndpoint] {
  const a = new EventEmitter();
  const b = new EventEmitter();
  const end = (self: EventEmitter, other: EventEmitter): IpcEndpoint => ({
    send: (message) => {
      const copy = structuredClone(message);
      setImmediate(() => other.emit('message', copy));
      return true;
    },
    on: (event, listener) => self.on(event, listener),
  });
  return [end(a, b), end(b, a)];
}

function remote(store: LocalDocumentStore, faults?: { abortCommit(): boolean }): RemoteDocumentStore {
  const [runtimeEnd, functionEnd] = channel();
  new ProcessRpc(runtimeEnd).serve('store', storeService(store, faults));
  const rpc = new ProcessRpc(functionEnd);
  return new RemoteDocumentStore((method, args) => rpc.call('store', method, args) as Promise<ReturnType<StoreService[typeof method]>>);
}

describeDocumentStoreContract(
  'the embedded document store, reached from another process',
  async () => ({ store: remote(new LocalDocumentStore({ indexes: 'any' })), cleanup: async () => undefined }),
  { transactions: true },
);

describe('the store reached from another process', () => {
  it('runs a transaction again when the runtime’s store changed what it read, so increments from two processes both land', async () => {
    const store = new LocalDocumentStore({ indexes: 'any' });
    const [one, two] = [remote(store), remote(store)];
    await store.set(plainDoc('counters/c'), { n: 0 });
    const add = (via: RemoteDocumentStore) =>
      via.runTransaction(async (tx) => {
        const current = (await tx.get(plainDoc('counters/c'))) as { n: number };
        tx.set(plainDoc('counters/c'), { n: current.n + 1 });
      });
    await Promise.all(Array.from({ length: 20 }, (_, i) => add(i % 2 ? one : two)));
    expect(await store.get(plainDoc('counters/c'))).toEqual({ n: 20 });
  });

  it('throws the store’s own refusals as StoreErrors, so callers tell them apart', async () => {
    const via = remote(new LocalDocumentStore({ indexes: 'any' }));
    await via.set(plainDoc('a/1'), { n: 1 });
    await expect(via.update(plainDoc('a/2'), { n: 2 })).rejects.toBeInstanceOf(StoreError);
    expect(await via.createIfAbsent(plainDoc('a/1'), { n: 3 })).toBe(false);
  });

  it('sees Firestore’s aborts as a function does: a plain write is sent again as the SDK sends it, a transaction runs again', async () => {
    let abortNext = 0;
    const store = new LocalDocumentStore({ indexes: 'any' });
    const via = remote(store, { abortCommit: () => abortNext-- > 0 });
    abortNext = 2;
    await via.set(plainDoc('a/0'), { n: 0 });
    expect(await store.get(plainDoc('a/0'))).toEqual({ n: 0 });
    // Aborts that persist past the SDK's retries still fail the write, and write nothing.
    abortNext = plainCommitAttempts;
    await expect(via.set(plainDoc('a/1'), { n: 1 })).rejects.toMatchObject({ code: 'aborted' });
    expect(await store.get(plainDoc('a/1'))).toBeUndefined();
    abortNext = 2;
    let runs = 0;
    await via.runTransaction(async (tx) => {
      runs++;
      tx.set(plainDoc('a/1'), { n: 1 });
    });
    expect(runs).toBe(3);
    expect(await store.get(plainDoc('a/1'))).toEqual({ n: 1 });
  });
});
