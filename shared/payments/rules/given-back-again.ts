/**
 * @module given-back-again
 * A refund C500 made by itself (give-payment-back: a payment that came after its lot was gone)
 * that the buyer's bank sent back leaves the lot's part owed to its buyer (given-back-failed).
 * The usual cause is a closed card, and Stripe takes a new refund of the charge for what came
 * back unless the charge was charged back: an admin's `/c500 refund` gives it again, through the
 * same machinery as any refund given (give-refund), for exactly what is owed, under one key per
 * failed refund, so a redelivered command or a second press refunds once. A give-back Stripe
 * refused outright (paged `paid-after-expiry`: the money stayed held, nothing failed at the bank)
 * is given back the same way, out of what the lot holds, under one key per attempt.
 */
import { entryOf, heldFor, post, type JournalEntry } from '../../journal';
import { refundEntry, refusedGiveBack, type GivenRefund, type Order, type Refunds } from '../../orders';
import { owedToBuyerOf } from './owed-to-buyer';

/** A lot C500 gave a payment back for: expired, with the late payment's charge named on it. */
export const paidLate = (order: Pick<Order, 'status' | 'chargeId'>): boolean => order.status === 'expired' && order.chargeId !== undefined;

/** A lot whose give-back failed at the bank: what `/c500 refund` gives again (an admin's call: nothing of it was ever the builder's); one Stripe refused outright is found by its journal (giveBackAgain). */
export const holdsFailedGiveBack = (order: Pick<Order, 'status' | 'chargeId' | 'failedRefunds'>): boolean =>
  paidLate(order) && (order.failedRefunds ?? []).length > 0;

/** Stripe's `metadata.reason` on a refund given again: should it fail too, the failure is the lot's alone (given-back-failed). */
export const givenBackAgainReason = 'given-back-again';

/** The key the lot's failed refund `failedRefundId` is given again under: one per lot and failure, whoever presses, however often. */
export const givenBackAgainKey = (orderId: string, failedRefundId: string): string => `refund:${orderId}:again:${failedRefundId}`;

/** The key a lot whose give-back Stripe refused outright is given back under: one per attempt (a refusal may not stand: a dispute won since). */
export const heldGiveBackKey = (orderId: string, attempt: number): string => `refund:${orderId}:again:held:${attempt}`;

export type GiveBackAgain =
  { ok: true; idempotencyKey: string; amountCents: number; givesBack: string } | { ok: false; refusal: 'nothing-owed' | 'not-exact'; owedCents: number };

/**
 * What giving the lot's money back again refunds: all its buyer is owed, as the journal has it
 * (the lot's part of the last refund that failed; nothing once an admin recorded them paid back
 * another way), and what the lot still holds for them (its give-back Stripe refused outright,
 * the money never left). An amount typed must be that amount.
 */
export function giveBackAgain(
  order: Pick<Order, 'orderId' | 'currency' | 'failedRefunds' | 'givenRefunds'>,
  entries: readonly JournalEntry[],
  askedCents?: number,
): GiveBackAgain {
  const failed = (order.failedRefunds ?? []).at(-1);
  const owedCents = Math.max(0, owedToBuyerOf(entries, order.currency, order.orderId));
  const heldCents = Math.max(0, heldFor(entries, order.currency, order.orderId));
  const dueCents = owedCents + heldCents;
  if (dueCents <= 0) return { ok: false, refusal: 'nothing-owed', owedCents: 0 };
  if (askedCents !== undefined && askedCents !== dueCents) return { ok: false, refusal: 'not-exact', owedCents: dueCents };
  if (failed && owedCents > 0)
    return { ok: true, idempotencyKey: givenBackAgainKey(order.orderId, failed.refundId), amountCents: dueCents, givesBack: failed.refundId };
  const attempt = (order.givenRefunds ?? []).filter((r) => r.givesBack === refusedGiveBack).length + 1;
  return { ok: true, idempotencyKey: heldGiveBackKey(order.orderId, attempt), amountCents: dueCents, givesBack: refusedGiveBack };
}

/**
 * The entries of a refund given again that Stripe made: what was owed to the buyer comes back
 * into the lot's held money and leaves it as a refund, as the refund that failed did, so the
 * lot's refunded total is the journal's as for any refund and a failure of this one too finds
 * it (given-back-failed). None when written already (a second press answered too) or when this
 * refund failed before its answer came: the money is then still owed.
 */
export function givenBackAgainEntries(
  order: Pick<Order, 'orderId' | 'guildId' | 'currency' | 'chargeId' | 'failedRefunds'> & Refunds,
  entries: readonly JournalEntry[],
  refund: GivenRefund,
  at: string,
): JournalEntry[] {
  const refundId = refund.refundId;
  if (refundId === undefined || (order.failedRefunds ?? []).some((f) => f.refundId === refundId)) return [];
  const entryId = `owed-to-buyer:${order.orderId}:again:${refundId}`;
  if (entries.some((e) => e.entryId === entryId)) return [];
  const cents = refund.amountCents;
  // What was owed comes back into the held money first; what the lot still held (a give-back Stripe refused) is there already.
  const owed = Math.min(cents, Math.max(0, owedToBuyerOf(entries, order.currency, order.orderId)));
  const back = entryOf({ entryId, kind: 'owed-to-buyer', at, guildId: order.guildId, currency: order.currency, orderId: order.orderId }, [
    post.buyer(order.orderId, owed),
    post.held(order.orderId, -owed),
  ]);
  const out = refundEntry(order, order.refundedCents + cents, refundId, at);
  return [back, out].filter((e): e is JournalEntry => e !== undefined);
}
