/**
 * @module reverse-host-share
 * A refund after the release of a show lot takes back the host's part too, in proportion
 * to the cut, as the builder's part is (reverse-builder-share): a Transfer Reversal keyed by
 * the refunded total, once however often Stripe delivers the event; the host's debt when
 * Stripe refuses it. A cut still owed by hand is simply owed less.
 */
import type { DocumentStore, Payments } from '../../ports';
import { orderPath } from '../../domain/marketplace/order';
import { hostPayoutPath } from '../../domain/shows/host-payout';
import { hostPartOfRefund } from '../../domain/shows/show-money';
import { PaymentRefused } from '../../errors';
import { log } from '../../log';

type Outcome = { reversedCents: number } | { debtCents: number } | { owedLessCents: number };

export async function reverseHostShare(deps: { store: DocumentStore; payments: Payments }, orderId: string, refundedCents: number): Promise<void> {
  const order = await deps.store.get(orderPath(orderId));
  const covered = order?.hostRefundCoveredCents ?? 0;
  // No cut, nothing released to the host yet (the release sends only what is left), or an older total arriving late.
  if (!order || (order.hostPayout !== 'transfer' && order.hostPayout !== 'manual') || refundedCents <= covered) return;
  const dueCents = hostPartOfRefund(order, refundedCents) - hostPartOfRefund(order, covered);
  let outcome: Outcome = { reversedCents: 0 };
  if (dueCents > 0 && order.hostPayout === 'manual') outcome = { owedLessCents: dueCents };
  else if (dueCents > 0 && order.hostTransferId) {
    try {
      await deps.payments.reverseTransfer({
        idempotencyKey: `reverse-host:${orderId}:${refundedCents}`,
        transferId: order.hostTransferId,
        amountCents: dueCents,
        metadata: { order_id: orderId, host_id: order.hostId ?? '', refunded_cents: String(refundedCents) },
      });
      outcome = { reversedCents: dueCents };
    } catch (error) {
      if (!(error instanceof PaymentRefused)) throw error;
      log.warn('Stripe refused to reverse a host’s transfer; recorded as the host’s debt', { orderId, dueCents, error });
      outcome = { debtCents: dueCents };
    }
  }
  await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(orderId));
    const payout = 'owedLessCents' in outcome ? await tx.get(hostPayoutPath(orderId)) : undefined;
    if (!current || (current.hostRefundCoveredCents ?? 0) >= refundedCents) return;
    tx.update(orderPath(orderId), {
      hostRefundCoveredCents: refundedCents,
      ...('reversedCents' in outcome ? { hostReversedCents: (current.hostReversedCents ?? 0) + outcome.reversedCents } : {}),
      ...('debtCents' in outcome ? { hostDebtCents: (current.hostDebtCents ?? 0) + outcome.debtCents } : {}),
    });
    if (payout && 'owedLessCents' in outcome) tx.update(hostPayoutPath(orderId), { amountCents: Math.max(0, payout.amountCents - outcome.owedLessCents) });
  });
}
