/**
 * @module parcel-messages
 * What the carrier's tracking tells people: the buyer when their parcel is out for delivery
 * and when it is delivered; the builder and the server's admin when it is returned or lost
 * (its money is held until the admin chooses to reship or refund).
 */
import type { DiscordMessage } from '../../ports';
import type { Order, ParcelStatus } from '../../orders';
import { trackingLine } from './ship-messages';
import { parcelChoiceButtons } from './parcel-choice';

const dm = (message: DiscordMessage): DiscordMessage => ({ allowed_mentions: { parse: [] }, ...message });

/** The buyer's DM for a move they hear of, or undefined for one they do not (in transit). */
export function buyerParcelNews(order: Order, status: ParcelStatus): DiscordMessage | undefined {
  const what = `**${order.title}** (\`${order.orderId}\`, ${trackingLine(order)})`;
  if (status === 'out-for-delivery') return dm({ content: `${what} is out for delivery today.` });
  if (status === 'delivered') {
    return dm({ content: `${what} was delivered. If something is wrong with it, tell ${order.builderName} or the server's admin within the next few days.` });
  }
  return undefined;
}

/** The builder's and the admin's DM when the parcel will not arrive as sent. */
export function parcelExceptionNews(order: Order, status: 'returned' | 'lost', forAdmin: boolean): DiscordMessage {
  const what = `**${order.title}** (\`${order.orderId}\`, ${trackingLine(order)}) to ${order.buyerName}`;
  // A reshipped parcel's own news: the first parcel's choice was the reship, this one is chosen for anew.
  const again = order.parcelChoice?.reshippedAt ? ', its reshipped parcel,' : '';
  const happened = `${again} ${status === 'returned' ? 'is being returned to the sender' : 'is reported lost by the carrier'}`;
  const next = forAdmin
    ? 'Its last payout is held: press **Reship** to buy a new label for the same order (the builder gets it, the buyer the new tracking), or **Refund** to give the buyer back all that is left of it.'
    : 'Its last payout is held until the server’s admin chooses a reship or a refund; you can reach out to them.';
  return dm({ content: `${what}${happened}. ${next}`, ...(forAdmin ? { components: parcelChoiceButtons(order) } : {}) });
}
