/**
 * @module record-refund
 * `charge.refunded`: a fully refunded order becomes `refunded` and, for a ready-to-ship
 * item that never left the workshop, its unit goes back on sale. Partial refunds are
 * recorded on the order and change nothing else. A charge that paid several show lots at
 * once (one winner's checkout for one builder) is spread over them in proportion to their
 * prices, and each lot is then refunded as an order of its own.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { dropPath } from '../../marketplace/rules/drop';
import { orderPath, ordersCollection, type Order } from '../rules/order';
import { buyerRefunded } from '../rules/order-messages';
import { idOf, type StripeEvent } from '../rules/stripe-event';
import { spreadOverOrders } from '../rules/split-money';
import { refreshDropPost } from '../../marketplace/use-cases/refresh-drop-post';
import { tellOnce } from '../../discord/use-cases/direct-messages';
import { reverseShares } from './reverse-shares';
import { giveUnitBack } from '../../marketplace/use-cases/drop-stock';

type RecordRefundDeps = { store: DocumentStore; discord: DiscordMessenger; clock: Clock; payments: Payments };

/** What one order's share of the charge's refund is now. */
interface OrderRefund {
  orderId: string;
  refundedCents: number;
  fully: boolean;
  /** For a lot of a bundled charge: the charge's total its part was spread from. */
  chargeRefundedCents?: number;
}

/** Answers whether the charge paid our orders (false: a merch sale, an order not yet paid, or not ours). */
export async function recordRefund(deps: RecordRefundDeps, event: StripeEvent): Promise<boolean> {
  const charge = event.data.object;
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return false;
  // One order, or every lot one show checkout paid for: an equality filter alone, which needs no composite index.
  const found = await deps.store.query(ordersCollection, { where: [['paymentIntentId', '==', paymentIntentId]] });
  if (found.length === 0) return false;
  const amountRefundedCents = typeof charge.amount_refunded === 'number' ? charge.amount_refunded : 0;
  const fully = charge.refunded === true;
  const [single] = found;
  const refunds: OrderRefund[] =
    found.length === 1 && single && !single.data.showCheckoutId
      ? [{ orderId: single.id, refundedCents: amountRefundedCents, fully }]
      : spreadOverOrders(
          amountRefundedCents,
          found.map((f) => f.data),
        ).map(({ order, refundedCents }) => ({
          orderId: order.orderId,
          refundedCents,
          fully: fully || refundedCents >= order.amountCents,
          chargeRefundedCents: amountRefundedCents,
        }));
  for (const refund of refunds) await refundOrder(deps, refund, event.id);
  return true;
}

async function refundOrder(deps: RecordRefundDeps, refund: OrderRefund, eventId: string): Promise<void> {
  const { orderId, refundedCents, fully } = refund;
  const refunded = await deps.store.runTransaction(async (tx): Promise<Order | undefined> => {
    const order = await tx.get(orderPath(orderId));
    if (!order) return undefined;
    if (order.refundedByEvent === eventId) return order;
    if (!fully || order.status === 'refunded') {
      // Each event carries the charge's total so far; an older one delivered late never lowers it.
      if (newer(order, refund)) tx.update(orderPath(orderId), { amountRefundedCents: refundedCents, ...chargeTotal(refund) });
      return undefined;
    }
    const drop = await tx.get(dropPath(order.dropId));
    const returnsStock = order.dropKind === 'ready-to-ship' && order.status !== 'shipped' && !order.stockReturned && drop !== undefined;
    tx.update(orderPath(orderId), {
      status: 'refunded',
      refundedAt: deps.clock.now().toISOString(),
      amountRefundedCents: refundedCents,
      ...chargeTotal(refund),
      refundedByEvent: eventId,
      ...(returnsStock ? { stockReturned: true } : {}),
    });
    if (returnsStock) giveUnitBack(tx, drop, order);
    return order;
  });
  // The platform refunded from its own balance: the builder's part (and a show host's) comes back, if it was released.
  await reverseShares(deps, orderId, refundedCents);
  if (!refunded) return;
  if (refunded.dropKind === 'ready-to-ship') await refreshDropPost(deps, refunded.dropId);
  await tellOnce(deps, `refunded:${refunded.orderId}`, refunded.buyerId, buyerRefunded(refunded));
}

/**
 * Whether this refund is later than what the order holds. A lot's part of a bundled charge
 * is compared by the charge's total: largest remainder can hand a cent to another lot as
 * the total grows, so a lot's own part is not a clock.
 */
function newer(order: Order, refund: OrderRefund): boolean {
  if (refund.chargeRefundedCents !== undefined) return refund.chargeRefundedCents > (order.chargeRefundedCents ?? 0);
  return refund.refundedCents > (order.amountRefundedCents ?? 0);
}

const chargeTotal = (refund: OrderRefund) => (refund.chargeRefundedCents !== undefined ? { chargeRefundedCents: refund.chargeRefundedCents } : {});
