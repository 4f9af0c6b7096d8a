/**
 * @module workbench-messages
 * What a buyer is told when their order is proved on the workbench, live.
 */
import type { DiscordMessage } from '../../ports';
import type { Order } from '../../payments';

export function onTheWorkbench(order: Order, streamLink: string): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `Your order **${order.title}** (\`${order.orderId}\`) is on the workbench right now! Watch ${order.builderName} build it live: ${streamLink}`,
  };
}
