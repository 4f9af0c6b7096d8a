/**
 * @module auction-payments
 * What an auction does around its orders' money, registered with payments for orders from
 * `auction`: a paid offer pays the auction, an unpaid one passes the item to the runner-up,
 * and a lot's change shows wherever the lot is run (a show's run sheet).
 */
import { type OrderSource } from '../../payments';
import { sourceIdOf } from '../../orders';
import { auctionPath } from '../rules/auction';
import type { HammerDeps } from './auction-deps';
import { passToRunnerUp } from './pass-to-runner-up';

export function auctionPayments(deps: HammerDeps): OrderSource {
  return {
    paid: async (tx, order) => {
      const auction = await tx.get(auctionPath(sourceIdOf(order)));
      return (writes) => auction && writes.update(auctionPath(sourceIdOf(order)), { status: 'paid', paidOrderId: order.orderId });
    },
    // An auctioned board is one of a kind: nothing goes back on sale.
    refunded: async () => undefined,
    changed: (orders) => deps.lots.settled(orders),
    channelOf: async (order) => (await deps.store.get(auctionPath(sourceIdOf(order))))?.channelId,
    lapsed: async (order, eventId) => {
      await passToRunnerUp(deps, order.orderId, eventId);
      await deps.lots.settled([order]);
    },
  };
}
