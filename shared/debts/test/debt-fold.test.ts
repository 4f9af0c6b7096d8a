/**
 * What a person owes is the journal's fold of their `owed-to-c500` postings: the pages read the
 * fold, not the account document; the document's cached figure equals the fold after every move,
 * whatever the moves; and every move, netting, payment outside, write-off or forgiveness, is a
 * journal entry, written once however often its cause arrives.
 */
import fc from 'fast-check';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { debtJournalOf, owedBy } from '../../journal';
import { debtEntryKinds, debtPath } from '../rules/debt';
import { recordDebtMove } from '../use-cases/debt-account';
import { debtAccountOf, debtAccountsOfGuild } from '../use-cases/read-debts';

const GUILD = '900000000000000001';
const HOST = '800000000000000010';
const at = '2026-11-22T12:00:00.000Z';

const owe = (store: LocalDocumentStore, entryId: string, kind: (typeof debtEntryKinds)[number], amountCents: number) =>
  recordDebtMove(store, { guildId: GUILD, userId: HOST, entryId, kind, orderId: 'lot-1', amountCents, currency: 'usd', reason: 'why', at });

const folded = async (store: LocalDocumentStore) => owedBy(await debtJournalOf(store, GUILD, HOST), 'usd', HOST);

describe('a debt, folded from the journal', () => {
  it('reads what is owed from the journal, whatever the account document says', async () => {
    const store = new LocalDocumentStore();
    await owe(store, 'loss:1', 'loss-after-payout', 6_000);
    await store.update(debtPath(GUILD, HOST), { owedCents: 1 });
    expect((await debtAccountOf(store, GUILD, HOST))?.debt.owedCents).toBe(6_000);
    expect((await debtAccountsOfGuild(store, GUILD)).map((a) => a.debt.owedCents)).toEqual([6_000]);
  });

  it('lists each move as the journal has it, what it really moved, newest first', async () => {
    const store = new LocalDocumentStore();
    await owe(store, 'loss:1', 'loss-after-payout', 6_000);
    await recordDebtMove(store, {
      guildId: GUILD,
      userId: HOST,
      entryId: 'paid:1',
      kind: 'paid-outside',
      amountCents: 9_000,
      currency: 'usd',
      reason: 'cash',
      at: '2026-11-23T00:00:00.000Z',
    });
    const account = await debtAccountOf(store, GUILD, HOST);
    expect(account?.debt.owedCents).toBe(0);
    expect(account?.entries.map((e) => [e.kind, e.amountCents, e.reason])).toEqual([
      ['paid-outside', 6_000, 'cash'],
      ['loss-after-payout', 6_000, 'why'],
    ]);
  });

  it('writes a move once in the journal however often its cause arrives', async () => {
    const store = new LocalDocumentStore();
    await owe(store, 'loss:1', 'loss-after-payout', 6_000);
    await owe(store, 'loss:1', 'loss-after-payout', 6_000);
    expect(await debtJournalOf(store, GUILD, HOST)).toHaveLength(1);
    expect(await folded(store)).toBe(6_000);
  });

  it('keeps the account document’s cached figure equal to the fold after every move, never below zero', async () => {
    const move = fc.record({ kind: fc.constantFrom(...debtEntryKinds), amountCents: fc.integer({ min: 1, max: 50_000 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 12 }), async (moves) => {
        const store = new LocalDocumentStore();
        for (const [i, m] of moves.entries()) {
          await owe(store, `move:${i}`, m.kind, m.amountCents);
          const fold = await folded(store);
          expect(fold).toBeGreaterThanOrEqual(0);
          expect((await store.get(debtPath(GUILD, HOST)))?.owedCents).toBe(fold);
        }
      }),
      { numRuns: 30 },
    );
  });
});
