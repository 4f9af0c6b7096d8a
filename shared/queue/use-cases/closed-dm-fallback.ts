/**
 * @module closed-dm-fallback
 * Where a buyer whose DMs are closed is told that their commission's date passed or moved:
 * a mention in their drop's channel, with the choice's buttons. Found only when the DM was
 * refused, so a DM that goes through costs no read; a buyer who hid their name from the
 * lines is mentioned without their order or its lateness.
 */
import type { DocumentStore } from '../../ports';
import type { ChannelFallback } from '../../discord';
import type { Order } from '../../orders';
import { queuePrivacyPath } from '../rules/queue-privacy';
import { closedDmChoice } from '../rules/late-messages';

export interface ClosedDmFallbackDeps {
  store: DocumentStore;
  /** The drop's channel the order was bought in (the marketplace's, wired above the modules). */
  orderChannel: (order: Order) => Promise<string | undefined>;
}

export function closedDmFallback(deps: ClosedDmFallbackDeps, order: Order, why: 'late' | 'moved'): () => Promise<ChannelFallback> {
  return async () => {
    const [channelId, privacy] = await Promise.all([deps.orderChannel(order), deps.store.get(queuePrivacyPath(order.buyerId))]);
    return { channelId, notice: closedDmChoice(order, why, privacy?.nameHidden === true) };
  };
}
