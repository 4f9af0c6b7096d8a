/**
 * @module record-refund
 * `charge.refunded`: a fully refunded order becomes `refunded` and, for a ready-to-ship
 * item that never left the workshop, its unit goes back on sale. Partial refunds are
 * recorded on the order and change nothing else. A charge that paid several show lots at
 * once (one winner's checkout for one builder) is spread over them in proportion to their
 * prices (a refund given on one lot with `/c500 refund` is that lot's), and each lot is then
 * refunded as an order of its own. Lots of that charge that had moved on when it came (expired)
 * were given back their part by C500 itself: the charge's refunded total is theirs first, so a
 * lot paid is never refunded by the refund of another.
 */
import type { Transaction } from '../../ports';
import { chargedCents, type Order, type Refunds, applyOrderFact } from '../../orders';
import { orderPath, ordersCollection } from '../../orders';
import { log } from '../../log';
import { idOf, type StripeEvent } from '../rules/stripe-event';
import { spreadOverOrders } from '../../orders';
import { givenRefundsHeld, givenRefundsTotal } from '../rules/given-refunds';
import { failuresOnCharge, knownSnapshot, laterSnapshot, stillRefundedCents, type RefundSnapshot } from '../../orders';
import { reverseShares } from './reverse-shares';
import { tellRefunded } from './tell-refunded';
import type { PaymentDeps } from './apply-payment';
import { JournalRead, withJournal } from '../../journal';
import { refundEntry } from '../../orders';

/** What one order's share of the charge's refund is now. */
interface OrderRefund {
  orderId: string;
  /** For a lot of a bundled charge, its part; for one order alone, read again in its transaction less the refunds it knows failed. */
  refundedCents: number;
  fully: boolean;
  /** The charge as the event carried it, and whether Stripe said it was refunded in full. */
  snapshot: RefundSnapshot;
  chargeFully: boolean;
  /** For a lot of a bundled charge: the charge's total its part was spread from. */
  chargeRefundedCents?: number;
  /** The charge's amount, as the event carried it. */
  chargeCents?: number;
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
  const all = await deps.store.query(ordersCollection, { where: [['paymentIntentId', '==', paymentIntentId]] });
  if (all.length === 0) return false;
  // An expired order's charge is one its buyer paid after the deadline: refunded and journaled when it came (give-payment-back), counted not again.
  const found = all.filter((f) => f.data.status !== 'expired');
  if (found.length === 0) return true;
  // Lots of the same charge that had moved on when it came: their part went back by itself (refund-moved-on-lots), and is theirs.
  const givenBackCents = all.filter((f) => f.data.status === 'expired').reduce((sum, f) => sum + chargedCents(f.data), 0);
  const seen: RefundSnapshot = { amountRefundedCents: typeof charge.amount_refunded === 'number' ? charge.amount_refunded : 0, created: event.created };
  // What the orders know of this look (failures it is known not to count: see failed-refunds) comes with it.
  const chargeCents = typeof charge.amount === 'number' ? { chargeCents: charge.amount } : {};
  const snapshot = knownSnapshot(
    seen,
    found.map((f) => f.data),
    chargeCents.chargeCents,
  );
  // A refund known to have failed is never counted, whether its failure came before this event or after it.
  const amountRefundedCents = stillRefundedCents(snapshot, failuresOnCharge(found.map((f) => f.data)));
  const chargeFully = charge.refunded === true;
  const fully = chargeFully && amountRefundedCents === snapshot.amountRefundedCents;
  const [single] = found;
  const refunds: OrderRefund[] =
    found.length === 1 && single && !single.data.showCheckoutId
      ? [{ orderId: single.id, refundedCents: amountRefundedCents, fully, snapshot, chargeFully, ...chargeCents }]
      : spreadOverOrders(
          // Whether or not its refund is journaled yet (its event may overtake it), the lots kept share only what is refunded beyond it.
          Math.max(0, amountRefundedCents - givenBackCents),
          found.map((f) => f.data),
          // A lot refunded with `/c500 refund` takes its own refund first; what else was refunded is spread by price.
          (order) => givenRefundsHeld(order, amountRefundedCents),
        ).map(({ order, refundedCents }) => ({
          orderId: order.orderId,
          refundedCents,
          fully: fully || refundedCents >= chargedCents(order),
          snapshot,
          chargeFully,
          chargeRefundedCents: amountRefundedCents,
        }));
  for (const refund of refunds) await refundOrder(deps, refund, event.id);
  log.info('refund recorded', { event: 'refund.recorded', eventId: event.id, orders: refunds.length, fully });
  return true;
}

