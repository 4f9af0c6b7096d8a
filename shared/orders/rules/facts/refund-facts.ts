/**
 * @module refund-facts
 * An order's refunds: one asked with `/c500 refund` (or by a fraud warning, a late cancel, a
 * call-off) and Stripe's answer to it, a `charge.refunded` in part or in full, a refund that
 * failed after it succeeded.
 */
import { refusedGiveBack, type GivenRefund, type Order } from '../order';
import type { RefundSnapshot } from '../failed-refunds';
import { paidFor, type FactHandler } from './fact-handler';

export interface RefundFacts {
  'refund-asked': { refund: GivenRefund };
  /** Stripe answered a refund asked (`refund` as answered), with the better look at the charge it gave, if any. */
  'refund-answered': { refund: GivenRefund; snapshot?: RefundSnapshot };
  /** A `charge.refunded` that leaves some of it paid: the charge's total as it stood. */
  'refunded-in-part': { snapshot: RefundSnapshot; chargeRefundedCents?: number };
  refunded: { at: string; byEvent: string; snapshot: RefundSnapshot; chargeRefundedCents?: number; stockReturned: boolean };
  /** A refund failed after it succeeded: the failure known, and the order sold again when it no longer is refunded in full. */
  'refund-failed': {
    fields: Pick<Order, 'failedRefunds'> &
      Partial<Pick<Order, 'chargeRefundedCents' | 'refundSnapshot' | 'stockReturned' | 'stockShard' | 'commission'>> & {
        status?: 'paid' | 'building' | 'shipped';
      };
  };
}

type Handlers = { [K in keyof RefundFacts]: FactHandler<{ kind: K } & RefundFacts[K]> };

const asked = (order: Order, key: string) => (order.givenRefunds ?? []).some((r) => r.idempotencyKey === key);

/**
 * Where a refund is asked and answered: a paid-for order, or an expired lot whose payment C500
 * gave back by itself and whose refund then failed at the bank, or which Stripe would not let it
 * refund at all (given again, it refunds only what the buyer is owed or held for: nothing was sold).
 */
const refundable = [...paidFor, 'expired'] as const;
const givesBackIfExpired = (order: Order, refund: GivenRefund): string | undefined => {
  if (order.status !== 'expired') return undefined;
  if (order.chargeId === undefined) return 'it expired unpaid';
  if (refund.givesBack === undefined) return 'an expired lot is refunded only to give a failed or refused give-back again';
  if (refund.givesBack === refusedGiveBack) return undefined;
  return (order.failedRefunds ?? []).some((f) => f.refundId === refund.givesBack) ? undefined : 'nothing given back of it failed';
};

export const refundHandlers: Handlers = {
  'refund-asked': {
    from: refundable,
    owns: ['givenRefunds'],
    refuses: (order, { refund }) =>
      asked(order, refund.idempotencyKey) ? `refund ${refund.idempotencyKey} is asked already` : givesBackIfExpired(order, refund),
    apply: (order, { refund }) => ({ givenRefunds: [...(order.givenRefunds ?? []), refund] }),
  },
  'refund-answered': {
    from: refundable,
    owns: ['givenRefunds', 'refundSnapshot'],
    refuses: (order, { refund }) =>
      asked(order, refund.idempotencyKey) ? givesBackIfExpired(order, refund) : `refund ${refund.idempotencyKey} was never asked`,
    apply: (order, { refund, snapshot }) => ({
      givenRefunds: (order.givenRefunds ?? []).map((r) => (r.idempotencyKey === refund.idempotencyKey ? refund : r)),
      ...(snapshot ? { refundSnapshot: snapshot } : {}),
    }),
  },
  'refunded-in-part': {
    from: paidFor,
    owns: ['refundSnapshot', 'chargeRefundedCents'],
    apply: (_, { snapshot, chargeRefundedCents }) => ({
      refundSnapshot: snapshot,
      ...(chargeRefundedCents !== undefined ? { chargeRefundedCents } : {}),
    }),
  },
  refunded: {
    // A closed order is refunded too when what its late cancel kept is given back after all.
    from: ['paid', 'building', 'shipped', 'closed'],
    owns: ['status', 'refundedAt', 'refundedByEvent', 'refundSnapshot', 'chargeRefundedCents', 'stockReturned'],
    apply: (_, { at, byEvent, snapshot, chargeRefundedCents, stockReturned }) => ({
      status: 'refunded',
      refundedAt: at,
      refundSnapshot: snapshot,
      ...(chargeRefundedCents !== undefined ? { chargeRefundedCents } : {}),
      refundedByEvent: byEvent,
      ...(stockReturned ? { stockReturned: true } : {}),
    }),
  },
  'refund-failed': {
    from: paidFor,
    owns: ['failedRefunds', 'chargeRefundedCents', 'refundSnapshot', 'status', 'stockReturned', 'stockShard', 'commission'],
    apply: (_, { fields }) => fields,
  },
};
