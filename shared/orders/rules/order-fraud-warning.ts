/**
 * @module order-fraud-warning
 * An early fraud warning as an order keeps it, beside its status (the rules of what it does
 * are fraud-warning; every place that releases reads `releaseHold`).
 */

/** What C500 did on first seeing the warning, fixed then so every redelivery does the same. */
export const fraudOutcomes = ['refunded', 'held-for-review', 'after-release', 'after-refund'] as const;
export type FraudOutcome = (typeof fraudOutcomes)[number];

export interface OrderFraudWarning {
  /** Stripe's `issfr_…`. */
  warningId: string;
  fraudType: string;
  /** Stripe's newest view: false once the charge was refunded in full or disputed. */
  actionable: boolean;
  outcome: FraudOutcome;
  /** `created` of the newest event seen, so an older one never overwrites it. */
  seenAt: number;
  recordedAt: string;
  /** An admin reviewed a warning held for review and let the order's money go out without a refund (the dashboard's "release anyway"). */
  clearedBy?: { byUserId: string; byName: string; at: string };
}
