/**
 * `done` proved once for a group buy ends each order as a commission's `done` ends it: the
 * rest of the builder's share goes out once the order is delivered (the delivery gate: the
 * buyer's Received, or the carrier's delivery and the window), the whole share, tranches
 * included, and no more; delivered (or received), the order leaves its promise behind, and
 * past the end of the ship month its buyer is neither told it is late nor may cancel it for a
 * refund (the queue module's late check). Before its delivery the refund right stands.
 */
import { cancelLate, checkLate, isPromised, parseLateCheck } from '../../queue';
import { journalOfGuild, unbalanced } from '../../journal';
import { buttonPress, dmButtonPress, useInteractionClock } from '../../../test/support/interactions';
import { applyOrderFact, orderPath, type Order } from '../../orders';
import { confirmReceived, sweepOrders } from '../../marketplace';
import { receivedButtonId } from '../../marketplace/rules/delivery';
import { releaseWaitingOrder } from '../use-cases/prove-order';
import { BUILDER, GUILD, buyer, fundedWorld } from './group-buy-proof-world';

describe('a group buy proved done', () => {
  it('releases the rest of each order’s share once, at its delivery (or Received), and ends the buyer’s late refund right there', async () => {
    const w = await fundedWorld(2);
    useInteractionClock({ now: w.now });
    await w.prove('parts-in', 'i-parts');
    await w.runBatches();
    await w.prove('done', 'i-done');
    await w.runBatches();

    const orders = await w.orders();
    for (const order of orders) {
      expect(order).toMatchObject({ status: 'building', commission: { milestone: 'done', ended: 'done' } });
      expect(order.proof).toMatchObject({ kind: 'clip', url: 'https://clips.twitch.tv/Clip2', byInteraction: 'i-done' });
      // Its refund right lasts until the parcel is delivered (issue 78), not to the proof.
      expect(isPromised(order)).toBe(true);
    }
    // The rest waits at the delivery gate: only the tranches have gone.
    const sentAtDone = (await w.stripe.listTransfers()).map((t) => [t.transfer_group, t.amount]);
    expect(sentAtDone.sort()).toEqual(orders.map((o) => [o.orderId, 3_375]).sort());

    // Shipped: one buyer presses Received, the other's parcel is delivered and the window passes.
    const releaseWaiting = async (orderId: string) => void (await releaseWaitingOrder(w.deps, orderId));
    const [first, second] = orders as [Order, Order];
    for (const o of orders)
      await w.store.runTransaction(async (tx) =>
        applyOrderFact(tx, (await tx.get(orderPath(o.orderId))) as Order, {
          kind: 'shipped',
          at: w.now().toISOString(),
          tracking: `EZ${o.orderId}`,
          carrier: 'usps',
          byInteraction: `i-ship-${o.orderId}`,
        }),
      );
    await confirmReceived({ ...w.deps, releaseWaiting }, dmButtonPress(receivedButtonId(first.orderId), first.buyerId));
    await w.store.runTransaction(async (tx) =>
      applyOrderFact(tx, (await tx.get(orderPath(second.orderId))) as Order, {
        kind: 'parcel-moved',
        status: 'delivered',
        at: w.now().toISOString(),
        byEvent: 'evt_d2',
      }),
    );
    expect((await w.stripe.listTransfers()).filter((t) => t.transfer_group === second.orderId)).toHaveLength(1);
    w.advance(3 * 86_400_000);
    await sweepOrders({ ...w.deps, delivery: { deliveryDays: 30, addressDays: 90 }, releaseWaiting });

    const sent = (await w.stripe.listTransfers()).map((t) => [t.transfer_group, t.amount]);
    expect(sent.sort()).toEqual(
      orders
        .flatMap((o) => [
          [o.orderId, 3_375],
          [o.orderId, 7_875],
        ])
        .sort(),
    );
    expect(unbalanced(await journalOfGuild(w.store, GUILD))).toEqual([]);
    expect(w.dmsTo(BUILDER).filter((m) => m.includes('reached every order'))).toEqual([
      '🎬 **parts-in** reached every order of **Tofu65 case** (`gb65`).\n2 orders proved; $67.50 released to you.',
      '🎬 **done** reached every order of **Tofu65 case** (`gb65`).\n2 orders proved; $0.00 released to you.\n2 of them wait for their money: 2 waiting for delivery: the rest leaves as each parcel is delivered (and the buyer’s days to report a problem pass) or its buyer presses Received.',
    ]);

    // Past the ship month: the late check the close armed for each order finds it done, and a cancel is refused.
    w.advance(Date.parse('2027-07-01T00:00:00Z') - w.now().getTime());
    const order = orders.find((o) => o.buyerId === buyer(1));
    const check = parseLateCheck(
      w.scheduled.find((t) => t.queue === 'commission-late' && (t.payload as { orderId: string }).orderId === order?.orderId)?.payload,
    );
    expect(check).toEqual({ orderId: order?.orderId, promisedAt: '2027-06-30T23:59:59.999Z' });
    const before = w.dmsTo(buyer(1)).length;
    await checkLate({ ...w.deps, orderChannel: async () => undefined }, check as NonNullable<typeof check>);
    expect(w.dmsTo(buyer(1))).toHaveLength(before);
    const answer = await cancelLate({ ...w.deps, freeSlot: async () => undefined }, buttonPress(`qcancel:${order?.orderId}`, buyer(1), { guildId: GUILD }));
    expect(answer.content).toContain('is no longer in the queue: it was finished or cancelled already.');
    expect(await w.stripe.listRefunds()).toEqual([]);
  });

  it('leaves a buyer whose parcel never arrived the right to cancel past the ship month, refunding all the builder was not sent', async () => {
    const w = await fundedWorld(1);
    useInteractionClock({ now: w.now });
    await w.prove('parts-in', 'i-parts');
    await w.runBatches();
    await w.prove('done', 'i-done');
    await w.runBatches();
    const [order] = (await w.orders()) as [Order];
    await w.store.runTransaction(async (tx) =>
      applyOrderFact(tx, (await tx.get(orderPath(order.orderId))) as Order, {
        kind: 'shipped',
        at: w.now().toISOString(),
        tracking: 'EZ7000000001',
        carrier: 'usps',
        byInteraction: 'i-ship',
      }),
    );
    w.advance(Date.parse('2027-07-01T00:00:00Z') - w.now().getTime());
    const answer = await cancelLate({ ...w.deps, freeSlot: async () => undefined }, buttonPress(`qcancel:${order.orderId}`, order.buyerId, { guildId: GUILD }));
    expect(answer.content).not.toContain('no longer in the queue');
    const tranche = (await w.stripe.listTransfers()).reduce((sum, t) => sum + t.amount, 0);
    expect((await w.stripe.listRefunds()).map((r) => r.amount)).toEqual([order.amountCents - tranche - order.platformFeeCents + order.platformFeeCents]);
    expect((await w.store.get(orderPath(order.orderId)))?.status).toBe('closed');
  });
});
