/**
 * @module host-views
 * A show host's cut as the dashboard shows it: how each lot's cut stands, from its order and
 * (when owed by hand) the payout record. Refunds lower what a payout record says is owed and
 * leave its status `owed`, so a record at nothing is read here as owed no more.
 */
import type { HostPayout } from '../../payments';
import type { Order } from '../../orders';
import type { Counted } from './earnings-chart';

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
  // A lot refunded before its cut was ever set (a fraud warning refunds it at once) has no cut coming: never "held".
  if (via === 'none' || order.status === 'refunded') return 'none (refunded)';
  return order.status === 'awaiting-payment' || order.status === 'expired' ? 'not sold' : 'held until proof';
}

/**
 * What went out to the host for a lot, as the journal has it: what transfers sent, what an
 * admin paid by hand and what paid the host's debt instead; undefined while nothing did (a cut
 * held until proof, or owed by hand and not yet paid).
 */
export function hostSentCents(order: Counted<Pick<Order, 'payouts'>>): number | undefined {
  const { sentCents, paidByHandCents, nettedCents } = order.money.host;
  const out = sentCents + paidByHandCents + nettedCents;
  return out > 0 || order.payouts.host?.via === 'transfer' ? out : undefined;
}
