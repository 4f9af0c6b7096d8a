/**
 * A charged pledge's order: the group buy's tranches and the end of its ship month as its
 * promise, no place in the builder's commission line, and the buyer's refund right once the
 * ship month passes, as a commission's once its promised date does.
 */
import { cancelLate, checkLate, lineOf, parseLateCheck } from '../../queue';
import { refundedOfOrder } from '../../journal';
import { buttonPress, useInteractionClock } from '../../../test/support/interactions';
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { GUILD, buyer, closeWorld } from './close-world';

describe('a group buy’s order', () => {
  it('carries the tranches and the ship month’s end as its promise, and takes no place in the builder’s line', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 2, pledges: [{ buyerId: buyer(1) }, { buyerId: buyer(2), quantity: 2 }] });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    const orders = await w.orders();
    for (const order of orders) {
      expect(order).toMatchObject({
        source: 'groupbuy',
        sourceId: 'gb65',
        status: 'paid',
        paidAt: expect.any(String),
        chargeId: expect.stringMatching(/^ch_/),
      });
      expect(order.commission).toEqual({
        terms: { slots: 0, leadWeeks: 0, oneAtATime: false, tranches: groupBuy.tranches },
        promisedAt: '2027-06-30T23:59:59.999Z',
      });
      expect(order.shippingAddress).toMatchObject({ line1: '1 Main St', country: 'US' });
    }
    expect(orders.find((o) => o.buyerId === buyer(2))).toMatchObject({
      title: 'Tofu65 case ×2',
      amountCents: 25_000,
      platformFeeCents: 2_500,
      builderShareCents: 22_500,
    });
    expect(lineOf(orders, w.now())).toEqual([]);
  });

  it('is checked at the end of the ship month, and its buyer may then cancel for a refund of everything not sent to the builder', async () => {
    const w = await closeWorld();
    useInteractionClock({ now: w.now });
    const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: buyer(1) }] });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    const [order] = await w.orders();
    const task = w.scheduled.find((t) => t.queue === 'commission-late');
    const check = parseLateCheck(task?.payload);
    expect(check).toEqual({ orderId: order?.orderId, promisedAt: '2027-06-30T23:59:59.999Z' });
    w.advance(Date.parse('2027-07-01T00:00:00Z') - w.now().getTime());
    await checkLate({ ...w.deps, orderChannel: async () => undefined }, check as NonNullable<typeof check>);
    expect(w.dmsTo(buyer(1)).at(-1)).toContain('You can cancel it and get back $125.00');
    const answer = await cancelLate({ ...w.deps, freeSlot: async () => undefined }, buttonPress(`qcancel:${order?.orderId}`, buyer(1), { guildId: GUILD }));
    expect(answer.content).toContain('$125.00');
    await w.deliver();
    const cancelled = (await w.orders())[0];
    expect(cancelled).toMatchObject({ status: 'refunded' });
    expect(cancelled && (await refundedOfOrder(w.store, cancelled))).toBe(12_500);
  });
});
