/**
 * The retirement of the race ledger after issue 75: each ledger document's journal twin is
 * given the race and sale it named (no posting changed), so what each race earned reads as it
 * did, and the document goes; one without a faithful twin is left and said; a second run
 * finds nothing to do.
 */
import { LocalDocumentStore } from '../../../shared/local/firestore/document-store';
import { journalPath, type JournalEntry } from '../../../shared/journal';
import { docPath } from '../../../shared/ports';
import type { RacerLine } from '../../../shared/races';
import { racerEntry } from '../../../shared/races/rules/race-journal';
import { readWallet } from '../../../shared/races/use-cases/race-balances';
import { retireRaceLedger } from '../../../scripts/retire-race-ledger';

const credit: RacerLine = {
  entryId: 's1-credit-0',
  guildId: 'g1',
  racerId: 'r1',
  kind: 'credit',
  amountCents: 700,
  currency: 'usd',
  at: '2026-10-01T00:00:00.000Z',
  lobbyId: 'lobbyold',
  saleKey: 's1',
};
const ledgerPath = (id: string) => docPath<RacerLine>(`raceLedger/${id}`);

/** A ledger document and its journal twin as issue 60 wrote them: the twin names no race. */
async function before(line: RacerLine, twin: RacerLine | null = line): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  await store.set(ledgerPath(line.entryId), line);
  const entry = twin && racerEntry({ ...twin, lobbyId: undefined, saleKey: undefined });
  if (entry) await store.set(journalPath(entry.entryId), entry);
  return store;
}

describe('the race ledger’s retirement', () => {
  it('gives the journal entry its race and sale, moves no money, and deletes the ledger document', async () => {
    const store = await before(credit);
    const was = (await store.get(journalPath('race-ledger:s1-credit-0'))) as JournalEntry;
    expect((await readWallet(store, 'g1', 'r1'))?.races).toEqual({ '(earlier races)': expect.objectContaining({ earnedCents: 700 }) });
    expect(await retireRaceLedger(store)).toEqual({ named: 1, deleted: 1, left: [] });
    expect(await store.get(journalPath('race-ledger:s1-credit-0'))).toEqual({ ...was, lobbyId: 'lobbyold', saleKey: 's1' });
    expect(await store.get(ledgerPath('s1-credit-0'))).toBeUndefined();
    expect((await readWallet(store, 'g1', 'r1'))?.races).toEqual({ lobbyold: expect.objectContaining({ earnedCents: 700 }) });
    expect(await retireRaceLedger(store)).toEqual({ named: 0, deleted: 0, left: [] });
  });

  it('deletes a payout’s ledger document without naming a race on its entry', async () => {
    const payout: RacerLine = { ...credit, entryId: 'payout-p1', kind: 'payout', amountCents: -700, lobbyId: undefined, saleKey: undefined, payoutId: 'p1' };
    const store = await before(payout);
    expect(await retireRaceLedger(store)).toEqual({ named: 0, deleted: 1, left: [] });
    expect(await store.get(journalPath('race-ledger:payout-p1'))).not.toHaveProperty('lobbyId');
  });

  it('leaves a ledger document with no twin, or one for another racer or amount, and says so', async () => {
    const alone = await before(credit, null);
    expect((await retireRaceLedger(alone)).left).toEqual(['raceLedger/s1-credit-0: no journal entry race-ledger:s1-credit-0']);
    expect(await alone.get(ledgerPath('s1-credit-0'))).toBeDefined();
    const other = await before(credit, { ...credit, amountCents: 600 });
    expect((await retireRaceLedger(other)).left).toEqual(['raceLedger/s1-credit-0: its journal entry moves 600 usd for another racer or amount']);
    expect(await other.get(journalPath('race-ledger:s1-credit-0'))).not.toHaveProperty('lobbyId');
  });
});
