/**
 * @module delivery-gate
 * Delivered, not just shipped (issue 78): an order's last payout (the builder's release, and a
 * show host's cut with it) leaves C500 only once the order is delivered and the buyer had the
 * server's window to report a problem, or the buyer pressed Received, or an admin released it
 * by hand. A proof on stream still sends the tranches before the last; it no longer sends the
 * last. A parcel returned or lost keeps the money until an admin chooses a reship or a refund.
 * A Received the sweep gave by itself (`receivedBy: 'timeout'`) is nobody's word that the
 * parcel arrived, so it opens nothing. An order sold before the gate (no `lastPayoutAt`) keeps
 * the terms it was sold under: its proof releases everything. Pure.
 */
import type { Order } from './order';

const dayMs = 86_400_000;

/** The server's window after delivery, in whole days: 3 unless its admin set another, at most 14. */
export const deliveryWindow = { defaultDays: 3, maxDays: 14 } as const;

/** The window a server's setting gives: the default when unset or out of range (a stored value is read, never trusted). */
export function deliveryWindowDays(setting: number | undefined): number {
  return setting !== undefined && Number.isInteger(setting) && setting >= 0 && setting <= deliveryWindow.maxDays ? setting : deliveryWindow.defaultDays;
}

/** Why the last payout may go: the buyer's press, the carrier's delivery and its window, or an admin's hand. */
export type GateOpenedBy = 'received' | 'delivered' | 'admin' | 'sold-before';

/**
 * Why it still waits: not shipped yet, on its way, delivered and inside the window (`opensAt`),
 * or returned or lost (an admin chooses).
 */
export type GateWait = 'shipping' | 'delivery' | 'window' | 'parcel-problem';

export type PayoutGate = { open: true; by: GateOpenedBy } | { open: false; waits: GateWait; opensAt?: string };

export type GatedOrder = Pick<Order, 'status' | 'receivedBy' | 'parcel' | 'payoutFreed' | 'lastPayoutAt'>;

/** Whether the order's last payout may leave at `nowMs`, with a server window of `windowDays`. */
export function lastPayoutGate(order: GatedOrder, nowMs: number, windowDays: number): PayoutGate {
  // Sold before the gate, on the terms of the time: its proof releases everything.
  if (order.lastPayoutAt !== 'delivery') return { open: true, by: 'sold-before' };
  if (order.payoutFreed) return { open: true, by: 'admin' };
  if (order.receivedBy === 'buyer') return { open: true, by: 'received' };
  const parcel = order.parcel;
  if (parcel?.status === 'returned' || parcel?.status === 'lost') return { open: false, waits: 'parcel-problem' };
  const delivered = parcel?.status === 'delivered' ? Date.parse(parcel.deliveredAt ?? parcel.at) : Number.NaN;
  if (Number.isFinite(delivered)) {
    const opensAtMs = delivered + windowDays * dayMs;
    return nowMs >= opensAtMs ? { open: true, by: 'delivered' } : { open: false, waits: 'window', opensAt: new Date(opensAtMs).toISOString() };
  }
  return { open: false, waits: order.status === 'shipped' ? 'delivery' : 'shipping' };
}
