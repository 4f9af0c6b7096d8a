/**
 * @module queue-line
 * A builder's commission queue: the places it gave (one per paid order, numbered by a
 * counter on the builder's queue document so no two orders ever share one), the date each
 * is promised, and the line as people see it (the open places in ticket order, numbered
 * 1, 2, 3 with no gap). Pure: the use cases read the orders and the clock.
 */
import { docPath } from '../../ports';
import type { CommissionTerms, Milestone, Order, OrderCommission } from '../../orders';

/** `commissionQueues/<builder's Discord id>`: the counter of places given, and where a one-at-a-time line's last promise stands. */
export interface CommissionQueue {
  builderId: string;
  ticketsGiven: number;
  /** The latest promised date given, for a one-at-a-time builder's next place. */
  lastPromisedAt?: string;
}

export const commissionQueuePath = (builderId: string) => docPath<CommissionQueue>(`commissionQueues/${builderId}`);

const weekMs = 7 * 24 * 60 * 60_000;

/**
 * The date a place paid at `paidAt` is promised: its lead time after payment, or after the
 * last place's promise when the builder works one at a time and that promise is later.
 */
export function promisedDate(terms: Pick<CommissionTerms, 'leadWeeks' | 'oneAtATime'>, paidAt: Date, lastPromisedAt: string | undefined): Date {
  const last = lastPromisedAt === undefined ? Number.NaN : Date.parse(lastPromisedAt);
  const start = terms.oneAtATime && Number.isFinite(last) && last > paidAt.getTime() ? last : paidAt.getTime();
  return new Date(start + terms.leadWeeks * weekMs);
}

/** The date moved by a delay of `weeks`. */
export function delayedDate(promisedAt: string, weeks: number): Date {
  return new Date(Date.parse(promisedAt) + weeks * weekMs);
}

/**
 * An order with a promise to keep: paid, promised a date, not ended. A queue's place is one;
 * a group buy's order is one too (promised the end of its ship month, its buyer's refund right
 * the same, kept after `done` until its delivery) and takes no place in its builder's line: it
 * has no ticket.
 */
export type PromisedOrder = Order & { commission: OrderCommission & { promisedAt: string } };

export function isPromised(order: Order): order is PromisedOrder {
  const c = order.commission;
  return (
    c?.promisedAt !== undefined &&
    (c.ended === undefined || awaitsDeliveryAfterDone(order)) &&
    (order.status === 'paid' || order.status === 'building' || order.status === 'shipped')
  );
}

/**
 * A group buy's order proved `done` under the delivery gate keeps its promise until it is
 * delivered (issue 78): "made but never delivered" is how buyers in this trade lose money, so
 * the refund right ends at the carrier's delivery or the buyer's Received, not at the proof.
 * The last payout leaving (an admin's release by hand) ends it too: what was sent is the builder's.
 */
function awaitsDeliveryAfterDone(order: Order): boolean {
  return (
    order.source === 'groupbuy' &&
    order.lastPayoutAt === 'delivery' &&
    order.commission?.ended === 'done' &&
    order.parcel?.status !== 'delivered' &&
    order.receivedBy !== 'buyer' &&
    !order.payouts.builder.transferId &&
    !order.payouts.builder.releasing
  );
}

/** An order in the line: paid, placed (its ticket), not ended. */
export type PlacedOrder = PromisedOrder & { commission: { ticket: number } };

export function isPlaced(order: Order): order is PlacedOrder {
  return isPromised(order) && order.commission.ticket !== undefined;
}

/** Its promised date has passed and it is not done. */
export function isLate(order: PromisedOrder, now: Date): boolean {
  return Date.parse(order.commission.promisedAt) < now.getTime();
}

/** One place of the line as anyone may see it. */
export interface LinePlace {
  /** 1 for the build in progress or next, then 2, 3, … with no gap. */
  position: number;
  orderId: string;
  title: string;
  milestone: Milestone | undefined;
  promisedAt: string;
  late: boolean;
  delayed: boolean;
  buyerId: string;
  buyerName: string;
}

/** The open places in the order they were given: position 1 is the oldest ticket. */
export function lineOf(orders: readonly Order[], now: Date): LinePlace[] {
  return orders
    .filter(isPlaced)
    .sort((a, b) => a.commission.ticket - b.commission.ticket)
    .map((o, i) => ({
      position: i + 1,
      orderId: o.orderId,
      title: o.title,
      milestone: o.commission.milestone,
      promisedAt: o.commission.promisedAt,
      late: isLate(o, now),
      delayed: o.commission.delay !== undefined,
      buyerId: o.buyerId,
      buyerName: o.buyerName,
    }));
}
