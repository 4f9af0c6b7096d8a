/**
 * @module failed-refunds
 * What a charge's refunded total is once refunds known to have failed are taken out of it.
 *
 * `charge.refunded` carries the charge as it stood when the event was made: its
 * `amount_refunded` counts every refund that had succeeded by then. A refund that fails later
 * (`charge.refund.updated`, `status: failed`) comes back off the charge's total from then on
 * (the local Stripe does the same), so a snapshot counts a failed refund when it was taken
 * after the refund was made and before it failed. Stripe's clock is in whole seconds: a
 * snapshot in the same second as either end is taken to count it, unless it is known not to.
 *
 * That knowledge comes from C500's own refunds: Stripe's answer to a refund C500 asks for
 * carries the charge's refunded total right after it, a look taken after every failure C500
 * had recorded when it asked, kept on the given refund. That look `reflects` those failures
 * (their amounts are already off its total), and counts none of them whatever the seconds say. Two looks in the same
 * second with the same total are one state of the charge: a `charge.refunded` that agrees with
 * the kept look takes over what it reflects, and between the two the one that reflects more
 * is the later. So a failure and a refund C500 gave after it in the same Stripe second are
 * counted exactly, whichever of Stripe's event and C500's record of its answer comes first.
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

/**
 * One look at the charge as it stood: a `charge.refunded` (its `amount_refunded`, the event's
 * `created`) or Stripe's answer to a refund C500 asked for (the charge's total in it, the
 * refund's `created`).
 */
export interface RefundSnapshot {
  amountRefundedCents: number;
  created: number;
  /** Failed refunds known to be off its total already (recorded before C500 asked for the refund it answered). */
  reflects?: string[];
}

/**
 * Whether the snapshot counted this refund: one it reflects, never; otherwise taken after the
 * refund was made and not after it failed (an older record: always).
 */
export const snapshotCounts = (snapshot: RefundSnapshot, failure: FailedRefund): boolean =>
  !(snapshot.reflects ?? []).includes(failure.refundId) &&
  (failure.refundCreated ?? Number.NEGATIVE_INFINITY) <= snapshot.created &&
  snapshot.created <= (failure.failedAt ?? Number.POSITIVE_INFINITY);

/** The snapshot's refunded total less every failed refund it counted; never below zero. */
export function stillRefundedCents(snapshot: RefundSnapshot, failures: readonly FailedRefund[]): number {
  const failed = failures.filter((f) => snapshotCounts(snapshot, f)).reduce((sum, f) => sum + f.amountCents, 0);
  return Math.max(0, snapshot.amountRefundedCents - failed);
}

/**
 * Whether `next` is a later look at the charge than `kept`: made later, or in the same second
 * with more refunded, or with as much and more failures known to be off it.
 */
export const laterSnapshot = (next: RefundSnapshot, kept: RefundSnapshot): boolean =>
  next.created > kept.created ||
  (next.created === kept.created &&
    (next.amountRefundedCents > kept.amountRefundedCents ||
      (next.amountRefundedCents === kept.amountRefundedCents && (next.reflects ?? []).length > (kept.reflects ?? []).length)));

/** Two looks at one state of the charge: the same second, the same total. */
const sameLook = (a: RefundSnapshot, b: RefundSnapshot): boolean => a.created === b.created && a.amountRefundedCents === b.amountRefundedCents;

/**
 * `next` with what `kept` is known to reflect, when both are one state of the charge (so a
 * `charge.refunded` after C500's record of its refund's answer keeps that knowledge); else
 * `next` as it is.
 */
export function withKnowledge(next: RefundSnapshot, kept: RefundSnapshot | undefined): RefundSnapshot {
  if (!kept || !sameLook(next, kept)) return next;
  const reflects = [...new Set([...(next.reflects ?? []), ...(kept.reflects ?? [])])];
  return reflects.length > 0 ? { ...next, reflects } : next;
}

/** Every failed refund recorded on any of the orders one charge paid, once each. */
export function failuresOnCharge(orders: ReadonlyArray<{ failedRefunds?: FailedRefund[] }>): FailedRefund[] {
  const byId = new Map<string, FailedRefund>();
  for (const order of orders) for (const failure of order.failedRefunds ?? []) byId.set(failure.refundId, failure);
  return [...byId.values()];
}

/** What C500 kept of Stripe's answer to a refund it asked for (see `GivenRefund`). */
export interface AnsweredRefund {
  chargeRefundedCents?: number;
  chargeRefundedAt?: number;
  reflects?: string[];
}

/**
 * `next` with all that the orders of its charge know of the same state of the charge: the
 * looks they hold and Stripe's answers to the refunds C500 gave on them.
 */
export function knownSnapshot(
  next: RefundSnapshot,
  orders: ReadonlyArray<{ refundSnapshot?: RefundSnapshot; givenRefunds?: readonly AnsweredRefund[] }>,
): RefundSnapshot {
  const looks = orders.flatMap((order) => [...(order.refundSnapshot ? [order.refundSnapshot] : []), ...(order.givenRefunds ?? []).flatMap(answeredLook)]);
  return looks.reduce(withKnowledge, next);
}

/** Stripe's answer to a refund as a look at the charge, when it was answered in a known second. */
const answeredLook = (refund: AnsweredRefund): RefundSnapshot[] =>
  refund.chargeRefundedCents !== undefined && refund.chargeRefundedAt !== undefined
    ? [{ amountRefundedCents: refund.chargeRefundedCents, created: refund.chargeRefundedAt, reflects: refund.reflects ?? [] }]
    : [];
