/**
 * @module delivery
 * An order's life after `/c500 ship`: the buyer's **Received** button (whose custom_id is
 * input, read strictly), who may press it, when an order nobody confirmed counts as received
 * (`C500_DELIVERY_DAYS` after shipping), and when its address is erased
 * (`C500_ADDRESS_DAYS` after it was received, refunded or closed). Pure: the use cases and the sweep
 * apply these.
 */
import type { Order } from '../../orders';
import { isOrderIdShaped } from '../../common';

const dayMs = 86_400_000;
const receivedPrefix = 'received:';

export const receivedButtonId = (orderId: string): string => `${receivedPrefix}${orderId}`;

/** The order a Received press names, or undefined for any custom_id that is not exactly one of ours. */
export function orderIdFromReceived(customId: string): string | undefined {
  if (!customId.startsWith(receivedPrefix)) return undefined;
  const orderId = customId.slice(receivedPrefix.length);
  return isOrderIdShaped(orderId) ? orderId : undefined;
}

export type ReceivedPress =
  | { kind: 'confirm' }
  /** This very press was already counted (a redelivery), or the buyer pressed twice: the same answer again. */
  | { kind: 'already'; receivedAt: string; by: 'buyer' | 'timeout' }
  | { kind: 'refused'; reason: 'not-found' | 'not-buyer' | 'not-shipped' };

/**
 * Only the order's buyer confirms it, and only once it is shipped. Anyone else (another
 * member handed the button's id, the builder) is told no without learning whose order it is:
 * an unknown order and someone else's read the same.
 */
export function judgeReceivedPress(order: Order | undefined, pressedBy: string, guildId: string | undefined): ReceivedPress {
  if (!order || order.buyerId !== pressedBy) return { kind: 'refused', reason: order ? 'not-buyer' : 'not-found' };
  // The button lives in the buyer's DM; pressed in a server, only the order's own counts.
  if (guildId !== undefined && guildId !== order.guildId) return { kind: 'refused', reason: 'not-found' };
  if (order.receivedAt) return { kind: 'already', receivedAt: order.receivedAt, by: order.receivedBy ?? 'buyer' };
  if (order.status !== 'shipped') return { kind: 'refused', reason: 'not-shipped' };
  return { kind: 'confirm' };
}

/** A shipped order nobody confirmed counts as received once the delivery window has passed. */
export function deliveryTimedOut(order: Pick<Order, 'status' | 'shippedAt' | 'receivedAt'>, nowMs: number, deliveryDays: number): boolean {
  if (order.status !== 'shipped' || order.receivedAt || !order.shippedAt) return false;
  const shipped = Date.parse(order.shippedAt);
  return Number.isFinite(shipped) && shipped + deliveryDays * dayMs <= nowMs;
}

/**
 * When the order's address may go: `addressDays` after it was received, or refunded (in
 * full: a partly refunded order is still on its way). Undefined while it is still needed, or
 * once there is no address left to erase.
 */
export function addressErasableAtMs(
  order: Pick<Order, 'status' | 'shippingAddress' | 'receivedAt' | 'refundedAt' | 'closedAt' | 'dispute'>,
  addressDays: number,
): number | undefined {
  // An open dispute's evidence is built from it (the bank may ask again until it closes): the sweep after the close erases it.
  if (!order.shippingAddress || order.dispute?.state === 'open') return undefined;
  const done = order.receivedAt ?? ({ refunded: order.refundedAt, closed: order.closedAt } as Partial<Record<Order['status'], string>>)[order.status];
  const doneMs = done === undefined ? NaN : Date.parse(done);
  return Number.isFinite(doneMs) ? doneMs + addressDays * dayMs : undefined;
}
