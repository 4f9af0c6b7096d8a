/**
 * A debt's journal entries keep the key their account stores (`journalKey`) when LOG_ID_KEY is
 * rotated (issue 79): the export and the erasure must find them under that key, not under the
 * member's pseudonym from the current key, and under the raw id for entries written before.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { recordDebtMove } from '../../debts';
import { journalPath, type JournalEntry } from '../../journal';
import { setLogIdKey } from '../../log';
import { keptDocuments } from '../rules/kept-data';
import { exportMemberData } from '../use-cases/export-member-data';
import { eraseMemberData } from '../use-cases/erase-member';
import { findMemberData } from '../use-cases/find-member-data';

const member = '811000000000000701';
const guild = '911000000000000701';
const at = '2026-11-20T12:00:00.000Z';
const clock = { now: () => new Date(at) };
const journalAbout = keptDocuments.find((document) => document.type === 'JournalEntry')?.about;

const raise = (store: LocalDocumentStore, cause: string, amountCents: number) =>
  recordDebtMove(store, {
    guildId: guild,
    userId: member,
    entryId: `refused:${cause}`,
    kind: 'refused-reversal',
    orderId: 'o9',
    amountCents,
    currency: 'usd',
    reason: 'A refund C500 could not take back',
    at,
  });

/** An entry as the debts module wrote it before issue 79, under the member's raw id, with no line beside it. */
const legacyEntry: JournalEntry = {
  entryId: `debt:${guild}:${member}:refused:tr_0`,
  kind: 'refused-reversal',
  at: '2026-01-10T12:00:00.000Z',
  guildId: guild,
  currency: 'usd',
  orderId: 'o8',
  postings: [
    { account: 'owed-to-c500', amountCents: 200, personId: member },
    { account: 'held', amountCents: -200, orderId: 'o8' },
  ],
};

/** A debt raised under one LOG_ID_KEY, then the key rotated: answers the store and the journal paths written. */
async function debtAcrossARotation(withLegacy: boolean): Promise<{ store: LocalDocumentStore; paths: string[] }> {
  const store = new LocalDocumentStore();
  if (withLegacy) await store.set(journalPath(legacyEntry.entryId), legacyEntry);
  setLogIdKey('a'.repeat(64));
  await raise(store, 'tr_1', 500);
  setLogIdKey('b'.repeat(64));
  // A move after the rotation joins the account's stored key.
  await raise(store, 'tr_2', 300);
  const paths = store
    .everyDocument()
    .map(([path]) => path)
    .filter((path) => path.startsWith('journal/'));
  return { store, paths };
}

describe('a debt’s journal entries after LOG_ID_KEY is rotated', () => {
  it('are all in the member’s export: those under the key the debt stores, and the one written under their raw id before pseudonyms', async () => {
    const { store, paths } = await debtAcrossARotation(true);
    expect(paths).toHaveLength(3);
    const exported = await exportMemberData(store, member, clock.now());
    const journal = exported?.records.filter((record) => record.kind === 'JournalEntry').map((record) => record.path);
    expect(journal?.sort()).toEqual(paths.sort());
  });

  it('are found by the erasure, which names the journal among what the law keeps and leaves the entries as they were', async () => {
    const { store, paths } = await debtAcrossARotation(false);
    const before = await Promise.all(paths.map((path) => store.get(journalPath(path.slice('journal/'.length)))));
    const outcome = await eraseMemberData({ store, clock }, member);
    expect(outcome).toMatchObject({ kind: 'erased', kept: expect.arrayContaining([journalAbout]) });
    expect((await findMemberData(store, member)).map((one) => one.path)).toEqual(expect.arrayContaining(paths));
    // Kept by law: the ten-year sweep, not the erasure, takes the member's id from them.
    expect(await Promise.all(paths.map((path) => store.get(journalPath(path.slice('journal/'.length)))))).toEqual(before);
  });
});
