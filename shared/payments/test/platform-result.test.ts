/**
 * The platform's result folded from the journal (issue 60), on lots run through the real code
 * against the local Stripe (40,000: a 4,000 fee, a 6,000 host cut, a 30,000 builder share):
 * the fee less what refunds gave back, Stripe's fees as reconciliation recorded them, what
 * disputes took, and each order's debts (owed, netted, paid outside), counted once and
 * agreeing with the debts ledger whatever happened to them.
 */
import fc from 'fast-check';
import { LOT, releasedLot } from '../../disputes/test/released-lot';
import { journalOfGuild } from '../../journal';
import { debtAccountsOfGuild, recordPaidOutside } from '../../debts';
import { platformResults } from '../rules/platform-result';
import { spreadByWeight } from '../../common';
import { reconcileAll } from '../use-cases/reconcile';
import { orderPath, type Order } from '../../orders';
import { BUILDERS, GUILD, HOST } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
type World = Awaited<ReturnType<typeof releasedLot>>;

async function resultOf(w: World['w']) {
  // Stripe's fees are in the journal once the daily run has read their lines.
  await reconcileAll(w.deps, new Date(0));
  const order = (await w.store.get(orderPath(LOT))) as Order;
  return platformResults(await journalOfGuild(w.store, GUILD), [order], 'usd');
}

/** A chargeback on the released lot whose reversals Stripe refuses: the builder's bank took the share. */
async function refusedChargeback(world: World) {
  const { w, chargeId } = world;
  await w.payments.payOutBalance((await w.account(juno)).stripeAccountId as string);
  await w.payments.payOutBalance((await w.account(HOST)).stripeAccountId as string);
  const opened = await w.payments.openDispute(chargeId, { reason: 'fraudulent' });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  await w.deliver(w.event('charge.dispute.created'));
  return opened.object.id;
}

const debtsLedger = async (w: World['w']) => (await debtAccountsOfGuild(w.store, GUILD)).reduce((sum, a) => sum + a.debt.owedCents, 0);

describe('the platform’s result, folded from the journal', () => {
  it('leaves the platform its fee less Stripe’s processing fee on a released lot, in the month it was paid', async () => {
    const world = await releasedLot();
    const results = await resultOf(world.w);
    const [row] = results.orders;
    expect(row?.result.applicationFeeCents).toBe(4_000);
    expect(row?.result.processingFeeCents).toBeGreaterThan(0);
    expect(row?.result.netCents).toBe(4_000 - (row?.result.processingFeeCents ?? 0));
    // One month, the lot's: the releases a later month sends take nothing from it (a month is its orders').
    expect(results.months).toEqual([{ month: '2026-11', result: row?.result }]);
    expect(results.shows).toEqual([{ showId: 'show0001', result: row?.result }]);
  });

  it('gives back the fee on a lot refunded in full, leaving Stripe’s kept fee as the platform’s loss', async () => {
    const world = await releasedLot();
    await world.w.deliver(await world.refund(40_000));
    const [row] = (await resultOf(world.w)).orders;
    expect(row?.result).toMatchObject({ applicationFeeCents: 0, disputeLossCents: 0 });
    expect(row?.result.refundFeeKeptCents).toBe(row?.result.processingFeeCents);
  });

  it('counts a reversal Stripe refused once, as the debts ledger does (36,000, not twice that)', async () => {
    const world = await releasedLot();
    await refusedChargeback(world);
    const [row] = (await resultOf(world.w)).orders;
    expect(row?.result.debtOutstandingCents).toBe(36_000);
    expect(row?.result.debtOutstandingCents).toBe(await debtsLedger(world.w));
    // The bank kept 40,000: 36,000 of it the builder and host owe, the 4,000 fee is the platform's loss, and Stripe's 1,500 fee.
    expect(row?.result).toMatchObject({ disputeLossCents: 4_000, disputeFeeCents: 1_500 });
  });

  it('shows no debt once a won dispute forgave it, and the fee earned again', async () => {
    const world = await releasedLot();
    const disputeId = await refusedChargeback(world);
    await world.w.payments.closeDispute(disputeId, 'won');
    await world.w.deliver(world.w.event('charge.dispute.closed'));
    const [row] = (await resultOf(world.w)).orders;
    expect(row?.result).toMatchObject({ debtOutstandingCents: 0, disputeLossCents: 0, applicationFeeCents: 4_000, disputeFeeCents: 1_500 });
    expect(await debtsLedger(world.w)).toBe(0);
  });

  it('shows a debt paid outside C500 as paid, and what is left as outstanding, as the debts ledger does', async () => {
    const world = await releasedLot();
    await refusedChargeback(world);
    await recordPaidOutside(world.w.deps, { guildId: GUILD, userId: juno, amountCents: 12_000, byUserId: 'a', byName: 'A', note: 'bank', requestId: 'r1' });
    const [row] = (await resultOf(world.w)).orders;
    expect(row?.result).toMatchObject({ debtOutstandingCents: 24_000, debtPaidOutsideCents: 12_000 });
    expect(row?.result.debtOutstandingCents).toBe(await debtsLedger(world.w));
  });

  it('nets −38,690 after a lost dispute whose two refused reversals were written off, as Stripe’s ledger does (not −2,690)', async () => {
    const world = await releasedLot();
    const disputeId = await refusedChargeback(world);
    await world.w.payments.closeDispute(disputeId, 'lost');
    await world.w.deliver(world.w.event('charge.dispute.closed'));
    const off = (userId: string, amountCents: number) =>
      recordPaidOutside(world.w.deps, {
        guildId: GUILD,
        userId,
        amountCents,
        byUserId: 'a',
        byName: 'A',
        note: 'gone',
        requestId: `off-${userId}`,
        how: 'written-off',
      });
    await off(juno, 30_000);
    await off(HOST, 6_000);
    const results = await resultOf(world.w);
    expect(results.total).toMatchObject({ processingFeeCents: 1_190, disputeFeeCents: 1_500, disputeLossCents: 4_000, debtWrittenOffCents: 36_000 });
    expect(results.total.netCents).toBe(-38_690);
    // Stripe's own figure: what every line of the platform's balance moved, fees taken.
    const lines = await world.w.payments.listBalanceTransactions({ from: new Date(0), to: new Date(world.w.deps.clock.now().getTime() + 1_000) });
    expect(lines.reduce((sum, l) => sum + l.netCents, 0)).toBe(-38_690);
  });

  it('counts a refund in the month it was made, as Stripe does: paid in November +2,810, refunded in December −4,000', async () => {
    const world = await releasedLot();
    world.w.advance(5 * 86_400_000);
    await world.w.deliver(await world.refund(40_000));
    const results = await resultOf(world.w);
    expect(results.months.map((m) => [m.month, m.result.netCents])).toEqual([
      ['2026-11', 2_810],
      ['2026-12', -4_000],
    ]);
    expect(results.orders.map((o) => o.month)).toEqual(['2026-11']);
  });

  it('spreads any amount over any weights to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        (amount, weights) => {
          const parts = spreadByWeight(amount, weights);
          return parts.length === weights.length && parts.reduce((a, b) => a + b, 0) === amount;
        },
      ),
    );
  });
});
