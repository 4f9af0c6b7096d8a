/**
 * @module tell-refunded
 * A buyer hears their payment was refunded, once, whichever event brought it: by DM, or, when
 * their DMs are closed, by a mention in the order's channel that says where to look and
 * nothing else (no amount, no link).
 */
import type { Order } from '../../orders';
import { buyerRefunded } from '../rules/order-messages';
import { closedDmNotices } from '../rules/closed-dm-messages';
import { tellOnce } from '../../discord';
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import type { PaymentModules } from './payment-modules';

export async function tellRefunded(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock; modules: Pick<PaymentModules, 'orders'> },
  order: Order,
): Promise<void> {
  const channelId = await deps.modules.orders[order.source].channelOf(order);
  await tellOnce(deps, `refunded:${order.orderId}`, order.buyerId, buyerRefunded(order), {
    channelId,
    notice: closedDmNotices.refunded(order.buyerId, order.orderId),
  });
}
