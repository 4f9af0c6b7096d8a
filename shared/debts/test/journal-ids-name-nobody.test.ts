/**
 * A debt's journal entries outlive the person's erasure and the ten-year sweep (which clear
 * `personId`, not the id): so no id written now names the member. Driven through the debts
 * module's use cases (a debt raised, netted, paid outside, written off), every journal document
 * stored is keyed by the member's keyed pseudonym, never their Discord id; a retried move writes
 * no second entry; and the entries written before, under the raw id, are still read.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { journalPath, type JournalEntry } from '../../journal';
import { setLogIdKey } from '../../log';
import { debtPath } from '../rules/debt';
import { planNetting, recordDebtMove } from '../use-cases/debt-account';
import { debtAccountOf } from '../use-cases/read-debts';
import { recordPaidOutside } from '../use-cases/record-paid-outside';

const GUILD = '900000000000000001';
const BUILDER = '800000000000000031';
const ADMIN = '800000000000000099';
const clock = { now: () => new Date('2026-11-22T12:00:00.000Z') };
const at = clock.now().toISOString();

const raise = (store: LocalDocumentStore, key: string, amountCents: number) =>
  recordDebtMove(store, {
    guildId: GUILD,
    userId: BUILDER,
    entryId: `refused:${key}`,
    kind: 'refused-reversal',
    orderId: 'lot-1',
    amountCents,
    currency: 'usd',
    reason: 'refused',
    at,
  });

const net = (store: LocalDocumentStore, releaseKey: string) =>
  store.runTransaction(async (tx) => {
    const plan = await planNetting(tx, { guildId: GUILD, userId: BUILDER, releaseKey, dueCents: 3_000, currency: 'usd', orderId: 'lot-2', at });
    plan.write();
    return plan.nettedCents;
  });

const settle = (store: LocalDocumentStore, requestId: string, how: 'paid-outside' | 'written-off') =>
  recordPaidOutside({ store, clock }, { guildId: GUILD, userId: BUILDER, amountCents: 1_000, byUserId: ADMIN, byName: 'Admin', note: '', requestId, how });

/** Every journal document the store holds, by path. */
const journalDocuments = (store: LocalDocumentStore) => store.everyDocument().filter(([path]) => path.startsWith('journal/'));

/** Raises 10,000, nets part of it from a release, and settles 1,000 paid outside and 1,000 written off: answers what it netted. */
async function aDebtThroughItsLife(store: LocalDocumentStore): Promise<number> {
  await raise(store, 'tr_1', 10_000);
  const netted = await net(store, 'release:lot-2');
  await settle(store, 'req-1', 'paid-outside');
  await settle(store, 'req-2', 'written-off');
  return netted;
}

describe('the ids of a debt’s journal entries', () => {
  it('name no member: every journal document of a debt raised, netted, paid outside and written off holds no Discord id in its path or its id', async () => {
    const store = new LocalDocumentStore();
    const netted = await aDebtThroughItsLife(store);
    expect(netted).toBeGreaterThan(0);
    const documents = journalDocuments(store);
    expect(documents).toHaveLength(4);
    for (const [path, data] of documents) {
      expect(path).not.toContain(BUILDER);
      expect(String(data.entryId)).not.toContain(BUILDER);
      expect(path).toMatch(new RegExp(`^journal/debt:${GUILD}:ps_[0-9a-f]{32}:`));
    }
    expect((await debtAccountOf(store, GUILD, BUILDER))?.debt.owedCents).toBe(10_000 - netted - 2_000);
  });

  it('are the same on a retry: each move delivered again writes no second entry, so the id is still the move’s idempotency key', async () => {
    const store = new LocalDocumentStore();
    const netted = await aDebtThroughItsLife(store);
    const before = journalDocuments(store).map(([path]) => path);
    await aDebtThroughItsLife(store);
    expect(journalDocuments(store).map(([path]) => path)).toEqual(before);
    expect((await debtAccountOf(store, GUILD, BUILDER))?.debt.owedCents).toBe(10_000 - netted - 2_000);
  });

  it('still read an entry written before, under the raw id: what it raised is owed, and the cause delivered again moves nothing', async () => {
    const store = new LocalDocumentStore();
    const legacyId = `debt:${GUILD}:${BUILDER}:refused:tr_0`;
    const legacy: JournalEntry = {
      entryId: legacyId,
      kind: 'refused-reversal',
      at,
      guildId: GUILD,
      currency: 'usd',
      orderId: 'lot-0',
      postings: [
        { account: 'owed-to-c500', amountCents: 4_000, personId: BUILDER },
        { account: 'held', amountCents: -4_000, orderId: 'lot-0' },
      ],
    };
    await store.set(journalPath(legacyId), legacy);
    await store.set(debtPath(GUILD, BUILDER), { guildId: GUILD, userId: BUILDER, owedCents: 4_000, currency: 'usd', updatedAt: at });
    await recordDebtMove(store, {
      guildId: GUILD,
      userId: BUILDER,
      entryId: 'refused:tr_0',
      kind: 'refused-reversal',
      orderId: 'lot-0',
      amountCents: 4_000,
      currency: 'usd',
      reason: 'again',
      at,
    });
    await raise(store, 'tr_1', 1_000);
    const account = await debtAccountOf(store, GUILD, BUILDER);
    expect(account?.debt.owedCents).toBe(5_000);
    expect(account?.entries.map((e) => e.entryId).sort()).toEqual(['refused:tr_0', 'refused:tr_1']);
    expect(journalDocuments(store)).toHaveLength(2);
  });

  it('stay under one key across a rotation of LOG_ID_KEY: what was owed is still read, a retried move writes nothing, and a new move joins the same key', async () => {
    const store = new LocalDocumentStore();
    setLogIdKey('a'.repeat(64));
    await raise(store, 'tr_1', 10_000);
    const [[first]] = journalDocuments(store);
    setLogIdKey('b'.repeat(64));
    await raise(store, 'tr_1', 10_000);
    await raise(store, 'tr_2', 500);
    const paths = journalDocuments(store).map(([path]) => path);
    expect(paths).toHaveLength(2);
    const key = (path: string) => path.split(':')[2];
    expect(paths.map(key)).toEqual([key(first ?? ''), key(first ?? '')]);
    expect((await debtAccountOf(store, GUILD, BUILDER))?.debt.owedCents).toBe(10_500);
  });
});
