/**
 * @module advances
 * The money of a commission's tranches (issue 34): what proving a milestone sends the
 * builder before `done`, what the release at `done` still sends after them, and what a
 * refund or a dispute takes back from tranches already sent. One rule holds it together:
 * the builder may hold at most what they would be released now (their share and shipping,
 * less their part of every refund and of a dispute not won), so a tranche never passes it,
 * `done` sends exactly the rest, and whatever passes it after a refund is taken back.
 */
import type { Order, Refunds } from '../../orders';
import { builderDueCents, builderPartOfRefund, chargedCents } from '../../orders';
import { amountStep } from '../../common';
import { disputeReversedOn, holdsOf, type JournalEntry } from '../../journal';
import { dueBy } from './tranches';
import { disputedParts } from './dispute-rules';
import { pendingOn } from './holdings';
import type { Advance, Milestone } from '../../orders';

/** An advance that may hold money: made, or fixed and not yet answered. */
const holds = (advance: Advance) => advance.refusal === undefined;

type AdvancedOrder = Pick<Order, 'commission' | 'dispute' | 'currency'>;

/**
 * What one tranche gave the builder and they still hold: what its transfer holds on Stripe (the
 * journal's: sent less reversed), or its amount while Stripe has not answered, and what it paid
 * of their debt instead of going out.
 */
function trancheHolds(order: AdvancedOrder, advance: Advance, entries: readonly JournalEntry[]): number {
  const sent = advance.transferId === undefined ? advance.amountCents : holdsOf(entries, order.currency, advance.transferId);
  return sent + (advance.nettedCents ?? 0);
}

/**
 * What the tranches sent (or are about to send) and the builder still holds: what went
 * out and what paid their debt instead, less what reversals took back, but what a won
 * dispute's reversals took counts again once the win sent it back. `entries` hold at least
 * the order's own.
 */
export function advancedNetCents(order: AdvancedOrder, entries: readonly JournalEntry[]): number {
  const dispute = order.dispute;
  const returned = dispute?.state === 'won' && dispute.returnedAt !== undefined && dispute.returnRefusal === undefined ? dispute.disputeId : undefined;
  const givenBack = (a: Advance) => (returned && a.transferId ? disputeReversedOn(entries, order.currency, returned, a.transferId) : 0);
  return (order.commission?.advances ?? []).filter(holds).reduce((sum, a) => sum + trancheHolds(order, a, entries) + givenBack(a), 0);
}

/**
 * What the builder may hold of this order now: their due (share and shipping) less their
 * part of what was refunded and of what a dispute took or may take (open or lost; a won one
 * takes nothing).
 */
export function builderEntitledCents(
  order: Pick<Order, 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'shippingCents' | 'dispute' | 'commission'> & Refunds,
): number {
  const { refundedCents } = order;
  const disputed = order.dispute && order.dispute.state !== 'won' ? order.dispute.amountCents : 0;
  const gone = Math.max(0, refundedCents) + Math.max(0, disputed);
  // A cancelled commission: the buyer got back everything not sent, so what is left of the
  // charge is all the builder's, and a refund (or a dispute) of it later comes out of theirs.
  if (order.commission?.ended === 'cancelled' && order.commission.keptCents !== undefined)
    return Math.min(order.commission.keptCents, Math.max(0, chargedCents(order) - gone));
  // The dispute's part as a dispute takes it (from the top of the charge), so holding and taking back agree to the cent.
  const refunded = Math.min(chargedCents(order), Math.max(0, refundedCents));
  return builderDueCents(order) - builderPartOfRefund(order, refunded) - disputedParts({ ...order, refundedCents: refunded }, disputed).builderCents;
}

/** What proving `milestone` sends now: the tranches due by it, never past what the builder may hold, less what went before. */
export function advanceFor(order: Order & Refunds, milestone: Milestone, entries: readonly JournalEntry[]): number {
  const tranches = order.commission?.terms.tranches ?? [];
  if (milestone === 'done' || tranches.length === 0) return 0;
  const target = Math.min(dueBy(builderDueCents(order), tranches, milestone, amountStep(order.currency)), builderEntitledCents(order));
  return Math.max(0, target - advancedNetCents(order, entries));
}

/** The key of the tranche sent at a milestone: one per milestone and order, whatever the retries. */
export const advanceKey = (orderId: string, milestone: Milestone, attempt = 0) =>
  attempt === 0 ? `tranche:${orderId}:${milestone}` : `tranche:${orderId}:${milestone}:${attempt}`;

/**
 * How much of a take-back each transfer gives, newest first, each at most what it still
 * holds: the release at `done` first, then the tranches from the last sent back.
 */
export function spreadTakeBack(
  dueCents: number,
  transfers: ReadonlyArray<{ transferId: string; holdsCents: number }>,
): Array<{ transferId: string; amountCents: number }> {
  const parts: Array<{ transferId: string; amountCents: number }> = [];
  let left = Math.max(0, dueCents);
  for (const t of transfers) {
    if (left === 0) break;
    const take = Math.min(left, Math.max(0, t.holdsCents));
    if (take > 0) parts.push({ transferId: t.transferId, amountCents: take });
    left -= take;
  }
  return parts;
}

/**
 * The tranches already sent, newest first, with what each still holds (less reversals pending
 * on it). What a tranche netted against a debt is asked of its transfer too, as the release's
 * is of the release: Stripe refuses what the transfer does not hold, and that is the builder's
 * debt again.
 */
export function advancesHolding(
  order: Pick<Order, 'commission' | 'pendingReversals' | 'dispute' | 'currency'>,
  entries: readonly JournalEntry[],
): Array<{ transferId: string; holdsCents: number }> {
  return (order.commission?.advances ?? [])
    .filter((a): a is Advance & { transferId: string } => holds(a) && a.transferId !== undefined)
    .map((a) => ({ transferId: a.transferId, holdsCents: trancheHolds(order, a, entries) - pendingOn(order, 'builder', a.transferId) }))
    .reverse();
}
