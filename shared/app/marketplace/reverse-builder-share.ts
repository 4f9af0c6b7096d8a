/**
 * @module reverse-builder-share
 * A refund after the release leaves the platform out of pocket for the builder's part:
 * that part (the share in proportion to what was refunded) is taken back with a Transfer
 * Reversal, once per refunded total however often Stripe delivers the event. When Stripe
 * refuses (the builder's balance is already paid out), the part is recorded as the
 * builder's debt on the order instead, for the platform to settle.
 */
import type { DocumentStore, Payments } from '../../ports';
import { builderPartOfRefund, orderPath } from '../../domain/marketplace/order';
import { PaymentRefused } from '../../errors';
import { log } from '../../log';

export async function reverseBuilderShare(deps: { store: DocumentStore; payments: Payments }, orderId: string, refundedCents: number): Promise<void> {
  const order = await deps.store.get(orderPath(orderId));
  const covered = order?.refundCoveredCents ?? 0;
  // Not released yet (the release sends only what is left), or an older total arriving late.
  if (!order?.transferId || typeof covered !== 'number' || refundedCents <= covered) return;
  const dueCents = builderPartOfRefund(order, refundedCents) - builderPartOfRefund(order, covered);
  let outcome: { reversedCents: number } | { debtCents: number } = { reversedCents: 0 };
  if (dueCents > 0) {
    try {
      // Keyed by the refunded total: a redelivery makes the same reversal, a further refund its own.
      await deps.payments.reverseTransfer({
        idempotencyKey: `reverse:${orderId}:${refundedCents}`,
        transferId: order.transferId,
        amountCents: dueCents,
        metadata: { order_id: orderId, refunded_cents: String(refundedCents) },
      });
      outcome = { reversedCents: dueCents };
    } catch (error) {
      if (!(error instanceof PaymentRefused)) throw error;
      log.warn('Stripe refused to reverse a released transfer; recorded as the builder’s debt', { orderId, dueCents, error });
      outcome = { debtCents: dueCents };
    }
  }
  await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(orderId));
    if (!current || (current.refundCoveredCents ?? 0) >= refundedCents) return;
    tx.update(orderPath(orderId), {
      refundCoveredCents: refundedCents,
      ...('reversedCents' in outcome
        ? { reversedCents: (current.reversedCents ?? 0) + outcome.reversedCents }
        : { builderDebtCents: (current.builderDebtCents ?? 0) + outcome.debtCents }),
    });
  });
}
