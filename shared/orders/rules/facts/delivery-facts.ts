/**
 * @module delivery-facts
 * Delivery: shipped, received (by the buyer's press or the delivery window), no longer awaited
 * once refunded on its way, the address erased after its period, and an admin's release of
 * the last payout by hand.
 */
import { orderStatuses, type Carrier } from '../order';
import type { FactHandler } from './fact-handler';

export interface DeliveryFacts {
  shipped: { at: string; tracking: string; carrier: Carrier; trackingUrl?: string; byInteraction: string };
  received: { at: string; by: 'buyer' | 'timeout'; byInteraction?: string };
  /** Refunded on its way: no receipt is awaited any more. */
  'delivery-ended': Record<never, never>;
  'address-erased': { at: string };
  /** An admin released the last payout by hand, without waiting for the delivery (delivery-gate). */
  'payout-freed': { at: string; byUserId: string; byInteraction: string };
}

type Handlers = { [K in keyof DeliveryFacts]: FactHandler<{ kind: K } & DeliveryFacts[K]> };

export const deliveryHandlers: Handlers = {
  shipped: {
    from: ['paid', 'building'],
    owns: ['status', 'shippedAt', 'tracking', 'carrier', 'trackingUrl', 'shippedByInteraction', 'awaitingReceipt'],
    apply: (_, { at, tracking, carrier, trackingUrl, byInteraction }) => ({
      status: 'shipped',
      shippedAt: at,
      tracking,
      carrier,
      ...(trackingUrl ? { trackingUrl } : {}),
      shippedByInteraction: byInteraction,
      awaitingReceipt: true,
    }),
  },
  received: {
    from: ['shipped'],
    owns: ['receivedAt', 'receivedBy', 'receivedByInteraction', 'awaitingReceipt'],
    refuses: (order) => (order.receivedAt ? 'it was received already' : undefined),
    apply: (_, { at, by, byInteraction }) => ({
      receivedAt: at,
      receivedBy: by,
      awaitingReceipt: false,
      ...(byInteraction ? { receivedByInteraction: byInteraction } : {}),
    }),
  },
  'delivery-ended': {
    from: orderStatuses.filter((s) => s !== 'shipped'),
    owns: ['awaitingReceipt'],
    apply: () => ({ awaitingReceipt: false }),
  },
  'payout-freed': {
    // Proved (or shipped after its proof): only then is a last payout waiting.
    from: ['building', 'shipped'],
    owns: ['payoutFreed'],
    refuses: (order) => (order.payoutFreed ? 'its last payout was released by hand already' : undefined),
    apply: (_, { at, byUserId, byInteraction }) => ({ payoutFreed: { at, byUserId, byInteraction } }),
  },
  // Any status: an address goes once its order is done with, however it ended.
  'address-erased': { owns: ['shippingAddress', 'addressErasedAt'], apply: (_, { at }) => ({ shippingAddress: null, addressErasedAt: at }) },
};
