/**
 * @module sweep-orders
 * The scheduled sweep of orders after shipping: a proved order the carrier delivered sends its
 * last payout once the server's window after the delivery has passed (orders' delivery-gate);
 * a shipped order nobody confirmed within
 * `C500_DELIVERY_DAYS` is marked received (`receivedBy: 'timeout'`), and an address whose
 * order was received or refunded `C500_ADDRESS_DAYS` ago is erased. Each order is changed
 * in a transaction that checks again what it read, so a sweep run twice, or beside a
 * buyer's Received press, changes each order once. Each order on its own: one failing
 * leaves the others done, and the sweep fails (so it is retried) only after trying them all.
 *
 * It is also the last backstop of a drop's reservation: a Buy Now order still awaiting payment
 * past its deadline gives its unit back, whether or not its session was ever opened (a process
 * that died between reserving and arming the expiry leaves one with neither). One with a
 * session waits a further grace, so Stripe's own `checkout.session.expired` (or a payment
 * completed at the last moment) comes first.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { orderPath, ordersCollection, type Order, applyOrderFact, deliveryWindowDays, lastPayoutGate } from '../../orders';
import { guildPath } from '../../guild';
import type { DeliverySettings } from '../../config';
import { log } from '../../log';
import { addressErasableAtMs, deliveryTimedOut } from '../rules/delivery';
import { reservationLapsed } from '../rules/drop';
import { releaseReservation } from './release-reservation';
import { asBatchWork } from '../../stripe-work';

export interface OrderSweepDeps {
  store: DocumentStore;
  clock: Clock;
  delivery: DeliverySettings;
  discord: DiscordMessenger;
  /**
   * Sends a proved order's last payout once its delivery gate opened (live's
   * `releaseWaitingOrder`, which checks the gate again and is keyed as every release).
   */
  releaseWaiting: (orderId: string) => Promise<void>;
}

export interface OrderSweepReport {
  /** Orders this run marked received because nobody confirmed them in time. */
  received: string[];
  /** Orders whose address this run erased. */
  erased: string[];
  /** Drop orders past their checkout deadline, unpaid, whose unit this run gave back. */
  released: string[];
  /** Delivered orders whose window passed: their last payout was asked for (sent, or held by what else holds it). */
  paidOut: string[];
  failed: string[];
}

/** Batch work (stripe-work): whatever it writes to Stripe yields to a person's press. */
export function sweepOrders(deps: OrderSweepDeps): Promise<OrderSweepReport> {
  return asBatchWork(() => sweep(deps));
}

async function sweep(deps: OrderSweepDeps): Promise<OrderSweepReport> {
  const report: OrderSweepReport = { received: [], erased: [], released: [], paidOut: [], failed: [] };
  // Only orders on their way match (an equality the automatic index serves): the query stays as small as what is in transit.
  const onTheirWay = await deps.store.query(ordersCollection, { where: [['awaitingReceipt', '==', true]] });
  for (const { id, data } of onTheirWay)
    if (data.status !== 'shipped' || deliveryTimedOut(data, deps.clock.now().getTime(), deps.delivery.deliveryDays))
      await one(report.received, id, () => timeOut(deps, id));
  // Delivered and past the server's window: the last payout leaves (the release checks the gate again, and goes once).
  const windows = new Map<string, number>();
  for (const { id, data } of onTheirWay)
    if (lastPayoutOwed(data) && lastPayoutGate(data, deps.clock.now().getTime(), await windowOf(data.guildId)).open)
      await one(report.paidOut, id, async () => (await deps.releaseWaiting(id), true));
  // Only orders still holding an address match: an erased one is null, and `!=` leaves nulls out.
  const withAddress = await deps.store.query(ordersCollection, { where: [['shippingAddress', '!=', null]] });
  for (const { id, data } of withAddress) if (erasable(data, deps)) await one(report.erased, id, () => erase(deps, id));
  const unpaid = await deps.store.query(ordersCollection, { where: [['status', '==', 'awaiting-payment']] });
  for (const { id, data } of unpaid)
    if (reservationLapsed(data, deps.clock.now().getTime())) await one(report.released, id, () => releaseReservation(deps, id));
  if (report.received.length + report.erased.length + report.released.length + report.paidOut.length > 0)
    log.info('order sweep', { received: report.received, erased: report.erased, released: report.released, paidOut: report.paidOut });
  return report;

  async function windowOf(guildId: string): Promise<number> {
    const known = windows.get(guildId);
    if (known !== undefined) return known;
    const days = deliveryWindowDays((await deps.store.get(guildPath(guildId)))?.deliveryWindowDays);
    windows.set(guildId, days);
    return days;
  }

  async function one(done: string[], orderId: string, work: () => Promise<boolean>): Promise<void> {
    try {
      if (await work()) done.push(orderId);
    } catch (error) {
      log.error('order sweep could not change an order; the next sweep tries again', { orderId, error });
      report.failed.push(orderId);
    }
  }
}

/** A proved order under the gate whose builder's release has not gone (a show's host's cut goes with it). */
function lastPayoutOwed(order: Order): boolean {
  return order.lastPayoutAt === 'delivery' && Boolean(order.proof) && !order.payouts.builder.transferId && order.parcel?.status === 'delivered';
}

function erasable(order: Order, deps: OrderSweepDeps): boolean {
  const at = addressErasableAtMs(order, deps.delivery.addressDays);
  return at !== undefined && at <= deps.clock.now().getTime();
}

async function timeOut(deps: OrderSweepDeps, orderId: string): Promise<boolean> {
  return deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (!order) return false;
    // Refunded on its way: nothing to wait for any more, and it leaves the sweep's query.
    if (order.status !== 'shipped') {
      if (order.awaitingReceipt) applyOrderFact(tx, order, { kind: 'delivery-ended' });
      return false;
    }
    if (!deliveryTimedOut(order, deps.clock.now().getTime(), deps.delivery.deliveryDays)) return false;
    applyOrderFact(tx, order, { kind: 'received', at: deps.clock.now().toISOString(), by: 'timeout' });
    return true;
  });
}

async function erase(deps: OrderSweepDeps, orderId: string): Promise<boolean> {
  return deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (!order || !erasable(order, deps)) return false;
    applyOrderFact(tx, order, { kind: 'address-erased', at: deps.clock.now().toISOString() });
    return true;
  });
}
