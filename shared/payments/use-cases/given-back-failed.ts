/**
 * @module given-back-failed
 * A refund C500 made by itself (give-payment-back: a payment that came after its checkout
 * expired, or after a show lot moved on) that the buyer's bank later sends back
 * (`charge.refund.updated`, `failed`). Nothing was sold, so the lot stays expired: it records the
 * failure (its `given-back-failed` fact), its part of the refund comes back into its held money
 * and moves on to the buyer's `owed-to-buyer` account, never the platform's fee, where the
 * reconciliation lists it until an admin gives it again with `/c500 refund` (given-back-again)
 * or records how the buyer was paid. Once per refund and lot, whatever redelivers it. A refund
 * given again that fails too is the one lot's it named, and is owed again.
 *
 * Its failure may come before the refund is journaled (a crash between Stripe's answer and the
 * journal, the failure delivered before the payment's redelivery): the lot's whole part is then
 * still held, give-payment-back never counts it refunded (it finds the failure known), and the
 * part is owed to the buyer all the same.
 */
import { chargedCents, orderPath, refundEntry, applyOrderFact, type FailedRefund, type Order } from '../../orders';
import { JournalRead, withJournal } from '../../journal';
import type { MoneyNeedsHumanReason } from '../../money-needs-human';
import { givenBackOwedEntry } from '../rules/owed-to-buyer';
import { paidLate } from '../rules/given-back-again';
import type { PaymentDeps } from './payment-deps';

/** The reasons give-payment-back writes on its refunds (Stripe's `metadata.reason`). */
export const givenBackReasons: readonly MoneyNeedsHumanReason[] = ['paid-after-expiry', 'paid-orders-not-waiting'];

/**
 * Records the failure on each lot; answers the lots that learnt of it now (none on a redelivery).
 * `givenAgain`: the refund was an admin's giving again of an earlier failure (given-back-again),
 * which moved the lot's part from what was owed to the buyer only once journaled.
 */
export async function givenBackFailed(deps: PaymentDeps, lotIds: readonly string[], failure: Omit<FailedRefund, 'at'>, givenAgain = false): Promise<Order[]> {
  const recorded: Order[] = [];
  for (const lotId of lotIds) {
    const lot = await recordOnLot(deps, lotId, failure, givenAgain);
    if (lot) recorded.push(lot);
  }
  return recorded;
}

async function recordOnLot(deps: PaymentDeps, lotId: string, failure: Omit<FailedRefund, 'at'>, givenAgain: boolean): Promise<Order | undefined> {
  return deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(lotId));
    if (!order || !paidLate(order) || (order.failedRefunds ?? []).some((f) => f.refundId === failure.refundId)) return undefined;
    const at = deps.clock.now().toISOString();
    const { order: before, entries } = await withJournal(tx, order);
    // What this refund gave back of the lot, as journaled; not journaled yet: its whole part, still held
    // (a refund given again not journaled yet never took its part from what is owed to the buyer: still owed, nothing moves).
    const given = entries.filter((e) => e.kind === 'refund' && e.entryId.startsWith(`refund:${lotId}:${failure.refundId}:`));
    const journaledCents = given.flatMap((e) => e.postings).reduce((sum, p) => sum + (p.account === 'held' && p.orderId === lotId ? p.amountCents : 0), 0);
    const partCents = given.length > 0 ? journaledCents : givenAgain ? 0 : chargedCents(order);
    const back = given.length > 0 ? refundEntry(before, before.refundedCents - journaledCents, failure.refundId, at) : undefined;
    applyOrderFact(
      tx,
      order,
      { kind: 'given-back-failed', failure: { ...failure, at } },
      { read: JournalRead.ofOrders([lotId], entries), entries: [back, givenBackOwedEntry(order, failure.refundId, partCents, at)] },
    );
    return order;
  });
}
