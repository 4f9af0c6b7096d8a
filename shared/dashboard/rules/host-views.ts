/**
 * @module host-views
 * A show host's cut as the dashboard shows it: how each lot's cut stands, from its order and
 * (when owed by hand) the payout record. Refunds lower what a payout record says is owed and
 * leave its status `owed`, so a record at nothing is read here as owed no more.
 */
import type { HostPayout } from '../../payments';
import type { Order } from '../../orders';

export type CutStatus = 'transferred' | 'owed by hand' | 'paid by hand' | 'none (refunded)' | 'held until proof' | 'not sold';

export type PayoutStanding = 'owed' | 'paid-by-hand' | 'nothing-owed';

/** Where a cut owed by hand stands: paid by hand, still owed, or brought to nothing by refunds (nothing to pay, nothing to mark). */
export function payoutStandingOf(payout: Pick<HostPayout, 'status' | 'amountCents'>): PayoutStanding {
  if (payout.status === 'paid-by-hand') return 'paid-by-hand';
  return payout.amountCents > 0 ? 'owed' : 'nothing-owed';
}

/** How a lot's cut stands, from its order and (when owed by hand) its payout record. */
export function cutStatusOf(order: Pick<Order, 'status' | 'payouts'>, payout: Pick<HostPayout, 'status' | 'amountCents'> | undefined): CutStatus {
  const via = order.payouts.host?.via;
  if (via === 'transfer') return 'transferred';
  if (via === 'manual') {
    if (!payout) return 'owed by hand';
    const standing = payoutStandingOf(payout);
    return standing === 'paid-by-hand' ? 'paid by hand' : standing === 'nothing-owed' ? 'none (refunded)' : 'owed by hand';
  }
  if (via === 'none') return 'none (refunded)';
  return order.status === 'awaiting-payment' || order.status === 'expired' ? 'not sold' : 'held until proof';
}
