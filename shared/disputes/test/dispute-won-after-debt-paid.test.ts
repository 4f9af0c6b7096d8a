/**
 * A won dispute gives back everything taken for it, however it was taken (issue 60): a
 * reversal Stripe refused made the builder's part a debt, and the builder paid that debt
 * outside C500 before the bank decided. The win forgives what is still owed and sends back
 * what was paid, so the builder ends with their share per Stripe's transfers and owes nothing.
 */
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { debtPath, recordPaidOutside } from '../../debts';
import { BUILDERS, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const LOT = auctionOfferOrderId('auct0001', 0);

async function disputedWithDebt() {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 40_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  expect(await proveOrder(w.deps, builder, LOT, {})).toMatchObject({ ok: true });
  await w.payments.payOutBalance(builder.stripeAccountId as string);
  const opened = await w.payments.openDispute((await w.order(LOT)).chargeId as string, { reason: 'fraudulent' });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  await w.deliver(w.event('charge.dispute.created', 'evt_dispute_created'));
  const share = (await w.order(LOT)).builderShareCents;
  const owed = async () => (await w.store.get(debtPath((await w.order(LOT)).guildId, juno)))?.owedCents;
  const held = async () =>
    (await w.payments.listTransfers()).filter((t) => t.destination === builder.stripeAccountId).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
  const win = async () => {
    await w.payments.closeDispute(opened.object.id, 'won');
    await w.deliver(w.event('charge.dispute.closed', 'evt_dispute_closed'));
    await w.deliver(w.event('charge.dispute.closed', 'evt_dispute_closed_again'));
  };
  return { w, share, owed, held, win };
}

describe('a won dispute after its debt was paid', () => {
  it('sends back what the builder paid outside C500 and forgives the rest, once', async () => {
    const { w, share, owed, held, win } = await disputedWithDebt();
    expect(await owed()).toBe(share);
    const guildId = (await w.order(LOT)).guildId;
    const paid = { guildId, userId: juno, amountCents: 10_000, byUserId: 'admin', byName: 'Admin', note: 'bank transfer', requestId: 'r1' };
    expect(await recordPaidOutside(w.deps, paid)).toMatchObject({ ok: true, owedCents: share - 10_000 });
    await win();
    expect(await owed()).toBe(0);
    expect(await held()).toBe(share + 10_000);
    const returns = (await w.payments.listTransfers()).filter((t) => t.metadata.part === 'dispute-return');
    expect(returns.map((t) => t.amount)).toEqual([10_000]);
    expect((await w.journalDebts(LOT)).builderDebt).toBe(0);
  });

  it('sends nothing back when nothing of the debt was paid: all of it is forgiven', async () => {
    const { w, share, owed, held, win } = await disputedWithDebt();
    await win();
    expect(await owed()).toBe(0);
    expect(await held()).toBe(share);
    expect((await w.payments.listTransfers()).filter((t) => t.metadata.part === 'dispute-return')).toEqual([]);
  });
});
