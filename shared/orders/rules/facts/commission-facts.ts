/**
 * @module commission-facts
 * A commission's place in its builder's line: moved once by its builder, kept waiting, found
 * late, cancelled late by its buyer (and that cancel undone when Stripe refused its refund),
 * or called off with its group buy.
 */
import type { Update } from '../../../ports';
import type { GivenRefund, Order } from '../order';
import type { OrderCommission } from '../order-commission';
import type { FactHandler } from './fact-handler';

export interface CommissionFacts {
  'place-moved': { promisedAt: string; delay: NonNullable<OrderCommission['delay']> };
  'place-kept': { at: string };
  'place-late': { promisedAt: string; at: string };
  /** Its buyer cancelled late: closed, refunded all but `keptCents` (the tranches sent). */
  'cancelled-late': { at: string; keptCents: number; byInteraction: string; refund?: GivenRefund };
  'cancel-undone': Record<never, never>;
  /** Its group buy was called off once funded: closed, refunded in full. */
  'called-off': { at: string; refund?: GivenRefund };
}

type Handlers = { [K in keyof CommissionFacts]: FactHandler<{ kind: K } & CommissionFacts[K]> };

const noCommission = (order: Order) => (order.commission ? undefined : 'it is no commission');
const commissionOf = (order: Order): OrderCommission => order.commission ?? ({} as OrderCommission);

function ended(order: Order, at: string, refund: GivenRefund | undefined, more: Partial<OrderCommission>): Update<Order> {
  return {
    status: 'closed',
    closedAt: at,
    commission: { ...commissionOf(order), ended: 'cancelled', endedAt: at, ...more, ...(refund ? { cancelRefundKey: refund.idempotencyKey } : {}) },
    ...(refund ? { givenRefunds: [...(order.givenRefunds ?? []), refund] } : {}),
  };
}

export const commissionHandlers: Handlers = {
  'place-moved': {
    from: ['paid', 'building'],
    owns: ['commission'],
    refuses: noCommission,
    apply: (order, { promisedAt, delay }) => ({ commission: { ...commissionOf(order), promisedAt, delay } }),
  },
  'place-kept': { owns: ['commission'], refuses: noCommission, apply: (order, { at }) => ({ commission: { ...commissionOf(order), keptWaitingAt: at } }) },
  'place-late': {
    owns: ['commission'],
    refuses: noCommission,
    apply: (order, { promisedAt, at }) => ({ commission: { ...commissionOf(order), lateNotice: { promisedAt, at } } }),
  },
  'cancelled-late': {
    // Shipped too: a group buy's order keeps its refund right until the parcel is delivered (queue's isPromised).
    from: ['paid', 'building', 'shipped'],
    owns: ['status', 'closedAt', 'commission', 'givenRefunds'],
    refuses: noCommission,
    apply: (order, { at, keptCents, byInteraction, refund }) => ended(order, at, refund, { keptCents, cancelledByInteraction: byInteraction }),
  },
  'cancel-undone': {
    owns: ['commission', 'status'],
    refuses: (order) => (order.commission?.ended === 'cancelled' ? undefined : 'its place was not cancelled'),
    apply: (order) => {
      const { ended: _ended, endedAt: _endedAt, keptCents: _kept, cancelledByInteraction: _by, cancelRefundKey: _key, ...placed } = commissionOf(order);
      // Only a place still in the line may be cancelled, and such an order is paid: it is paid again.
      return { commission: placed, ...(order.status === 'closed' ? { status: 'paid' as const } : {}) };
    },
  },
  'called-off': {
    from: ['paid', 'building'],
    owns: ['status', 'closedAt', 'commission', 'givenRefunds'],
    refuses: noCommission,
    apply: (order, { at, refund }) => ended(order, at, refund, { keptCents: 0 }),
  },
};
