/**
 * A racer's wallet is the journal's fold of their racer-payable postings, not a counter: a
 * shard changed by hand changes no balance. After a refund reverses commission already paid
 * out, the racer owes it back (issue 75's −6,666), and that shows in their debts and in the
 * server's, as a racing account nobody records paid, and in the reconciliation's uncleared list.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { debtAccountsOfGuild, debtAccountsOfPerson } from '../../debts';
import { journalOfGuild, unclearedAccounts, withJournalAppends } from '../../journal';
import type { RacerLine } from '../rules/wallet';
import { walletShardPath } from '../rules/wallet';
import { writeLedgerEntry } from '../use-cases/race-ledger';
import { readWallet } from '../use-cases/race-balances';

const GUILD = '910000000000000001';
const RACER = '820000000000000001';
const at = '2026-11-22T13:00:00.000Z';
const move = (entryId: string, kind: RacerLine['kind'], amountCents: number): RacerLine => ({
  entryId,
  guildId: GUILD,
  racerId: RACER,
  kind,
  amountCents,
  currency: 'usd',
  at,
});

async function racerPaidThenRefunded() {
  const store = new LocalDocumentStore();
  for (const entry of [move('sale-1-credit', 'credit', 10_000), move('payout-p1', 'payout', -10_000), move('refund-1-reversal', 'reversal', -6_666)]) {
    await store.runTransaction((tx) => withJournalAppends(tx, (writes) => writeLedgerEntry(writes, entry)));
  }
  return store;
}

describe('a racer’s wallet, folded from the journal', () => {
  it('reads earned, paid and pending from the racer’s journal, whatever a shard says', async () => {
    const store = await racerPaidThenRefunded();
    for (let shard = 0; shard < 16; shard++)
      if (await store.get(walletShardPath(GUILD, RACER, shard))) await store.update(walletShardPath(GUILD, RACER, shard), { pendingCents: 1 });
    expect(await readWallet(store, GUILD, RACER)).toMatchObject({ pendingCents: -6_666, paidCents: 10_000, earnedCents: 3_334 });
  });

  it('shows what a refund after the payout took back as owed in the racer’s own debts', async () => {
    const store = await racerPaidThenRefunded();
    const [account] = await debtAccountsOfPerson(store, RACER);
    expect(account?.debt).toMatchObject({ guildId: GUILD, userId: RACER, racer: true, owedCents: 6_666, currency: 'usd' });
    expect(account?.entries.map((e) => [e.kind, e.amountCents])).toEqual([['commission-reversed', 6_666]]);
  });

  it('lists the racer among those who owe on the server, for its admins', async () => {
    const store = await racerPaidThenRefunded();
    expect((await debtAccountsOfGuild(store, GUILD)).map((a) => [a.debt.userId, a.debt.owedCents])).toEqual([[RACER, 6_666]]);
  });

  it('lists the same −66.66 among the server’s accounts that should be empty, as the reconciliation reads them', async () => {
    const store = await racerPaidThenRefunded();
    const wallet = await readWallet(store, GUILD, RACER);
    const uncleared = unclearedAccounts(await journalOfGuild(store, GUILD), []).filter((u) => u.account === 'racer-payable');
    expect(uncleared).toEqual([expect.objectContaining({ personId: RACER, balanceCents: -6_666, currency: 'usd' })]);
    expect(uncleared[0]?.balanceCents).toBe(wallet?.pendingCents);
  });

  it('shows no debt for a racer the platform still owes', async () => {
    const store = new LocalDocumentStore();
    await store.runTransaction((tx) => withJournalAppends(tx, (writes) => writeLedgerEntry(writes, move('sale-1-credit', 'credit', 10_000))));
    expect(await debtAccountsOfPerson(store, RACER)).toEqual([]);
    expect(await readWallet(store, GUILD, RACER)).toMatchObject({ pendingCents: 10_000 });
  });
});