async function refundOrder(deps: PaymentDeps, refund: OrderRefund, eventId: string): Promise<void> {
  const { orderId } = refund;
  const { refunded, refundedCents } = await deps.store.runTransaction(async (tx): Promise<{ refunded?: Order; refundedCents: number }> => {
    const order = await tx.get(orderPath(orderId));
    if (!order) return { refundedCents: refund.refundedCents };
    const { order: before, entries } = await withJournal(tx, order);
    const read = JournalRead.ofOrders([orderId], entries);
    const known = { ...refund, snapshot: knownSnapshot(refund.snapshot, [order], refund.chargeCents) };
    const { refundedCents, fully } = readAgain(order, known);
    // Its own redelivery finishes what it started, unless a failed refund has since sold the order again.
    if (order.refundedByEvent === eventId) return order.status === 'refunded' ? { refunded: order, refundedCents } : { refundedCents };
    // A look at the charge older than the one the order holds says nothing new (a failure since may have lowered it).
    if (order.refundSnapshot && !laterSnapshot(known.snapshot, order.refundSnapshot)) return { refundedCents: before.refundedCents };
    if (!fully || order.status === 'refunded') {
      // Each event carries the charge's total so far; an older one delivered late never lowers it.
      if (newer(before, refund, refundedCents)) {
        applyOrderFact(
          tx,
          order,
          { kind: 'refunded-in-part', snapshot: known.snapshot, ...chargeTotal(refund) },
          { read, entries: [refundEntry(before, refundedCents, eventId, deps.clock.now().toISOString())] },
        );
      }
      return { refundedCents };
    }
    // A unit that never left the workshop goes back on sale, once.
    const givesBack = order.status !== 'shipped' && !order.stockReturned ? await deps.modules.orders[order.source].refunded(tx, order) : undefined;
    applyOrderFact(
      tx,
      order,
      {
        kind: 'refunded',
        at: deps.clock.now().toISOString(),
        snapshot: known.snapshot,
        ...chargeTotal(refund),
        byEvent: eventId,
        stockReturned: givesBack !== undefined,
      },
      { read, entries: [refundEntry(before, refundedCents, eventId, deps.clock.now().toISOString())] },
    );
    givesBack?.write(tx);
    return { refunded: order, refundedCents };
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
 * One order alone reads the event's total again against the failed refunds its transaction
 * sees, so a failure recorded meanwhile is not missed; a lot's part of a bundled charge was
 * spread from the charge's total already read that way.
 */
function readAgain(order: Order, refund: OrderRefund): { refundedCents: number; fully: boolean } {
  if (refund.chargeRefundedCents !== undefined) return { refundedCents: refund.refundedCents, fully: refund.fully };
  const refundedCents = stillRefundedCents(refund.snapshot, order.failedRefunds ?? []);
  return { refundedCents, fully: refund.chargeFully && refundedCents === refund.snapshot.amountRefundedCents };
}

/**
 * Whether this refund is later than what the order holds, for an order that holds no look at
 * the charge yet (recorded before looks were kept, or refunded before it was paid). A lot's
 * part of a bundled charge is compared by the charge's total: largest remainder can hand a
 * cent to another lot as the total grows, so a lot's own part is not a clock.
 */
function newer(order: Order & Refunds, refund: OrderRefund, refundedCents: number): boolean {
  if (order.refundSnapshot) return true;
  if (refund.chargeRefundedCents !== undefined) return refund.chargeRefundedCents >= (order.chargeRefundedCents ?? 0);
  return refundedCents >= order.refundedCents;
}

const chargeTotal = (refund: OrderRefund) => (refund.chargeRefundedCents !== undefined ? { chargeRefundedCents: refund.chargeRefundedCents } : {});
