/**
 * Issue 49, defect 3: a show host's cut paid by hand stays paid. A refund or a dispute after
 * the hand payment does not rewrite the payout record: the host's part becomes their debt,
 * on the order and on their ledger, once however often Stripe delivers; a won dispute after
 * the payment forgives that debt, and a win on a cut paid while it was disputed leaves the
 * record as paid and owes the difference, which the dashboard can pay.
 */
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { hostPayoutPath, type PaidByHand } from '../../payments/rules/host-payout';
import { markHostPayoutPaid } from '../../dashboard/use-cases/dashboard-actions';
import type { DashboardDeps } from '../../dashboard/use-cases/dashboard-deps';
import { sessionOf, world } from '../../dashboard/test/dashboard-fixtures';
import { debtAccountOf } from '../use-cases/read-debts';
import { BUILDERS, GUILD, HOST, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const A = auctionOfferOrderId('auct0001', 0);
const handPayment: PaidByHand = { byUserId: '800000000000000099', byName: 'Admin', at: '2026-11-27T21:00:00Z', amountCents: 3_750, note: 'PayPal' };

/** A $250.00 lot (10 % fee, 15 % host cut: 3,750 to the host) whose host has no account: their cut is owed by hand once proved. */
async function provedLotOwedByHand() {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  expect(await proveOrder(w.deps, builder, A, {})).toMatchObject({ ok: true });
  const chargeId = (await w.order(A)).chargeId as string;
  const record = async () => w.store.get(hostPayoutPath(A));
  const hostDebt = async () => (await debtAccountOf(w.store, GUILD, HOST))?.debt.owedCents ?? 0;
  const markPaid = () => w.store.update(hostPayoutPath(A), { status: 'paid-by-hand', paidByHand: handPayment });
  return { w, chargeId, record, hostDebt, markPaid };
}

describe('a host cut paid by hand, then refunded', () => {
  it('stays recorded as paid at what was paid, and the host’s part of the refund is their debt, once under redelivery', async () => {
    const { w, chargeId, record, hostDebt, markPaid } = await provedLotOwedByHand();
    await markPaid();
    await w.payments.refundCharge(chargeId, 25_000);
    const refunded = w.event('charge.refunded', 'evt_refund');
    await w.deliver(refunded);
    await w.deliver(refunded);
    expect(await record()).toMatchObject({ status: 'paid-by-hand', amountCents: 3_750, paidByHand: handPayment });
    expect(await hostDebt()).toBe(3_750);
    expect((await w.journalDebts(A)).hostDebt).toBe(3_750);
    const account = await debtAccountOf(w.store, GUILD, HOST);
    expect(account?.entries).toEqual([expect.objectContaining({ kind: 'loss-after-payout', orderId: A, amountCents: 3_750 })]);
  });

  it('tells the host by DM, once under redelivery, that they now owe C500 their part and how it is settled', async () => {
    const { w, chargeId, markPaid } = await provedLotOwedByHand();
    await markPaid();
    await w.payments.refundCharge(chargeId, 25_000);
    const refunded = w.event('charge.refunded', 'evt_refund');
    await w.deliver(refunded);
    await w.deliver(refunded);
    const told = w.dmsTo(HOST).filter((m) => m.content?.includes('you now owe C500'));
    expect(told).toHaveLength(1);
    expect(told[0]?.content).toContain(`Order \`${A}\` was refunded after your host’s cut was paid by hand: you now owe C500 $37.50 on this server.`);
  });

  it('is still owed less, with no debt, when the refund comes before it is paid', async () => {
    const { w, chargeId, record, hostDebt } = await provedLotOwedByHand();
    await w.payments.refundCharge(chargeId, 25_000);
    await w.deliver(w.event('charge.refunded', 'evt_refund'));
    expect(await record()).toMatchObject({ status: 'owed', amountCents: 0 });
    expect(await hostDebt()).toBe(0);
  });
});

describe('a host cut paid by hand, then disputed', () => {
  it('keeps the record as paid, makes the host’s part of the dispute their debt, and a win forgives it', async () => {
    const { w, chargeId, record, hostDebt, markPaid } = await provedLotOwedByHand();
    await markPaid();
    const opened = await w.payments.openDispute(chargeId, { reason: 'fraudulent' });
    if (opened.result !== 'changed') throw new Error('no dispute opened');
    await w.deliver(w.event('charge.dispute.created', 'evt_dispute'));
    await w.deliver(w.event('charge.dispute.created', 'evt_dispute_again'));
    expect(await record()).toMatchObject({ status: 'paid-by-hand', amountCents: 3_750 });
    expect(await hostDebt()).toBe(3_750);
    const told = w.dmsTo(HOST).filter((m) => m.content?.includes('you now owe C500'));
    expect(told.map((m) => m.content)).toEqual([
      expect.stringContaining(`A dispute took back the payment for order \`${A}\` after your host’s cut was paid by hand: you now owe C500 $37.50`),
    ]);
    await w.payments.closeDispute(opened.object.id, 'won');
    await w.deliver(w.event('charge.dispute.closed', 'evt_won'));
    await w.deliver(w.event('charge.dispute.closed', 'evt_won_again'));
    expect(await record()).toMatchObject({ status: 'paid-by-hand', amountCents: 3_750 });
    expect(await record()).not.toHaveProperty('differenceOwedCents');
    expect(await hostDebt()).toBe(0);
  });

  it('never raises a record paid while the dispute was open: the win owes the difference, and the dashboard pays it once', async () => {
    const { w, chargeId, record } = await provedLotOwedByHand();
    const opened = await w.payments.openDispute(chargeId, { reason: 'fraudulent', amountCents: 10_000 });
    if (opened.result !== 'changed') throw new Error('no dispute opened');
    await w.deliver(w.event('charge.dispute.created', 'evt_dispute'));
    const owedDuringDispute = (await record())?.amountCents ?? 0;
    expect(owedDuringDispute).toBe(3_750 - 1_500);
    const admin = sessionOf([GUILD]);
    const deps: DashboardDeps = { ...world().deps, store: w.store, clock: w.deps.clock };
    expect(await markHostPayoutPaid(deps, admin, GUILD, A, 'PayPal')).toMatchObject({ ok: true });
    await w.payments.closeDispute(opened.object.id, 'won');
    await w.deliver(w.event('charge.dispute.closed', 'evt_won'));
    expect(await record()).toMatchObject({ status: 'paid-by-hand', amountCents: owedDuringDispute, differenceOwedCents: 1_500 });
    expect(await markHostPayoutPaid(deps, admin, GUILD, A, 'the rest')).toMatchObject({ ok: true });
    expect(await record()).toMatchObject({ differenceOwedCents: 0, paidAfter: [expect.objectContaining({ amountCents: 1_500, note: 'the rest' })] });
    expect(await markHostPayoutPaid(deps, admin, GUILD, A, 'again')).toMatchObject({ ok: false, reason: 'already-paid' });
  });
});
