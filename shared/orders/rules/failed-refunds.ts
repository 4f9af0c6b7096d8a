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
 * That knowledge comes from C500's own refunds. A refund C500 gives is written down before
 * Stripe is asked, so Stripe made it after every failure C500 had recorded by then, and any
 * look at the charge taken after it was made `reflects` those failures (their amounts are off
 * its total already) and counts none of them, whatever the seconds say. Two looks are known
 * to be after it:
 * - Stripe's answer (the charge's total right after the refund, in the refund's `created`
 *   second), and any look of the same state of the charge: the same second, the same total.
 *   A `charge.refunded` that agrees with a look kept takes over what it reflects; of two such
 *   looks the one that reflects more is the later.
 * - A look that could not have come before it: its total less every failure it would count,
 *   plus the refund, passes the charge's amount (Stripe never refunds more than was paid).
 *   One not answered yet is taken to have been made: Stripe refuses it only over something
 *   C500 had not heard of yet.
 * So a failure and a refund C500 gave after it in the same Stripe second are counted exactly,
 * whichever of Stripe's event and C500's record of its answer comes first.
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
export function withKnowledge(next: RefundSnapshot, kept: RefundSnapshot): RefundSnapshot {
  if (!sameLook(next, kept)) return next;
  const reflects = [...new Set([...(next.reflects ?? []), ...(kept.reflects ?? [])])];
  return reflects.length > 0 ? { ...next, reflects } : next;
}

/** Every failed refund recorded on any of the orders one charge paid, once each. */
export function failuresOnCharge(orders: ReadonlyArray<{ failedRefunds?: FailedRefund[] }>): FailedRefund[] {
  const byId = new Map<string, FailedRefund>();
  for (const order of orders) for (const failure of order.failedRefunds ?? []) byId.set(failure.refundId, failure);
  return [...byId.values()];
}

/** A refund C500 gave on an order of the charge, as the order keeps it (see `GivenRefund`). */
export interface GivenOnCharge {
  amountCents: number;
  /** When it was written down (ISO), before Stripe was first asked. */
  askedAt: string;
  refusal?: string;
  chargeRefundedCents?: number;
  chargeRefundedAt?: number;
}

/** What the orders of one charge know: the looks they hold, the refunds given and failed on them. */
export interface KnownOnCharge {
  refundSnapshot?: RefundSnapshot;
  givenRefunds?: readonly GivenOnCharge[];
  failedRefunds?: FailedRefund[];
}

/** The failed refunds recorded by the time a refund was written down: Stripe made it after each of them had failed. */
export const failedBefore = (given: GivenOnCharge, failures: readonly FailedRefund[]): string[] =>
  failures.filter((f) => Date.parse(f.at) <= Date.parse(given.askedAt)).map((f) => f.refundId);

/**
 * `next` with all that the orders of its charge know of it. What a look of the same state
 * reflects: the looks they hold, and Stripe's answers to the refunds C500 gave. And, given the
 * charge's amount, what a refund C500 gave shows: had the look been taken before that refund
 * was made, the refund would not have fitted in the charge (its total less every failure it
 * counts, plus the refund, passes the charge), so it was taken after, and counts none of the
 * failures recorded before the refund was written down. A refund still unanswered is taken to
 * have been made (Stripe refuses one only for something C500 had not heard of yet).
 */
export function knownSnapshot(next: RefundSnapshot, orders: readonly KnownOnCharge[], chargeCents?: number): RefundSnapshot {
  const failures = failuresOnCharge(orders);
  const given = orders.flatMap((order) => order.givenRefunds ?? []).filter((g) => g.refusal === undefined);
  const looks = [...orders.flatMap((order) => (order.refundSnapshot ? [order.refundSnapshot] : [])), ...given.flatMap((g) => answeredLook(g, failures))];
  const known = looks.reduce(withKnowledge, next);
  if (chargeCents === undefined) return known;
  const still = stillRefundedCents(known, failures);
  const madeBefore = given.filter((g) => still + g.amountCents > chargeCents).flatMap((g) => failedBefore(g, failures));
  return withKnowledge(known, { ...known, reflects: madeBefore });
}

/** Stripe's answer to a refund as a look at the charge, when it was answered in a known second. */
const answeredLook = (given: GivenOnCharge, failures: readonly FailedRefund[]): RefundSnapshot[] =>
  given.chargeRefundedCents !== undefined && given.chargeRefundedAt !== undefined
    ? [{ amountRefundedCents: given.chargeRefundedCents, created: given.chargeRefundedAt, reflects: failedBefore(given, failures) }]
    : [];
