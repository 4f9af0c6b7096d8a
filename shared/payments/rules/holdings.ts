/**
 * @module holdings
 * What each transfer of an order's money to one person (the builder, or a show's host) still
 * holds on Stripe: where a refund's reversal can take from. The order keeps its reversed
 * totals as if a won dispute had not touched them (what the win sent back no longer counts
 * as taken), but on Stripe the dispute's reversal stays on the release and what the win sent
 * is a transfer of its own. So after a win the release holds less than the totals say, and
 * the difference sits on the win's return transfer, which a later refund takes from too.
 */
import { chargedCents, type Order, type Party } from '../../orders';
import type { OrderDispute } from '../../orders';

/** A transfer a take-back may draw on, and what it still holds (less reversals fixed and not yet answered). */
export interface Holding {
  transferId: string;
  holdsCents: number;
}

/** The reversals fixed on one of the person's transfers and not yet answered (`transferId` absent: the release's). */
export function pendingOn(order: Pick<Order, 'pendingReversals'>, part: Party, transferId: string | undefined): number {
  return (order.pendingReversals ?? []).filter((p) => p.part === part && p.transferId === transferId).reduce((sum, p) => sum + p.amountCents, 0);
}

/** What a commission's tranches gave back by the dispute's reversals: the win's return carries it too, but the release never held it. */
export const fromTranches = (order: Pick<Order, 'commission'>) => (order.commission?.advances ?? []).reduce((sum, a) => sum + (a.disputeReversedCents ?? 0), 0);

/** The won dispute's return transfer to this person, once made: its id, what it sent, of that what the release had given, and what reversals took from it since. */
function returnOf(order: Pick<Order, 'dispute' | 'commission'>, part: Party) {
  const dispute = order.dispute;
  const side = dispute?.parts?.[part];
  const transferId = side?.returnTransferId;
  if (!dispute || transferId === undefined) return undefined;
  const sentCents = dispute.returning?.[`${part}Cents`] ?? 0;
  return {
    transferId,
    sentCents,
    fromReleaseCents: part === 'builder' ? sentCents - fromTranches(order) : sentCents,
    reversedCents: side?.returnReversedCents ?? 0,
  };
}

type HeldOrder = Pick<Order, 'payouts' | 'pendingReversals' | 'dispute' | 'commission'>;

/**
 * The person's release and, after a won dispute, its return: what each holds on Stripe, the
 * release first. None before the release (a commission's tranches are `advancesHolding`).
 */
export function releaseHoldings(order: HeldOrder, part: Party): Holding[] {
  const payout = order.payouts[part];
  const releaseId = payout?.transferId;
  if (releaseId === undefined) return [];
  const released = payout?.releasedCents ?? 0;
  const reversed = payout?.reversedCents ?? 0;
  const back = returnOf(order, part);
  // The totals count reversals from the return as taken, and what the return gave back from the release as not taken.
  const release = {
    transferId: releaseId,
    holdsCents: released - reversed - (back ? back.fromReleaseCents - back.reversedCents : 0) - pendingOn(order, part, undefined),
  };
  return [release, ...returnHoldings(order, part)];
}

/** After a won dispute, the return transfer to the person: what it still holds. None before the win's return was made. */
export function returnHoldings(order: Pick<Order, 'dispute' | 'commission' | 'pendingReversals'>, part: Party): Holding[] {
  const back = returnOf(order, part);
  return back ? [{ transferId: back.transferId, holdsCents: back.sentCents - back.reversedCents - pendingOn(order, part, back.transferId) }] : [];
}

/** Whether a reversal from this transfer is one from the person's won-dispute return (counted on the dispute, not on a tranche). */
export function isReturnTransfer(order: Pick<Order, 'dispute'>, part: Party, transferId: string | undefined): boolean {
  if (transferId === undefined) return false;
  return order.dispute?.parts?.[part]?.returnTransferId === transferId;
}

/**
 * Whether a refund's take-back must wait for a won dispute's return: the refunded total
 * reaches into what the dispute took back (so the refund came after a win, Stripe refunding
 * nothing of a charge while it is disputed), and the win has not sent that money back yet.
 * Taken now, it would be asked of a release the dispute emptied, and turn into a debt.
 */
export function awaitsDisputeReturn(order: Pick<Order, 'dispute' | 'amountCents' | 'shippingCents'>, refundedCents: number): boolean {
  const dispute = order.dispute;
  if (!dispute?.takeBack || dispute.state === 'lost' || dispute.returnedAt !== undefined) return false;
  // The return went out but for parts held for a revoked account: a refund takes from those where they wait (heldReturnCents).
  if ((dispute.returnHeld ?? []).length > 0) return false;
  return refundedCents + dispute.amountCents > chargedCents(order);
}

/**
 * After a win, what the person's return still waits on C500 for, held because they revoked
 * C500's access (none once it is sent). A refund takes from it before any transfer: that
 * money never went out, so nothing is reversed for it.
 */
export function heldReturnCents(dispute: OrderDispute | undefined, part: Party): number {
  if (!dispute?.returning || dispute.returnedAt !== undefined || !(dispute.returnHeld ?? []).includes(part)) return 0;
  if (dispute.parts?.[part]?.returnTransferId !== undefined) return 0;
  return Math.max(0, dispute.returning[`${part}Cents`]);
}

/**
 * The dispute once a refund took `cents` of the person's held return: it sends that much less,
 * and counts it on the person's side. A part left with nothing stays held: the reconnection
 * ends the return (sending nothing), and a send already under way sees what was taken.
 */
export function takeFromHeldReturn(dispute: OrderDispute, part: Party, cents: number): OrderDispute {
  const taken = Math.min(cents, heldReturnCents(dispute, part));
  if (taken <= 0 || !dispute.returning) return dispute;
  const returning = { ...dispute.returning, [`${part}Cents`]: dispute.returning[`${part}Cents`] - taken };
  const side = dispute.parts?.[part];
  return { ...dispute, returning, parts: { ...dispute.parts, [part]: { ...side, heldTakenCents: (side?.heldTakenCents ?? 0) + taken } } };
}
