/**
 * @module record-refund
 * `charge.refunded`: a fully refunded order becomes `refunded` and, for a ready-to-ship
 * item that never left the workshop, its unit goes back on sale. Partial refunds are
 * recorded on the order and change nothing else. A charge that paid several show lots at
 * once (one winner's checkout for one builder) is spread over them in proportion to their
 * prices (a refund given on one lot with `/c500 refund` is that lot's), and each lot is then
 * refunded as an order of its own.
 */
import type { Transaction } from '../../ports';
import { chargedCents, type Order } from '../rules/order';
import { orderPath, ordersCollection } from '../rules/order-paths';
import { log } from '../../log';
import { idOf, type StripeEvent } from '../rules/stripe-event';
import { spreadOverOrders } from '../rules/split-money';
import { givenRefundsHeld, givenRefundsTotal } from '../rules/given-refunds';
import { reverseShares } from './reverse-shares';
import { tellRefunded } from './tell-refunded';
import type { PaymentDeps } from './apply-payment';

/** What one order's share of the charge's refund is now. */
interface OrderRefund {
  orderId: string;
  refundedCents: number;
  fully: boolean;
  /** For a lot of a bundled charge: the charge's total its part was spread from. */
  chargeRefundedCents?: number;
}

/**
 * A refund of one of our orders is the order's; any other is a merch sale's, or waits for
 * its payment. A payment that lands while the refund looks is seen by the transaction that
 * would park the refund, and the refund looks again.
 */
export async function refundCharge(deps: PaymentDeps, event: StripeEvent): Promise<void> {
  const paymentIntentId = idOf(event.data.object.payment_intent);
  const orderPaid = async (tx: Transaction) =>
    paymentIntentId !== undefined && (await tx.query(ordersCollection, { where: [['paymentIntentId', '==', paymentIntentId]], limit: 1 })).length > 0;
  for (let look = 1; look <= 3; look++) {
    if (await recordRefund(deps, event)) return;
    if ((await deps.modules.others.chargeRefunded(event, orderPaid)) !== 'payment-arrived') return;
  }
  throw new Error(`charge ${String(event.data.object.id)}: its payment kept landing while its refund looked for it; deliver the refund again`);
}

/** Answers whether the charge paid our orders (false: a merch sale, an order not yet paid, or not ours). */
export async function recordRefund(deps: PaymentDeps, event: StripeEvent): Promise<boolean> {
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
          // A lot refunded with `/c500 refund` takes its own refund first; what else was refunded is spread by price.
          (order) => givenRefundsHeld(order, amountRefundedCents),
        ).map(({ order, refundedCents }) => ({
          orderId: order.orderId,
          refundedCents,
          fully: fully || refundedCents >= chargedCents(order),
          chargeRefundedCents: amountRefundedCents,
        }));
  for (const refund of refunds) await refundOrder(deps, refund, event.id);
  log.info('refund recorded', { event: 'refund.recorded', eventId: event.id, orders: refunds.length, fully });
  return true;
}

async function refundOrder(deps: PaymentDeps, refund: OrderRefund, eventId: string): Promise<void> {
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
    // A unit that never left the workshop goes back on sale, once.
    const givesBack = order.status !== 'shipped' && !order.stockReturned ? await deps.modules.orders[order.source].refunded(tx, order) : undefined;
    tx.update(orderPath(orderId), {
      status: 'refunded',
      refundedAt: deps.clock.now().toISOString(),
      amountRefundedCents: refundedCents,
      ...chargeTotal(refund),
      refundedByEvent: eventId,
      ...(givesBack ? { stockReturned: true } : {}),
    });
    givesBack?.write(tx);
    return order;
  });
  // The platform refunded from its own balance: the builder's part (and a show host's) comes back, if it was released.
  await reverseShares(deps, orderId, refundedCents);
  if (!refunded) return;
  await deps.modules.orders[refunded.source].changed([{ ...refunded, status: 'refunded' }]);
  // Refunds given with `/c500 refund` that make up the whole of it: that command told the buyer, with its amount and reason.
  if (givenRefundsTotal(refunded) >= refundedCents) return;
  await tellRefunded(deps, refunded);
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
