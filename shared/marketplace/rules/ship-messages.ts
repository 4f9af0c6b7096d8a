/**
 * @module ship-messages
 * `/c500 ship`: what the builder and the buyer are told.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import type { Order } from '../../payments';

const dm = (message: DiscordMessage): DiscordMessage => ({ allowed_mentions: { parse: [] }, ...message });

export function buyerShipped(order: Order, tracking: string): DiscordMessage {
  return dm({ content: `**${order.title}** (\`${order.orderId}\`) has shipped! Tracking: ${tracking}` });
}

export function shipped(order: Order): DiscordMessage {
  return privateNote(`Order \`${order.orderId}\` is marked shipped and ${order.buyerName} got the tracking by DM.`);
}

export const shipRefusals = {
  notFound: (orderId: string) => privateNote(`There is no order \`${orderId}\`. Check the id in the DM you got when it was paid.`),
  notYours: (orderId: string) => privateNote(`Order \`${orderId}\` isn’t one of your orders: only its builder can ship it.`),
  notPaid: (order: Order) => privateNote(`Order \`${order.orderId}\` is **${order.status}**: only a paid order can be shipped.`),
  already: (order: Order) => privateNote(`Order \`${order.orderId}\` was already marked shipped (tracking: ${order.tracking ?? 'none'}).`),
  tracking: privateNote('Give the carrier and tracking number, up to 200 characters: `/c500 ship order:<id> tracking:UPS 1Z999…`'),
};
