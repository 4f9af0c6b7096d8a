/**
 * A released lot refunded in part, then disputed for what is left: Stripe's `charge.refunded`
 * and `charge.dispute.*` may reach C500 in either order. Whichever comes first, the reversals
 * take back exactly what was sent (no part asked twice, so none refused and turned into a
 * debt), and a win leaves the builder and the host with what the refund alone would have
 * left them, to the cent. The money is read from the local Stripe's transfers.
 */
import fc from 'fast-check';
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { type StripeEvent } from '../../payments';
import { builderPartOfRefund, hostPartOfRefund, builderDueCents, orderPath } from '../../orders';
import { BUILDERS, HOST, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const LOT = auctionOfferOrderId('auct0001', 0);

/** One lot sold, paid, proved (builder's share and host's cut sent), refunded `refundCents` from Stripe's dashboard and then disputed. */
async function refundedThenDisputed(priceCents: number, refundCents: number) {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  const host = await w.account(HOST);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  expect(await proveOrder(w.deps, builder, LOT, {})).toMatchObject({ ok: true });
  const chargeId = (await w.order(LOT)).chargeId as string;
  await w.payments.refundCharge(chargeId, refundCents);
  const refunded = w.event('charge.refunded', 'evt_refunded');
  const opened = await w.payments.openDispute(chargeId, { reason: 'product_not_received' });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  const disputed: StripeEvent[] = [w.event('charge.dispute.created', 'evt_dispute_created'), w.event('charge.dispute.funds_withdrawn', 'evt_withdrawn')];
  /** What each person's transfers still hold on Stripe, net of reversals. */
  const net = async (accountId: string | undefined) =>
    (await w.payments.listTransfers()).filter((t) => t.destination === accountId).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
  return {
    w,
    refunded,
    disputed,
    disputeId: opened.object.id,
    nets: async () => ({ builder: await net(builder.stripeAccountId), host: await net(host.stripeAccountId) }),
  };
}

const lots = fc
  .record({ priceCents: fc.integer({ min: 1_000, max: 250_000 }), refundShare: fc.double({ min: 0.001, max: 0.999, noNaN: true }), refundFirst: fc.boolean() })
  .map(({ priceCents, refundShare, refundFirst }) => ({ priceCents, refundCents: Math.max(1, Math.floor(priceCents * refundShare)), refundFirst }));

describe('a released lot refunded in part and then disputed, Stripe’s events in either order', () => {
  it('takes back all that was sent and nothing more: no part is asked twice, so no debt is recorded', async () => {
    await fc.assert(
      fc.asyncProperty(lots, async ({ priceCents, refundCents, refundFirst }) => {
        const { w, refunded, disputed, nets } = await refundedThenDisputed(priceCents, refundCents);
        for (const event of refundFirst ? [refunded, ...disputed] : [...disputed, refunded]) await w.deliver(event);
        const order = await w.order(LOT);
        expect(await w.journalDebts(order.orderId)).toEqual({ builderDebt: 0, hostDebt: 0 });
        expect(order.pendingReversals ?? []).toEqual([]);
        // Refunded and disputed make up the whole charge: nothing of it is left with anyone.
        expect(await nets()).toEqual({ builder: 0, host: 0 });
      }),
      { numRuns: 60 },
    );
  });

  it('when the dispute is won, leaves the builder and the host what the refund alone leaves them, to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(lots, async ({ priceCents, refundCents, refundFirst }) => {
        const { w, refunded, disputed, disputeId, nets } = await refundedThenDisputed(priceCents, refundCents);
        for (const event of refundFirst ? [refunded, ...disputed] : [...disputed, refunded]) await w.deliver(event);
        await w.payments.closeDispute(disputeId, 'won');
        await w.deliver(w.event('charge.dispute.closed', 'evt_closed'));
        const order = await w.order(LOT);
        expect(await nets()).toEqual({
          builder: builderDueCents(order) - builderPartOfRefund(order, refundCents),
          host: (order.hostCutCents ?? 0) - hostPartOfRefund(order, refundCents),
        });
      }),
      { numRuns: 40 },
    );
  });

  it('takes a refund after the win back from what the win sent, once the release no longer holds it: no debt, each part to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(lots, fc.double({ min: 0.001, max: 1, noNaN: true }), async ({ priceCents, refundCents, refundFirst }, laterShare) => {
        const { w, refunded, disputed, disputeId, nets } = await refundedThenDisputed(priceCents, refundCents);
        for (const event of refundFirst ? [refunded, ...disputed] : [...disputed, refunded]) await w.deliver(event);
        await w.payments.closeDispute(disputeId, 'won');
        await w.deliver(w.event('charge.dispute.closed', 'evt_closed'));
        const later = Math.max(1, Math.floor((priceCents - refundCents) * laterShare));
        await w.payments.refundCharge((await w.order(LOT)).chargeId as string, later);
        await w.deliver(w.event('charge.refunded', 'evt_refunded_later'));
        const order = await w.order(LOT);
        expect(await w.journalDebts(order.orderId)).toEqual({ builderDebt: 0, hostDebt: 0 });
        expect(await nets()).toEqual({
          builder: builderDueCents(order) - builderPartOfRefund(order, refundCents + later),
          host: (order.hostCutCents ?? 0) - hostPartOfRefund(order, refundCents + later),
        });
      }),
      { numRuns: 40 },
    );
  });

  it('holds a refund that lands between the win and its return until the return is sent, then takes it from there: no debt', async () => {
    const { w, refunded, disputed, disputeId, nets } = await refundedThenDisputed(40_000, 10_000);
    for (const event of [refunded, ...disputed]) await w.deliver(event);
    await w.payments.closeDispute(disputeId, 'won');
    // C500 has recorded the win, not yet sent its return, when the refund after it is delivered.
    const order = await w.order(LOT);
    await w.store.set(orderPath(LOT), { ...order, dispute: { ...(order.dispute as NonNullable<typeof order.dispute>), state: 'won' } });
    await w.payments.refundCharge(order.chargeId as string, 5_000);
    const later = w.event('charge.refunded', 'evt_refunded_later');
    await expect(w.deliver(later)).rejects.toThrow(/waits for the win's return/);
    expect((await w.order(LOT)).pendingReversals ?? []).toEqual([]);
    await w.deliver(w.event('charge.dispute.closed', 'evt_closed'));
    await w.deliver(later);
    const after = await w.order(LOT);
    expect(await w.journalDebts(after.orderId)).toEqual({ builderDebt: 0, hostDebt: 0 });
    expect(await nets()).toEqual({
      builder: builderDueCents(after) - builderPartOfRefund(after, 15_000),
      host: (after.hostCutCents ?? 0) - hostPartOfRefund(after, 15_000),
    });
  });
});
