/**
 * @module dispute-on-order
 * What an order carries of a dispute on its charge, from the dispute's converged record. A
 * chargeback is the order's `dispute` (its money is held and taken back); an inquiry
 * (`warning_*`) is only `inquiry`, since Stripe withdraws nothing for it; an inquiry closed
 * without a chargeback joins `pastDisputes`; one escalated on the same object becomes the
 * `dispute`. A chargeback after an inquiry closed is a new dispute object: the order takes it
 * as its `dispute`, the closed inquiry staying in `pastDisputes`.
 */
import { chargedCents, type Order, type OrderDispute, type OrderInquiry, type PastDispute, type Refunds } from '../../orders';
import type { Dispute } from './dispute';

export type DisputeOnOrder = Partial<Pick<Order, 'dispute' | 'inquiry' | 'pastDisputes'>>;

/** Stripe's inquiry statuses: the bank asks, no money moves. */
export const isInquiry = (status: string): boolean => status.startsWith('warning_');

/** The order's fields that change with this view of the dispute (`part`: the order's share of its amount), or undefined when none does. */
export function disputeOnOrder(order: Order, dispute: Dispute, part: number, now: string): DisputeOnOrder | undefined {
  if (isInquiry(dispute.status)) return inquiryOnOrder(order, dispute, part, now);
  // Escalated: the inquiry is this very dispute, now a chargeback.
  const escalated: DisputeOnOrder = order.inquiry?.disputeId === dispute.disputeId ? { inquiry: null } : {};
  const next = chargebackOnOrder(order, dispute, part, now);
  const update = { ...escalated, ...(next ? { dispute: next } : {}) };
  return Object.keys(update).length > 0 ? update : undefined;
}

function inquiryOnOrder(order: Order, dispute: Dispute, part: number, now: string): DisputeOnOrder | undefined {
  // Already seen as the chargeback it became, or already closed: an older view changes nothing.
  if (order.dispute?.disputeId === dispute.disputeId || (order.pastDisputes ?? []).some((p) => p.disputeId === dispute.disputeId)) return undefined;
  const current = order.inquiry?.disputeId === dispute.disputeId ? order.inquiry : undefined;
  if (dispute.state !== 'open') {
    const past: PastDispute = {
      disputeId: dispute.disputeId,
      kind: 'inquiry',
      outcome: dispute.status,
      amountCents: current?.amountCents ?? part,
      reason: dispute.reason,
      openedAt: current?.openedAt ?? now,
      closedAt: dispute.closedAt ?? now,
    };
    return { ...(current ? { inquiry: null } : {}), pastDisputes: [...(order.pastDisputes ?? []), past] };
  }
  const next: OrderInquiry = {
    disputeId: dispute.disputeId,
    status: dispute.status,
    amountCents: current?.amountCents ?? part,
    reason: dispute.reason,
    ...(dispute.dueBy ? { dueBy: new Date(dispute.dueBy * 1000).toISOString() } : {}),
    openedAt: current?.openedAt ?? now,
  };
  return JSON.stringify(next) === JSON.stringify(order.inquiry) ? undefined : { inquiry: next };
}

/** The order's chargeback, when it changes: a closed one stays as it closed, and another chargeback's order is left alone. */
function chargebackOnOrder(order: Order, dispute: Dispute, part: number, now: string): OrderDispute | undefined {
  const current = order.dispute;
  // Stripe charges a charge back once (`charge.dispute` names one dispute): a second chargeback is not one C500 can act on.
  if (current && current.disputeId !== dispute.disputeId) return undefined;
  if (current && current.state !== 'open') return undefined;
  const next: OrderDispute = {
    ...(current ?? { disputeId: dispute.disputeId, openedAt: now }),
    state: dispute.state,
    amountCents: current?.takeBack ? current.amountCents : part,
    reason: dispute.reason,
    ...(dispute.dueBy ? { dueBy: new Date(dispute.dueBy * 1000).toISOString() } : {}),
    ...(dispute.state !== 'open' ? { closedAt: dispute.closedAt ?? now } : {}),
  };
  return JSON.stringify(next) === JSON.stringify(current) ? undefined : next;
}

/**
 * A chargeback lost before the order shipped, for all that was left of its charge: the bank
 * gave the buyer their money back, so nothing is to ship. The order is `closed` (out of the
 * to-ship views, its address erased after its period). A partial loss leaves it to ship.
 * `part` counts what the buyer is owed outside Stripe besides (a refund that failed): that is
 * theirs too, so nothing of the charge is left to ship for.
 */
export function closedByLoss(order: Order & Refunds, dispute: Dispute, part: number, now: string): { status: 'closed'; closedAt: string } | undefined {
  if (isInquiry(dispute.status) || dispute.state !== 'lost' || (order.status !== 'paid' && order.status !== 'building')) return undefined;
  if (order.dispute && order.dispute.disputeId !== dispute.disputeId) return undefined;
  return part >= chargedCents(order) - order.refundedCents ? { status: 'closed', closedAt: now } : undefined;
}
