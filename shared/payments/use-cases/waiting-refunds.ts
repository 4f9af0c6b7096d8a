/**
 * @module waiting-refunds
 * A refund that arrives before the payment it refunds (a merch sale not yet recorded, an
 * order whose payment event is still on its way) waits under a key the payment will also
 * know; the payment takes what waited in the transaction that records it, so the order in
 * which Stripe or a shop delivers the two never decides what is kept.
 */
import type { Transaction } from '../../ports';
import { saleKey, saleRefundPath, waitingRefundsPath, type RefundEvent, type SaleRefundRecord } from '../rules/refunds';
import type { FailedRefund } from '../../orders';

/**
 * Whether the payment a refund would wait for has landed meanwhile, read inside the
 * transaction that would park the refund: a payment that commits between the caller's look
 * and this transaction is then seen here (or conflicts with it), never missed by both.
 */
export type PaymentArrived = (tx: Transaction) => Promise<boolean>;

/** Keeps a refund whose payment has not arrived, under the key the payment will look for. */
export function waitForPayment(tx: Transaction, refund: RefundEvent, waitKey: string, at: string): void {
  const refundKey = saleKey(refund.shop, refund.refundId);
  tx.create(saleRefundPath(refund.shop, refund.refundId), {
    refundKey,
    shop: refund.shop,
    eventId: refund.eventId,
    refundedAt: refund.refundedAt,
    waitKey,
    waiting: true,
    recordedAt: at,
  });
  tx.set(waitingRefundsPath(waitKey), { waitKey, refunds: { [refundKey]: refund } }, { merge: true });
}

/** The refunds that waited for a payment, oldest first, and how the payment settles them. */
export interface WaitingForPayment {
  refunds: RefundEvent[];
  /** Stripe refunds that failed before the payment arrived, oldest first. */
  failures: FailedRefund[];
  /** Records what the payment made of each refund, and lets the wait go: call after every read of the transaction. */
  settle(tx: Transaction, applied: (refund: RefundEvent) => Partial<SaleRefundRecord>): void;
}

/**
 * Keeps a Stripe refund that failed before its order was paid, under the key the payment will
 * look for; a redelivery replaces itself.
 */
export function failureBeforePayment(tx: Transaction, waitKey: string, failure: FailedRefund): void {
  tx.set(waitingRefundsPath(waitKey), { waitKey, failedRefunds: { [failure.refundId]: failure } }, { merge: true });
}

/** Reads, in the payment's transaction, what waited under `waitKey`. */
export async function takeWaitingRefunds(tx: Transaction, waitKey: string): Promise<WaitingForPayment> {
  const waiting = await tx.get(waitingRefundsPath(waitKey));
  const refunds = Object.values(waiting?.refunds ?? {}).sort((a, b) => a.refundedAt.localeCompare(b.refundedAt));
  const failures = Object.values(waiting?.failedRefunds ?? {}).sort((a, b) => a.at.localeCompare(b.at));
  return {
    refunds,
    failures,
    settle(writes, applied) {
      if (!waiting) return;
      for (const refund of refunds) writes.set(saleRefundPath(refund.shop, refund.refundId), { ...applied(refund), waiting: false }, { merge: true });
      writes.delete(waitingRefundsPath(waitKey));
    },
  };
}
