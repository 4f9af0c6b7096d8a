/**
 * @module order-dispute
 * A chargeback on an order's charge, as the order keeps it (the disputes module keeps the
 * dispute itself, its evidence and Stripe's view, under `disputes/<id>`). With separate
 * charges and transfers Stripe takes the disputed amount and its fee from the platform, so
 * while a dispute is open nothing more goes out for the order, what already went out is
 * taken back in proportion, and a won dispute sends it out again. These are the pure rules
 * of that money; every place that releases reads `releaseHold`.
 */
import type { Order } from './order';
import { builderPartOfRefund } from './order';
import { hostPartOfRefund } from './split-money';

/** Open until Stripe closes it; `won` and `lost` are final (a closed dispute never reopens). */
export const orderDisputeStates = ['open', 'won', 'lost'] as const;
export type OrderDisputeState = (typeof orderDisputeStates)[number];

export interface OrderDispute {
  disputeId: string;
  state: OrderDisputeState;
  /** This order's part of the disputed amount: all of it for a charge of one order, a share of it for a show checkout's lot. */
  amountCents: number;
  /** Stripe's reason code (`product_not_received`, `fraudulent`, …). */
  reason: string;
  /** When the evidence must be in (Stripe's `evidence_details.due_by`). */
  dueBy?: string;
  openedAt: string;
  closedAt?: string;
  /**
   * What the dispute takes back from the transfers already made, fixed once (when the
   * dispute finds the order released): the builder's and the host's parts of `amountCents`.
   */
  takeBack?: { builderCents: number; hostCents: number };
  /** Of `takeBack`, what the reversals took and what Stripe would not reverse (owed, as for refunds). */
  builderReversedCents?: number;
  builderDebtCents?: number;
  hostReversedCents?: number;
  hostDebtCents?: number;
  /** After a win: what goes back out (the reversed parts), fixed before Stripe is asked. */
  returning?: { builderCents: number; hostCents: number };
  returnTransferId?: string;
  hostReturnTransferId?: string;
  returnedAt?: string;
  /** Stripe refused to send it back (cut to 500 characters): an admin pays it by hand. */
  returnRefusal?: string;
}

/** Why a release must not go out now: an open dispute, or one lost that took the whole share. */
export type ReleaseHold = 'disputed' | 'dispute-lost';

/** Whether a release (the builder's or the host's) may go out for this order. */
export function releaseHold(order: Pick<Order, 'dispute' | 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'amountRefundedCents'>): ReleaseHold | undefined {
  const dispute = order.dispute;
  if (!dispute) return undefined;
  if (dispute.state === 'open') return 'disputed';
  if (dispute.state === 'lost' && releasableAfterLoss(order) <= 0) return 'dispute-lost';
  return undefined;
}

/**
 * The builder's part of a disputed amount on top of what was refunded, and the host's: in
 * proportion, as a refund of that much more would take (so a full dispute takes the whole share).
 */
export function disputedParts(
  order: Pick<Order, 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'amountRefundedCents'>,
  disputedCents: number,
): { builderCents: number; hostCents: number } {
  const refunded = order.amountRefundedCents ?? 0;
  const upTo = Math.min(order.amountCents, refunded + Math.max(0, disputedCents));
  return {
    builderCents: builderPartOfRefund(order, upTo) - builderPartOfRefund(order, refunded),
    hostCents: hostPartOfRefund(order, upTo) - hostPartOfRefund(order, refunded),
  };
}

/** What a release sends after a lost dispute that found it not yet made: the share less refunds, less the dispute's part. */
export function releasableAfterLoss(order: Pick<Order, 'dispute' | 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'amountRefundedCents'>): number {
  const releasable = order.builderShareCents - builderPartOfRefund(order, order.amountRefundedCents ?? 0);
  if (order.dispute?.state !== 'lost') return releasable;
  return releasable - disputedParts(order, order.dispute.amountCents).builderCents;
}

/**
 * What a dispute found already released takes back: each part only from a transfer that was
 * made, and never more than the transfer still holds.
 */
export function disputeTakeBack(
  order: Pick<
    Order,
    | 'amountCents'
    | 'builderShareCents'
    | 'hostCutCents'
    | 'amountRefundedCents'
    | 'transferId'
    | 'releasedCents'
    | 'reversedCents'
    | 'hostPayout'
    | 'hostTransferId'
    | 'hostReleasedCents'
    | 'hostReversedCents'
  >,
  disputedCents: number,
): { builderCents: number; hostCents: number } {
  const parts = disputedParts(order, disputedCents);
  const builderLeft = Math.max(0, (order.releasedCents ?? 0) - (order.reversedCents ?? 0));
  const hostLeft = Math.max(0, (order.hostReleasedCents ?? 0) - (order.hostReversedCents ?? 0));
  return {
    builderCents: order.transferId ? Math.min(parts.builderCents, builderLeft) : 0,
    hostCents: order.hostPayout === 'transfer' && order.hostTransferId ? Math.min(parts.hostCents, hostLeft) : 0,
  };
}

/** After a win, what goes back out: what the reversals really took (a debt is simply forgiven). */
export function disputeReturn(dispute: Pick<OrderDispute, 'builderReversedCents' | 'hostReversedCents'>): { builderCents: number; hostCents: number } {
  return { builderCents: dispute.builderReversedCents ?? 0, hostCents: dispute.hostReversedCents ?? 0 };
}

/** The idempotency keys of a dispute's money, from our ids: one reversal and one return per part, per dispute. */
export const disputeKeys = {
  takeBack: (orderId: string, disputeId: string) => `dispute:${orderId}:${disputeId}`,
  takeBackHost: (orderId: string, disputeId: string) => `dispute-host:${orderId}:${disputeId}`,
  giveBack: (orderId: string, disputeId: string) => `dispute-return:${orderId}:${disputeId}`,
  giveBackHost: (orderId: string, disputeId: string) => `dispute-return-host:${orderId}:${disputeId}`,
};
