/**
 * The journal is append-only by construction: an entry is written only against a read of its id
 * made in the same transaction; the same movement again writes nothing, other money under the
 * same id is refused and nothing of its transaction is written, and a writer that skipped the
 * read is refused before anything is written. The stores' own `create` stops a racing writer.
 */
import { readFileSync } from 'node:fs';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { entryOf, journalOfOrder, journalPath, JournalRead, post, readEntries, withJournalAppends, writeEntry, type JournalEntry } from '../../shared/journal';
import { docPath } from '../../shared/ports';
import { codeFiles } from '../support/module-graph';

const charge = (cents: number, at = '2026-11-28T12:00:00.000Z'): JournalEntry =>
  entryOf({ entryId: 'charge:o1', kind: 'charge', at, guildId: 'g1', currency: 'usd', orderId: 'o1' }, [
    post.stripe(cents),
    post.held('o1', -cents),
  ]) as JournalEntry;
const payout = (cents: number): JournalEntry =>
  entryOf({ entryId: 'racer-payout:p1', kind: 'racer-payout', at: '2026-11-28T12:00:00.000Z', guildId: 'g1', currency: 'usd' }, [
    post.racer('r1', cents),
    post.stripe(-cents),
  ]) as JournalEntry;
const marker = docPath<{ n: number }>('markers/m1');

async function appendForOrder(store: LocalDocumentStore, entry: JournalEntry): Promise<boolean> {
  return store.runTransaction(async (tx) => {
    const read = JournalRead.ofOrders(['o1'], await journalOfOrder(tx, 'o1'));
    tx.set(marker, { n: entry.postings[0]?.amountCents ?? 0 });
    return writeEntry(tx, read, entry);
  });
}

describe('the journal, append-only', () => {
  it('writes a new entry once, and the same movement again (stamped at another time) writes nothing', async () => {
    const store = new LocalDocumentStore();
    expect(await appendForOrder(store, charge(1_000))).toBe(true);
    expect(await appendForOrder(store, charge(1_000, '2026-11-29T00:00:00.000Z'))).toBe(false);
    expect(await store.get(journalPath('charge:o1'))).toMatchObject({ at: '2026-11-28T12:00:00.000Z' });
  });

  it('refuses other money under an id already written, and nothing of that transaction is written', async () => {
    const store = new LocalDocumentStore();
    await appendForOrder(store, charge(1_000));
    await expect(appendForOrder(store, charge(1_001))).rejects.toThrow('is written already with other money');
    expect(await store.get(journalPath('charge:o1'))).toMatchObject({ postings: [post.stripe(1_000), post.held('o1', -1_000)] });
    expect(await store.get(marker)).toEqual({ n: 1_000 });
  });

  it('refuses an entry its transaction did not read for, before anything is written', async () => {
    const store = new LocalDocumentStore();
    await expect(
      store.runTransaction(async (tx) => {
        const read = JournalRead.ofOrders(['o2'], await journalOfOrder(tx, 'o2'));
        writeEntry(tx, read, charge(1_000));
      }),
    ).rejects.toThrow('without reading the journal for it first');
    expect(await store.get(journalPath('charge:o1'))).toBeUndefined();
  });

  it('checks an entry of no order against its id read first', async () => {
    const store = new LocalDocumentStore();
    const append = (entry: JournalEntry) => store.runTransaction(async (tx) => writeEntry(tx, await readEntries(tx, [entry.entryId]), entry));
    expect(await append(payout(500))).toBe(true);
    expect(await append(payout(500))).toBe(false);
    await expect(append(payout(400))).rejects.toThrow('is written already with other money');
  });

  it('writes an entry once when one transaction writes it twice', async () => {
    const store = new LocalDocumentStore();
    await store.runTransaction(async (tx) => {
      const read = await readEntries(tx, ['racer-payout:p1']);
      expect(writeEntry(tx, read, payout(500))).toBe(true);
      expect(writeEntry(tx, read, payout(500))).toBe(false);
    });
    expect(await store.get(journalPath('racer-payout:p1'))).toMatchObject({ kind: 'racer-payout' });
  });

  it('never overwrites an entry a racing writer committed after its read: run again, it finds the entry and checks it', async () => {
    const store = new LocalDocumentStore();
    const racedBy = async (other: JournalEntry) => {
      let raced = false;
      return store.runTransaction(async (tx) => {
        const read = await readEntries(tx, ['racer-payout:p1']);
        if (!raced) {
          raced = true;
          await store.set(journalPath('racer-payout:p1'), other);
        }
        return writeEntry(tx, read, payout(500));
      });
    };
    expect(await racedBy(payout(500))).toBe(false);
    await store.delete(journalPath('racer-payout:p1'));
    await expect(racedBy(payout(400))).rejects.toThrow('is written already with other money');
    expect(await store.get(journalPath('racer-payout:p1'))).toMatchObject({ postings: [post.racer('r1', 400), post.stripe(-400)] });
  });
});

describe('writes staged before the journal is read (a sale’s credits, a refund’s reversals, a payout)', () => {
  const stage = (store: LocalDocumentStore, entry: JournalEntry) =>
    store.runTransaction((tx) =>
      withJournalAppends(tx, (writes) => {
        writes.set(marker, { n: entry.postings[0]?.amountCents ?? 0 });
        writes.append(entry);
      }),
    );

  it('appends the entry with the other writes, and the same movement again writes nothing new', async () => {
    const store = new LocalDocumentStore();
    await stage(store, payout(500));
    await stage(store, payout(500));
    expect(await store.get(journalPath('racer-payout:p1'))).toMatchObject({ postings: [post.racer('r1', 500), post.stripe(-500)] });
    expect(await store.get(marker)).toEqual({ n: 500 });
  });

  it('refuses other money under an id already written, and writes none of the staged writes', async () => {
    const store = new LocalDocumentStore();
    await stage(store, payout(500));
    await store.delete(marker);
    await expect(stage(store, payout(400))).rejects.toThrow('is written already with other money');
    expect(await store.get(marker)).toBeUndefined();
  });
});

/**
 * The old write that replaced whatever an id held: the files that still call it. The list only
 * shrinks; the journal is append-only everywhere when it is empty.
 */
const stillUnread: string[] = [];

describe('the writers of the journal', () => {
  it('call only the append-only write (the old overwriting one is called from no new place)', () => {
    const callers = codeFiles(['shared', 'functions', 'scripts'])
      .filter((f) => !f.startsWith('shared/journal/') && !f.includes('/test/') && !f.startsWith('test/'))
      .filter((f) => /\bwriteEntryUnread\(/.test(readFileSync(f, 'utf8')));
    expect(callers.filter((f) => !stillUnread.includes(f))).toEqual([]);
  });
});
