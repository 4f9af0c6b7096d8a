/**
 * @module dispute-facts
 * Money taken back and disputes: reversals of released shares fixed and made, a chargeback or
 * inquiry changing on the charge, its money moved, an early fraud warning and its hold.
 */
import type { Order, Party, PendingReversal } from '../order';
import type { OrderDispute } from '../order-dispute';
import type { OrderFraudWarning } from '../order-fraud-warning';
import type { GivenRefund } from '../order';
import { paidFor, type FactHandler } from './fact-handler';

export interface DisputeFacts {
  /** A refund's part taken back from what went out: the reversals fixed, each party's covered total, the dispute's held return drawn on. */
  'reversal-fixed': { pendingReversals: PendingReversal[]; covered: Partial<Record<Party, number>>; dispute?: OrderDispute };
  /** Stripe answered a fixed reversal (made, or refused and owed). */
  reversed: { idempotencyKey: string };
  /** The charge's dispute or inquiry as it now stands, and the order closed when a lost chargeback leaves nothing to ship. */
  'dispute-changed': { fields: Partial<Pick<Order, 'dispute' | 'inquiry' | 'pastDisputes' | 'closedAt'>> & { status?: 'closed' } };
  /**
   * The same, on a lot whose payment came after it was gone (`paid-late`): the buyer's bank
   * disputes the charge C500 gave back, or tried to. Nothing was sold, so the lot stays expired.
   */
  'given-back-disputed': { fields: Partial<Pick<Order, 'dispute' | 'inquiry' | 'pastDisputes'>> };
  /** A dispute's money moved: what it takes back fixed, or what a win returns fixed or sent. */
  'dispute-money-moved': { dispute: OrderDispute; pendingReversals?: PendingReversal[] };
  'fraud-warned': { fraudWarning: OrderFraudWarning; refund?: GivenRefund };
  /** Stripe would not make the refund the warning asked: the order waits for an admin. */
  'fraud-held-for-review': Record<never, never>;
  'fraud-hold-cleared': { fraudWarning: OrderFraudWarning };
}

type Handlers = { [K in keyof DisputeFacts]: FactHandler<{ kind: K } & DisputeFacts[K]> };

export const disputeHandlers: Handlers = {
  'reversal-fixed': {
    from: paidFor,
    owns: ['pendingReversals', 'dispute', 'payouts.builder', 'payouts.host'],
    apply: (_, { pendingReversals, covered, dispute }) => ({
      ...(covered.builder !== undefined ? { 'payouts.builder.refundCoveredCents': covered.builder } : {}),
      ...(covered.host !== undefined ? { 'payouts.host.refundCoveredCents': covered.host } : {}),
      ...(dispute ? { dispute } : {}),
      pendingReversals,
    }),
  },
  reversed: {
    owns: ['pendingReversals'],
    refuses: (order, { idempotencyKey }) =>
      (order.pendingReversals ?? []).some((p) => p.idempotencyKey === idempotencyKey) ? undefined : `reversal ${idempotencyKey} is not pending`,
    apply: (order, { idempotencyKey }) => ({ pendingReversals: (order.pendingReversals ?? []).filter((p) => p.idempotencyKey !== idempotencyKey) }),
  },
  'dispute-changed': {
    from: paidFor,
    owns: ['dispute', 'inquiry', 'pastDisputes', 'status', 'closedAt'],
    apply: (_, { fields }) => fields,
  },
  'given-back-disputed': {
    from: ['expired'],
    owns: ['dispute', 'inquiry', 'pastDisputes'],
    refuses: (order) => (order.chargeId === undefined ? 'it expired unpaid: no charge of it can be disputed' : undefined),
    apply: (_, { fields }) => fields,
  },
  'dispute-money-moved': {
    from: paidFor,
    owns: ['dispute', 'pendingReversals'],
    refuses: (order, { dispute }) => (order.dispute?.disputeId === dispute.disputeId ? undefined : `it carries no dispute ${dispute.disputeId}`),
    apply: (_, { dispute, pendingReversals }) => ({ dispute, ...(pendingReversals ? { pendingReversals } : {}) }),
  },
  'fraud-warned': {
    from: paidFor,
    owns: ['fraudWarning', 'givenRefunds'],
    apply: (order, { fraudWarning, refund }) => ({ fraudWarning, ...(refund ? { givenRefunds: [...(order.givenRefunds ?? []), refund] } : {}) }),
  },
  'fraud-held-for-review': {
    owns: ['fraudWarning'],
    refuses: (order) => (order.fraudWarning?.outcome === 'refunded' ? undefined : 'its fraud warning asked no refund'),
    apply: () => ({ 'fraudWarning.outcome': 'held-for-review' }),
  },
  'fraud-hold-cleared': {
    owns: ['fraudWarning'],
    refuses: (order) => (order.fraudWarning?.outcome === 'held-for-review' && !order.fraudWarning.clearedBy ? undefined : 'it is not held for review'),
    apply: (_, { fraudWarning }) => ({ fraudWarning }),
  },
};
