/**
 * @module late
 * When a commission is late, and what its buyer may do about it: a promised date past
 * without `done` (or a date the builder moved) gives the buyer the right to cancel for a
 * refund of everything not yet sent to the builder. The buttons' custom ids are input, read
 * strictly. Pure.
 */
import { isOrderIdShaped } from '../../common';
import { advancedNetCents, refundableCents } from '../../payments';
import { type Order, type Refunds } from '../../orders';
import type { JournalEntry } from '../../journal';
import { isPromised, type PromisedOrder } from './queue-line';

const cancelPrefix = 'qcancel:';
const waitPrefix = 'qwait:';

export const cancelButtonId = (orderId: string) => `${cancelPrefix}${orderId}`;
export const waitButtonId = (orderId: string) => `${waitPrefix}${orderId}`;

function orderIdAfter(prefix: string, customId: string): string | undefined {
  if (!customId.startsWith(prefix)) return undefined;
  const orderId = customId.slice(prefix.length);
  return isOrderIdShaped(orderId) ? orderId : undefined;
}

export const orderIdFromCancel = (customId: string) => orderIdAfter(cancelPrefix, customId);
export const orderIdFromWait = (customId: string) => orderIdAfter(waitPrefix, customId);

/** The late check's task: one per order and promised date, so a moved date schedules a new one and the old one finds nothing to do. */
export const lateTaskName = (orderId: string, promisedAt: string) => `commission-late-${orderId}-${Date.parse(promisedAt)}`;

export type CancelRefusal = 'not-found' | 'not-late' | 'ended' | 'disputed' | 'paying-builder';

/**
 * Whether this buyer may cancel this order now: their own, still in the line, and either
 * past its promised date or moved by the builder. Another person's order reads as unknown.
 */
export function cancelRefusal(order: Order | undefined, buyerId: string, guildId: string | undefined, now: Date): CancelRefusal | undefined {
  if (!order || order.buyerId !== buyerId) return 'not-found';
  // The buttons live in the buyer's DMs; pressed in a server, only the order's own counts.
  if (guildId !== undefined && guildId !== order.guildId) return 'not-found';
  // A queue's place, or a group buy's order: each has a promise and the same right once it passes.
  if (!isPromised(order)) return 'ended';
  if (order.dispute && order.dispute.state === 'open') return 'disputed';
  // A tranche fixed and not yet answered by Stripe may still be refused: counted as the builder's now, a refusal would leave
  // its money on the platform with nobody told. The cancel waits for Stripe's answer (the proof's own retry brings it).
  if ((order.commission?.advances ?? []).some((a) => a.transferId === undefined && a.refusal === undefined)) return 'paying-builder';
  const placed: PromisedOrder = order;
  const late = Date.parse(placed.commission.promisedAt) < now.getTime();
  return late || placed.commission.delay !== undefined ? undefined : 'not-late';
}

/**
 * What a cancel refunds: everything the buyer paid that was not sent to the builder and not
 * refunded before. `entries` are the order's journal (what its tranches still hold).
 */
export function cancelRefundCents(order: Order & Refunds, entries: readonly JournalEntry[]): number {
  return Math.max(0, refundableCents(order) - advancedNetCents(order, entries));
}
