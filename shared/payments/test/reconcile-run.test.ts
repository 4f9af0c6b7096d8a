/**
 * The daily reconciliation reads Stripe incrementally and keeps what it found (issue 75): each
 * run asks Stripe only for lines after the cursor the last one left, records the fees and bills
 * only Stripe's lines tell, and stores its findings; a server's report reads C500's copy and the
 * journal and never writes. Against a Stripe of plain lines, so each run's question is seen.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { journalCollection, journalPath, platformPayoutEntries, post, type JournalEntry } from '../../journal';
import { orderPath } from '../../orders';
import { anOrder } from '../../../test/support/orders';
import type { BalanceTransactionLine } from '../../ports';
import { lastReconciliation, reconcileAll, reconcileGuild } from '../use-cases/reconcile';

const GUILD = 'g1';
const T0 = 1_795_000_000;

function world() {
  const store = new LocalDocumentStore();
  const lines: BalanceTransactionLine[] = [];
  const asked: number[] = [];
  let now = T0 + 10;
  const payments = {
    async listBalanceTransactions({ from, to }: { from: Date; to: Date }) {
      asked.push(from.getTime() / 1000);
      return lines.filter((l) => l.created >= from.getTime() / 1000 && l.created < to.getTime() / 1000);
    },
  };
  const deps = { store, payments, clock: { now: () => new Date(now * 1000) } };
  const charge = async (n: number, at: number, withEntry = true) => {
    lines.push({
      id: `txn_c${n}`,
      type: 'charge',
      reportingCategory: 'charge',
      amountCents: 10_000,
      feeCents: 320,
      netCents: 9_680,
      currency: 'usd',
      created: at,
      sourceId: `ch_${n}`,
    });
    if (withEntry) await writeCharge(n, at);
  };
  const writeCharge = async (n: number, at: number) => {
    const entry: JournalEntry = {
      entryId: `charge:o${n}`,
      kind: 'charge',
      at: new Date(at * 1000).toISOString(),
      guildId: GUILD,
      currency: 'usd',
      orderId: `o${n}`,
      stripeId: `ch_${n}`,
      postings: [post.stripe(10_000), post.fees(-1_000), post.held(`o${n}`, -9_000)],
    };
    await store.set(journalPath(entry.entryId), entry);
  };
  const bill = (n: number, at: number, cents: number) =>
    lines.push({
      id: `txn_f${n}`,
      type: 'stripe_fee',
      reportingCategory: 'fee',
      amountCents: -cents,
      feeCents: 0,
      netCents: -cents,
      currency: 'usd',
      created: at,
    });
  const release = async (n: number, at: number, cents: number) => {
    lines.push({
      id: `txn_t${n}`,
      type: 'transfer',
      reportingCategory: 'transfer',
      amountCents: -cents,
      feeCents: 0,
      netCents: -cents,
      currency: 'usd',
      created: at,
      sourceId: `tr_${n}`,
      sourceTransferGroup: `o${n}`,
    });
    const entry: JournalEntry = {
      entryId: `transfer:tr_${n}`,
      kind: 'release',
      at: new Date(at * 1000).toISOString(),
      guildId: GUILD,
      currency: 'usd',
      orderId: `o${n}`,
      stripeId: `tr_${n}`,
      postings: [post.held(`o${n}`, cents, 'builder'), post.stripe(-cents)],
    };
    await store.set(journalPath(entry.entryId), entry);
  };
  const payout = (n: number, at: number, cents: number) => {
    lines.push({
      id: `txn_p${n}`,
      type: 'payout',
      reportingCategory: 'payout',
      amountCents: -cents,
      feeCents: 0,
      netCents: -cents,
      currency: 'usd',
      created: at,
      sourceId: `po_${n}`,
    });
    return Promise.all(
      platformPayoutEntries({ payoutId: `po_${n}`, amountCents: cents, currency: 'usd', created: at, failed: false }).map((e) =>
        store.set(journalPath(e.entryId), e),
      ),
    );
  };
  const journal = async () => (await store.query(journalCollection)).map((d) => d.data);
  return { store, deps, asked, lines, charge, writeCharge, release, payout, bill, journal, advance: (s: number) => (now += s) };
}

describe('the daily reconciliation', () => {
  it('asks Stripe only for lines from where the last run stopped, and keeps each line once', async () => {
    const w = world();
    await w.charge(1, T0);
    await reconcileAll(w.deps, new Date(0));
    await w.charge(2, T0 + 20);
    w.advance(30);
    const second = await reconcileAll(w.deps, new Date(0));
    expect(w.asked).toEqual([0, T0]);
    expect(second).toMatchObject({ balanceTransactions: 2, matched: 2, unexplained: [], uncleared: [] });
    expect((await w.journal()).filter((e) => e.kind === 'stripe-fee').map((e) => e.entryId)).toEqual(['stripe-fee:txn_c1', 'stripe-fee:txn_c2']);
  });

  it('takes a line of the cursor’s own second that it had not seen, and none twice', async () => {
    const w = world();
    await w.charge(1, T0);
    await reconcileAll(w.deps, new Date(0));
    await w.charge(2, T0);
    const second = await reconcileAll(w.deps, new Date(0));
    expect(second).toMatchObject({ balanceTransactions: 2, matched: 2, unexplained: [] });
  });

  it('records what Stripe billed the platform as connect-fee entries, explained, and stores its findings', async () => {
    const w = world();
    w.bill(1, T0, 200);
    w.bill(2, T0, 25);
    const report = await reconcileAll(w.deps, new Date(0));
    expect(report).toMatchObject({ balanceTransactions: 2, matched: 2, unexplained: [] });
    expect((await w.journal()).map((e) => [e.kind, e.guildId])).toEqual([
      ['connect-fee', 'platform'],
      ['connect-fee', 'platform'],
    ]);
    expect(report?.platform).toEqual([{ currency: 'usd', paidOutCents: 0, stripeBilledCents: 225, ordersNetCents: 0, netCents: -225 }]);
    expect(await lastReconciliation(w.deps)).toEqual(report);
  });

  it('gives the platform’s net as Stripe’s ledger has it after a sale released, a payout and a month’s Connect fees: every line but the payout', async () => {
    const w = world();
    await w.charge(1, T0);
    await w.store.set(orderPath('o1'), anOrder({ orderId: 'o1', guildId: GUILD, currency: 'usd' }));
    await w.release(1, T0 + 5, 9_000);
    w.payout(1, T0 + 6, 6_000);
    w.bill(1, T0 + 7, 200);
    const report = await reconcileAll(w.deps, new Date(0));
    expect(report).toMatchObject({ unexplained: [], uncleared: [] });
    const stripeNet = w.lines.filter((l) => l.type !== 'payout').reduce((sum, l) => sum + l.netCents, 0);
    expect(stripeNet).toBe(10_000 - 320 - 9_000 - 200);
    expect(report?.platform).toEqual([{ currency: 'usd', paidOutCents: 6_000, stripeBilledCents: 200, ordersNetCents: 1_000 - 320, netCents: stripeNet }]);
  });

  it('records the fee of a line read before its charge’s entry was written on a later run, which then explains it', async () => {
    const w = world();
    await w.charge(1, T0, false);
    expect((await reconcileAll(w.deps, new Date(0)))?.unexplained.map((u) => [u.group, u.types])).toEqual([
      ['charge:ch_1', ['charge']],
      ['fee:txn_c1', ['charge']],
    ]);
    await w.writeCharge(1, T0);
    expect(await reconcileAll(w.deps, new Date(0))).toMatchObject({ matched: 1, unexplained: [] });
  });

  it('keeps its findings naming no person: a debt below zero is stored without whose it is, and answered with it', async () => {
    const w = world();
    const overpaid: JournalEntry = {
      entryId: 'paid-outside:x',
      kind: 'paid-outside',
      at: new Date(T0 * 1000).toISOString(),
      guildId: GUILD,
      currency: 'usd',
      postings: [post.owed('800000000000000001', -500), post.to('paid-outside', 500)],
    };
    await w.store.set(journalPath(overpaid.entryId), overpaid);
    const report = await reconcileAll(w.deps, new Date(0));
    expect(report?.uncleared).toEqual([expect.objectContaining({ account: 'owed-to-c500', personId: '800000000000000001', balanceCents: -500 })]);
    expect((await lastReconciliation(w.deps))?.uncleared).toEqual([{ account: 'owed-to-c500', balanceCents: -500, currency: 'usd', why: expect.any(String) }]);
  });
});

describe('a server’s report', () => {
  it('is not there before the first run', async () => {
    const w = world();
    await w.charge(1, T0);
    expect(await reconcileGuild(w.deps, GUILD)).toBeUndefined();
  });

  it('reads the run’s copy of Stripe’s ledger and the journal: a line Stripe wrote since is neither read nor recorded', async () => {
    const w = world();
    await w.charge(1, T0);
    await reconcileAll(w.deps, new Date(0));
    await w.charge(2, T0 + 5);
    const before = await w.journal();
    const asked = w.asked.length;
    const report = await reconcileGuild(w.deps, GUILD);
    expect(w.asked).toHaveLength(asked);
    expect(await w.journal()).toEqual(before);
    // Its charge's entry is there; its line and fee wait for the next run.
    expect(report?.unexplained).toEqual([expect.objectContaining({ group: 'charge:ch_2', side: 'journal' })]);
  });
});
