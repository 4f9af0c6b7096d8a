/**
 * The journal held to the local Stripe's own ledger (issue 60): after each of Stripe's cases
 * on a released show lot (40,000: a 4,000 fee, a 6,000 host cut, a 30,000 builder share), every
 * entry balances, every balance transaction of the lot is explained by the entries of the
 * object it moved money for, and the lot's held money is empty once it is done with. The facts
 * are Stripe's balance transactions, which the code under test does not write.
 */
import { LOT, releasedLot } from '../../disputes/test/released-lot';
import { heldFor, journalOfGuild, journalPath, owedBy, unbalanced, type JournalEntry } from '../../journal';
import { reconcileAll, reconcileGuild } from '../use-cases/reconcile';
import { recordPaidOutside } from '../../debts';
import { BUILDERS, GUILD, HOST, showPaymentsWorld } from '../../../test/support/show-payments';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { passToRunnerUp } from '../../auctions';
import { proveOrder } from '../../live/use-cases/prove-order';

const [juno] = BUILDERS;

async function reconciled(w: Awaited<ReturnType<typeof releasedLot>>['w']) {
  // The daily run reads Stripe's new lines and records their fees; the server's report then reads the copy.
  await reconcileAll(w.deps, new Date(0));
  const report = await reconcileGuild(w.deps, GUILD);
  const entries: JournalEntry[] = await journalOfGuild(w.store, GUILD);
  return { report, entries, held: heldFor(entries, 'usd', LOT) };
}

describe('the journal of a released lot, reconciled with the local Stripe', () => {
  it('explains every line of a payment and its releases, and holds nothing once both went out', async () => {
    const { w } = await releasedLot();
    const { report, entries, held } = await reconciled(w);
    expect(unbalanced(entries)).toEqual([]);
    expect(report).toMatchObject({ unexplained: [], uncleared: [] });
    // The charge, the builder's and the host's transfers, each with Stripe's fee where it keeps one.
    expect(report?.matched).toBe(report?.balanceTransactions);
    expect(report?.balanceTransactions).toBeGreaterThanOrEqual(3);
    expect(held).toBe(0);
    // The builder's share and the host's cut were each reserved in flight before Stripe sent it (its transfer posted the reservation).
    expect(entries.map((e) => e.kind).sort()).toEqual(['charge', 'release', 'release', 'release-in-flight', 'release-in-flight', 'stripe-fee']);
  });

  it('clears a lot refunded in full: both shares reversed, the platform’s fee given back', async () => {
    const { w, refund } = await releasedLot();
    await w.deliver(await refund(40_000));
    const { report, entries, held } = await reconciled(w);
    expect(unbalanced(entries)).toEqual([]);
    expect(report).toMatchObject({ unexplained: [], uncleared: [] });
    expect(report?.matched).toBe(report?.balanceTransactions);
    expect(held).toBe(-4_000);
  });

  it('makes a reversal Stripe refused the builder’s debt, and a win after the debt was paid outside leaves nothing owed or held', async () => {
    const { w, chargeId } = await releasedLot();
    const builder = await w.account(juno);
    await w.payments.payOutBalance(builder.stripeAccountId as string);
    const opened = await w.payments.openDispute(chargeId, { reason: 'fraudulent' });
    if (opened.result !== 'changed') throw new Error('no dispute opened');
    await w.deliver(w.event('charge.dispute.created'));
    const during = await reconciled(w);
    expect(owedBy(during.entries, 'usd', juno)).toBe(30_000);
    expect(during.report).toMatchObject({ unexplained: [] });
    await recordPaidOutside(w.deps, { guildId: GUILD, userId: juno, amountCents: 5_000, byUserId: 'a', byName: 'A', note: 'bank', requestId: 'r1' });
    await w.payments.closeDispute(opened.object.id, 'won');
    await w.deliver(w.event('charge.dispute.closed'));
    const after = await reconciled(w);
    expect(unbalanced(after.entries)).toEqual([]);
    expect(owedBy(after.entries, 'usd', juno)).toBe(0);
    expect(after.report).toMatchObject({ unexplained: [], uncleared: [] });
    // The fee stays earned; Stripe's dispute fee is the platform's cost, outside the lot's held money.
    expect(after.held).toBe(0);
  });

  it('holds a failed refund for the buyer and clears once it is refunded again', async () => {
    const { w, refund } = await releasedLot();
    await w.deliver(await refund(10_000));
    const [made] = await w.payments.listRefunds();
    w.advance(86_400_000);
    await w.payments.failRefund(made?.id as string);
    await w.deliver(w.event('charge.refund.updated'));
    const failed = await reconciled(w);
    expect(failed.report).toMatchObject({ unexplained: [] });
    // The buyer's 10,000 is back on the platform's balance, less the platform's own part of it (the shares' parts stay reversed).
    expect(failed.held).toBe(10_000 - 1_000);
    // Days later, an admin refunds it again.
    w.advance(3 * 86_400_000);
    await w.deliver(await refund(10_000));
    const again = await reconciled(w);
    expect(again.report).toMatchObject({ unexplained: [], uncleared: [] });
    expect(again.held).toBe(-1_000);
  });

  it('explains a show checkout paid after one of its lots moved on: the lot kept released, the other’s part refunded by itself, nothing held or owed', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    const builder = await w.account(juno);
    await w.account(HOST);
    const [kept, movedOn] = [auctionOfferOrderId('auct0001', 0), auctionOfferOrderId('auct0002', 0)];
    await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 40_000 });
    await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
    await openShowCheckouts(w.deps, 'show0001');
    const [session] = await w.payments.listSessions();
    await w.payments.paySession(session?.id as string);
    await passToRunnerUp(w.deps, movedOn, 'evt_lot_lapsed');
    await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
    await w.deliver(w.event('charge.refunded', 'evt_refunded'));
    expect(await proveOrder(w.deps, builder, kept, {})).toMatchObject({ ok: true });
    const { report, entries } = await reconciled(w);
    expect(unbalanced(entries)).toEqual([]);
    expect(report).toMatchObject({ unexplained: [], uncleared: [] });
    // The charge, its one partial refund, the builder's and the host's transfers.
    expect(report?.matched).toBe(report?.balanceTransactions);
    expect(report?.balanceTransactions).toBeGreaterThanOrEqual(4);
    expect(heldFor(entries, 'usd', movedOn)).toBe(0);
    expect(heldFor(entries, 'usd', kept)).toBe(0);
  });

  it('fails on a world where an entry is missing: a release the journal lost is unexplained on Stripe’s side, and its lot uncleared', async () => {
    const { w } = await releasedLot();
    const lost = (await journalOfGuild(w.store, GUILD)).find((e) => e.kind === 'release');
    await w.store.delete(journalPath(lost?.entryId as string));
    const { report } = await reconciled(w);
    expect(report?.unexplained).toEqual([expect.objectContaining({ side: 'stripe', group: `transfer:${lost?.stripeId}`, journalCents: 0 })]);
    expect(report?.uncleared).toEqual([expect.objectContaining({ account: 'held', orderId: LOT })]);
  });
});
