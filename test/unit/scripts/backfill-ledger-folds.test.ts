/**
 * The backfill after issue 75's folds: it names the racer on journal entries written before
 * wallets were read by `personId`, changing no posting, and does nothing the second time; it
 * lists the debt accounts whose cached figure is not the journal's fold, writing nothing.
 */
import { LocalDocumentStore } from '../../../shared/local/firestore/document-store';
import { entryOf, journalPath, post, type JournalEntry } from '../../../shared/journal';
import { debtPath, recordDebtMove } from '../../../shared/debts';
import { readWallet } from '../../../shared/races/use-cases/race-balances';
import { debtsOffTheirFold, nameRacers } from '../../../scripts/backfill-ledger-folds';

const oldCredit = entryOf({ entryId: 'race-ledger:s1-credit-r1', kind: 'racer-earning', at: '2026-10-01T00:00:00.000Z', guildId: 'g1', currency: 'usd' }, [
  post.racer('r1', -700),
  post.to('merch-revenue', 700),
]) as JournalEntry;

describe('the backfill of the ledger’s folds', () => {
  it('names the racer on an old entry, so their wallet counts it, and names nothing twice', async () => {
    const store = new LocalDocumentStore();
    await store.set(journalPath(oldCredit.entryId), oldCredit);
    expect(await readWallet(store, 'g1', 'r1')).toBeUndefined();
    expect(await nameRacers(store)).toBe(1);
    expect(await nameRacers(store)).toBe(0);
    expect(await store.get(journalPath(oldCredit.entryId))).toEqual({ ...oldCredit, personId: 'r1' });
    expect(await readWallet(store, 'g1', 'r1')).toMatchObject({ pendingCents: 700, earnedCents: 700 });
  });

  it('lists a debt whose cached figure the journal does not hold, and none whose figure it does', async () => {
    const store = new LocalDocumentStore();
    await recordDebtMove(store, {
      guildId: 'g1',
      userId: 'h1',
      entryId: 'loss:1',
      kind: 'loss-after-payout',
      amountCents: 600,
      currency: 'usd',
      reason: 'r',
      at: '2026-10-01T00:00:00.000Z',
    });
    expect(await debtsOffTheirFold(store)).toEqual([]);
    await store.set(debtPath('g1', 'h2'), { guildId: 'g1', userId: 'h2', owedCents: 900, currency: 'usd', updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(await debtsOffTheirFold(store)).toEqual([{ guildId: 'g1', userId: 'h2', cachedCents: 900, foldedCents: 0 }]);
  });
});
