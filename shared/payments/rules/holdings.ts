/**
 * @module holdings
 * What each transfer of an order's money to one person (the builder, or a show's host) still
 * holds on Stripe: where a refund's reversal can take from. Each is the journal's fold of that
 * transfer (what it sent less what reversals took back from it, by its Stripe id), less the
 * reversals fixed on it and not yet answered. After a won dispute the release holds what the
 * dispute's reversal left it, and what the win sent back is a transfer of its own, which a
 * later refund takes from too.
 */
import { holdsOf, type JournalEntry } from '../../journal';
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

type HeldOrder = Pick<Order, 'payouts' | 'pendingReversals' | 'dispute' | 'currency'>;

/**
 * The person's release and, after a won dispute, its return: what each holds on Stripe, the
 * release first. None before the release (a commission's tranches are `advancesHolding`).
 * `entries` hold at least the order's own.
 */
export function releaseHoldings(order: HeldOrder, part: Party, entries: readonly JournalEntry[]): Holding[] {
  const releaseId = order.payouts[part]?.transferId;
  if (releaseId === undefined) return [];
  const release = { transferId: releaseId, holdsCents: holdsOf(entries, order.currency, releaseId) - pendingOn(order, part, undefined) };
  return [release, ...returnHoldings(order, part, entries)];
}

/** After a won dispute, the return transfer to the person: what it still holds. None before the win's return was made. */
export function returnHoldings(order: Pick<Order, 'dispute' | 'pendingReversals' | 'currency'>, part: Party, entries: readonly JournalEntry[]): Holding[] {
  const transferId = order.dispute?.parts?.[part]?.returnTransferId;
  if (transferId === undefined) return [];
  return [{ transferId, holdsCents: holdsOf(entries, order.currency, transferId) - pendingOn(order, part, transferId) }];
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
 * The dispute once a refund took `cents` of the person's held return: it sends that much less
 * (the refund's own journal entry says where the money went). A part left with nothing stays held: the reconnection
 * ends the return (sending nothing), and a send already under way sees what was taken.
 */
export function takeFromHeldReturn(dispute: OrderDispute, part: Party, cents: number): OrderDispute {
  const taken = Math.min(cents, heldReturnCents(dispute, part));
  if (taken <= 0 || !dispute.returning) return dispute;
  return { ...dispute, returning: { ...dispute.returning, [`${part}Cents`]: dispute.returning[`${part}Cents`] - taken } };
}
