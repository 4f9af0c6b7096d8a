/**
 * @module dispute-rules
 * The money of a dispute on an order, as pure rules: whether a release may go out, the
 * builder's and the host's parts of a disputed amount, what a dispute takes back from
 * transfers already made, and what a won one sends out again, with the keys of each.
 */
import { builderPartOfRefund, chargedCents, releasableCents, type Order, type PartyPayout, type Refunds } from '../../orders';
import type { ReleaseHold } from '../../orders';
import { hostPartOfRefund } from '../../orders';
import { heldByFraudWarning } from './fraud-warning';
import { disputeReversedFrom, holdsOf, type JournalEntry } from '../../journal';

/** Whether a release (the builder's or the host's) may go out for this order. */
export function releaseHold(
  order: Pick<Order, 'dispute' | 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'shippingCents'> & Refunds & Partial<Pick<Order, 'fraudWarning'>>,
): ReleaseHold | undefined {
  const dispute = order.dispute;
  if (!dispute) return heldByFraudWarning(order) ? 'fraud-warning' : undefined;
  if (dispute.state === 'open') return 'disputed';
  if (dispute.state === 'lost' && releasableAfterLoss(order) <= 0) return 'dispute-lost';
  return heldByFraudWarning(order) ? 'fraud-warning' : undefined;
}

/**
 * The builder's part of a disputed amount, and the host's: in proportion, as a refund of that
 * much would take, from the top of the charge. The bank disputes only what was not refunded,
 * and Stripe refunds nothing of a charge once it is disputed, so refunds always lie below it:
 * the two never take the same part, whichever of Stripe's events arrives first (a dispute
 * seen before the refund it followed would otherwise take the refund's part again).
 */
export function disputedParts(
  order: Pick<Order, 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'shippingCents'> & Refunds,
  disputedCents: number,
): { builderCents: number; hostCents: number } {
  // The bank disputes the charge, shipping included: the builder's part covers the shipping they were sent.
  const charged = chargedCents(order);
  const from = Math.min(charged, Math.max(order.refundedCents, charged - Math.max(0, disputedCents)));
  return {
    builderCents: builderPartOfRefund(order, charged) - builderPartOfRefund(order, from),
    hostCents: hostPartOfRefund(order, charged) - hostPartOfRefund(order, from),
  };
}

/** What a release sends after a lost dispute that found it not yet made: the share less refunds, less the dispute's part. */
export function releasableAfterLoss(order: Pick<Order, 'dispute' | 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'shippingCents'> & Refunds): number {
  const releasable = releasableCents(order);
  if (order.dispute?.state !== 'lost') return releasable;
  return releasable - disputedParts(order, order.dispute.amountCents).builderCents;
}

/**
 * What a dispute found already released takes back: each part only from a transfer that was
 * made, and never more than the transfer still holds.
 */
export function disputeTakeBack(
  order: Pick<Order, 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'shippingCents' | 'payouts' | 'currency'> & Refunds,
  disputedCents: number,
  entries: readonly JournalEntry[],
): { builderCents: number; hostCents: number } {
  const parts = disputedParts(order, disputedCents);
  const left = (payout: PartyPayout | undefined) => transferredLeft(payout, order.currency, entries);
  return { builderCents: Math.min(parts.builderCents, left(order.payouts.builder)), hostCents: Math.min(parts.hostCents, left(order.payouts.host)) };
}

/** What a party's release transfer still holds, as the journal has it: nothing without one (a cut owed by hand, or none). */
function transferredLeft(payout: PartyPayout | undefined, currency: string, entries: readonly JournalEntry[]): number {
  if (!payout?.transferId || (payout.via !== undefined && payout.via !== 'transfer')) return 0;
  return Math.max(0, holdsOf(entries, currency, payout.transferId));
}

/**
 * After a win, what goes back out: what the dispute's reversals really took, as the journal has
 * them (a debt is simply forgiven). `entries` hold at least the order's own.
 */
export function disputeReturn(
  order: Pick<Order, 'currency'>,
  disputeId: string,
  entries: readonly JournalEntry[],
): { builderCents: number; hostCents: number } {
  return {
    builderCents: disputeReversedFrom(entries, order.currency, disputeId, 'builder'),
    hostCents: disputeReversedFrom(entries, order.currency, disputeId, 'host'),
  };
}

/** The idempotency keys of a dispute's money, from our ids: one reversal and one return per part, per dispute. */
export const disputeKeys = {
  takeBack: (orderId: string, disputeId: string) => `dispute:${orderId}:${disputeId}`,
  takeBackHost: (orderId: string, disputeId: string) => `dispute-host:${orderId}:${disputeId}`,
  giveBack: (orderId: string, disputeId: string) => `dispute-return:${orderId}:${disputeId}`,
  giveBackHost: (orderId: string, disputeId: string) => `dispute-return-host:${orderId}:${disputeId}`,
};
