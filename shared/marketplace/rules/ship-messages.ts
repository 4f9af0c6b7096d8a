/**
 * @module ship-messages
 * `/c500 ship` and the **Received** button: what the builder and the buyer are told.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import type { Order } from '../../orders';
import { carrierNames } from './tracking';
import { receivedButtonId } from './delivery';

const dm = (message: DiscordMessage): DiscordMessage => ({ allowed_mentions: { parse: [] }, ...message });
const day = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:D>`;

/** The carrier and number as one line: `UPS 1Z999…`, or the text typed for another carrier. */
export function trackingLine(order: Pick<Order, 'carrier' | 'tracking'>): string {
  const carrier = order.carrier && order.carrier !== 'other' ? `${carrierNames[order.carrier]} ` : '';
  return `${carrier}${order.tracking ?? ''}`.trim();
}

/** The buyer's DM: the tracking (with the carrier's page, when we know it) and the Received button only they can use. */
export function buyerShipped(order: Order): DiscordMessage {
  const buttons: unknown[] = [];
  if (order.trackingUrl) buttons.push({ type: 2, style: 5, label: 'Track it', url: order.trackingUrl });
  buttons.push({ type: 2, style: 3, label: 'Received', custom_id: receivedButtonId(order.orderId) });
  return dm({
    content: `**${order.title}** (\`${order.orderId}\`) has shipped! Tracking: ${trackingLine(order)}\nPress **Received** when it arrives, so ${order.builderName} knows.`,
    components: [{ type: 1, components: buttons }],
  });
}

export function shipped(order: Order): DiscordMessage {
  return privateNote(`Order \`${order.orderId}\` is marked shipped (${trackingLine(order)}) and ${order.buyerName} got the tracking by DM.`);
}

export const shipRefusals = {
  notFound: (orderId: string) => privateNote(`There is no order \`${orderId}\`. Check the id in the DM you got when it was paid.`),
  notYours: (orderId: string) => privateNote(`Order \`${orderId}\` isn’t one of your orders: only its builder can ship it.`),
  notPaid: (order: Order) => privateNote(`Order \`${order.orderId}\` is **${order.status}**: only a paid order can be shipped.`),
  already: (order: Order) => privateNote(`Order \`${order.orderId}\` was already marked shipped (tracking: ${trackingLine(order) || 'none'}).`),
  carrier: privateNote('Pick the carrier from the list (USPS, UPS, FedEx, DHL, Royal Mail, Canada Post, Australia Post or Other).'),
  number: privateNote(
    'A tracking number is 8 to 40 letters and digits, as printed on the label: `/c500 ship order:<id> tracking:1Z999AA10123456784 carrier:UPS`',
  ),
  text: privateNote('Give the tracking reference in up to 100 letters, digits and spaces: `/c500 ship order:<id> tracking:<number> carrier:Other`'),
};

/** What the presser of **Received** is told. */
export const receivedAnswers = {
  confirmed: (order: Order) =>
    privateNote(`Thanks! **${order.title}** (\`${order.orderId}\`) is marked received. ${order.builderName} will be glad to hear it.`),
  already: (order: Pick<Order, 'orderId'>, at: string, by: 'buyer' | 'timeout') =>
    privateNote(
      by === 'buyer'
        ? `Order \`${order.orderId}\` is marked received (${day(at)}).`
        : `Order \`${order.orderId}\` was marked received on ${day(at)}, as nobody confirmed it within the delivery window.`,
    ),
  notYours: privateNote('Only the buyer of this order can mark it received. If you bought something, use the button in the DM about your own order.'),
  notShipped: (order: Pick<Order, 'orderId' | 'status'>) =>
    privateNote(`Order \`${order.orderId}\` is **${order.status}**, not shipped: there is nothing to mark received yet.`),
};

/** The builder hears that the buyer has it. */
export function builderReceived(order: Order): DiscordMessage {
  return dm({ content: `${order.buyerName} marked **${order.title}** (\`${order.orderId}\`) received.` });
}
