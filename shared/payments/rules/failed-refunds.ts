/**
 * @module failed-refunds
 * What a charge's refunded total is once refunds known to have failed are taken out of it.
 *
 * `charge.refunded` carries the charge as it stood when the event was made: its
 * `amount_refunded` counts every refund that had succeeded by then. A refund that fails later
 * (`charge.refund.updated`, `status: failed`) comes back off the charge's total from then on
 * (the local Stripe does the same), so a snapshot counts a failed refund when it was taken
 * after the refund was made and before it failed. Stripe's clock is in whole seconds: a
 * snapshot in the same second as either end is taken to count it, so a refund known to have
 * failed is never counted (at worst, a refund given in the very second another failed is
 * counted at the next snapshot).
 */

/** A refund that failed after it succeeded, as the order records it (times in Stripe's Unix seconds; absent on older records). */
export interface FailedRefund {
  refundId: string;
  amountCents: number;
  reason: string;
  /** When C500 recorded it (ISO). */
  at: string;
  /** The refund's `created`. */
  refundCreated?: number;
  /** The `created` of the event that said it failed. */
  failedAt?: number;
}

/** One `charge.refunded` as it stood: the charge's `amount_refunded` and the event's `created`. */
export interface RefundSnapshot {
  amountRefundedCents: number;
  created: number;
}

/** Whether the snapshot counted this refund: taken after the refund was made and not after it failed (an older record: always). */
export const snapshotCounts = (snapshot: RefundSnapshot, failure: FailedRefund): boolean =>
  (failure.refundCreated ?? Number.NEGATIVE_INFINITY) <= snapshot.created && snapshot.created <= (failure.failedAt ?? Number.POSITIVE_INFINITY);

/** The snapshot's refunded total less every failed refund it counted; never below zero. */
export function stillRefundedCents(snapshot: RefundSnapshot, failures: readonly FailedRefund[]): number {
  const failed = failures.filter((f) => snapshotCounts(snapshot, f)).reduce((sum, f) => sum + f.amountCents, 0);
  return Math.max(0, snapshot.amountRefundedCents - failed);
}

/** Whether `next` is a later look at the charge than `kept`: made later, or in the same second with more refunded. */
export const laterSnapshot = (next: RefundSnapshot, kept: RefundSnapshot): boolean =>
  next.created > kept.created || (next.created === kept.created && next.amountRefundedCents > kept.amountRefundedCents);

/** Every failed refund recorded on any of the orders one charge paid, once each. */
export function failuresOnCharge(orders: ReadonlyArray<{ failedRefunds?: FailedRefund[] }>): FailedRefund[] {
  const byId = new Map<string, FailedRefund>();
  for (const order of orders) for (const failure of order.failedRefunds ?? []) byId.set(failure.refundId, failure);
  return [...byId.values()];
}
