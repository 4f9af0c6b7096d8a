/**
 * @module host-views
 * A show host's cut as the dashboard shows it: how each lot's cut stands, from its order and
 * (when owed by hand) the payout record.
 */
import type { HostPayout, Order } from '../../payments';

export type CutStatus = 'transferred' | 'owed by hand' | 'paid by hand' | 'none (refunded)' | 'held until proof' | 'not sold';

/** How a lot's cut stands, from its order and (when owed by hand) its payout record. */
export function cutStatusOf(order: Pick<Order, 'status' | 'hostPayout'>, payout: Pick<HostPayout, 'status'> | undefined): CutStatus {
  if (order.hostPayout === 'transfer') return 'transferred';
  if (order.hostPayout === 'manual') return payout?.status === 'paid-by-hand' ? 'paid by hand' : 'owed by hand';
  if (order.hostPayout === 'none') return 'none (refunded)';
  return order.status === 'awaiting-payment' || order.status === 'expired' ? 'not sold' : 'held until proof';
}
