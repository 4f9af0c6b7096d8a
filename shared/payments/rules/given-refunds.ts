/**
 * @module given-refunds
 * `/c500 refund`: who may give one, how much is left to give, and the key each refund is
 * asked of Stripe under. Stripe's `charge.refunded` stays the one writer of an order's
 * refunded total; a given refund only reserves its amount until that total holds it.
 */
import { clip } from '../../discord';
import { parseAmount, visibleText } from '../../common';
import type { GivenRefund, Order, Refunds } from '../../orders';
import { holdsFailedGiveBack, paidLate } from './given-back-again';

export const maxRefundReasonLength = 200;

/** The command's options as typed; the amount in major units, read in the order's currency. */
export type RefundForm = { ok: true; amountCents?: number; reason?: string } | { ok: false; amountProblem: string };

/** No amount is the whole of what is left; an amount obeys the rules of every typed amount (zero-decimal currencies too). */
export function readRefundForm(options: Record<string, string | number | boolean>, currency: string): RefundForm {
  const amount = options.amount === undefined ? undefined : parseAmount(options.amount as number | string, currency);
  if (amount && !amount.ok) return { ok: false, amountProblem: amount.reason };
  // Echoed to the buyer: visible text only, cut rather than refused (Discord's option already stops at 200).
  const reason = typeof options.reason === 'string' ? visibleText(options.reason) : undefined;
  return { ok: true, ...(amount ? { amountCents: amount.cents } : {}), ...(reason ? { reason: clip(reason, maxRefundReasonLength) } : {}) };
}

/** Who asks: their id, and whether they hold the admin permission in the interaction's server. */
export interface RefundAsker {
  userId: string;
  guildId: string;
  isAdmin: boolean;
}

export type RefundRefusal = 'not-found' | 'not-yours' | 'not-paid' | 'refunded' | 'ask-admin' | 'disputed' | 'admin-gives-back';

/**
 * Why this person may not refund this order now, if they may not. An order of another
 * server is not found (its existence is nobody's business there); once the builder's money
 * went out, taking it back is an admin's call.
 */
export function refundRefusal(order: Order | undefined, asker: RefundAsker): RefundRefusal | undefined {
  if (!order || order.guildId !== asker.guildId) return 'not-found';
  if (order.builderId !== asker.userId && !asker.isAdmin) return 'not-yours';
  if (order.status === 'refunded') return 'refunded';
  // A lot C500 gave a late payment back for, whose refund failed at the bank: nothing was sold, so only an admin gives it again.
  if (holdsFailedGiveBack(order)) return asker.isAdmin ? undefined : 'admin-gives-back';
  // One whose give-back Stripe refused outright holds the buyer's money: an admin gives it back (the journal says how much, if any).
  if (paidLate(order) && asker.isAdmin) return undefined;
  // A closed order's charge may still hold money (a late cancel leaves what its steps were paid): an admin may refund it.
  if (!['paid', 'building', 'shipped', 'closed'].includes(order.status) || !order.chargeId) return 'not-paid';
  // The bank is deciding (or gave the buyer their money back): a refund too would pay them twice, and Stripe refuses it.
  if (order.dispute && order.dispute.state !== 'won') return 'disputed';
  if (isReleased(order) && !asker.isAdmin) return 'ask-admin';
  return undefined;
}

/** The builder's share (or a show host's cut) went out, or is on its way. */
export function isReleased(order: Order): boolean {
  const { builder, host } = order.payouts;
  return builder.transferId !== undefined || Boolean(builder.releasing) || host?.via !== undefined;
}

/** What the buyer paid for this order: the item and, when it was charged, its shipping. */
export function chargedCents(order: Pick<Order, 'amountCents' | 'shippingCents'>): number {
  return order.amountCents + (order.shippingCents ?? 0);
}

/**
 * Whether a given refund still stands for money on its way to the buyer: not refused, and not
 * failed later (`charge.refund.updated`): a failed refund's amount is back on the platform's
 * balance and off the charge's refunded total, so it holds none of what is left to refund and
 * the refund can be given again.
 */
const reserving = (refund: GivenRefund, order: Pick<Order, 'failedRefunds'>) =>
  refund.refusal === undefined && !(order.failedRefunds ?? []).some((f) => f.refundId === refund.refundId);

/**
 * Whether the refunded total the order last took from `charge.refunded` holds this refund:
 * Stripe's total only grows, so a total at least as high as the one in the refund's own
 * answer holds it. One not answered yet is held by none (it reserves until it is).
 */
function heldByTotal(refund: GivenRefund, appliedTotalCents: number): boolean {
  // Not answered yet: no total holds it.
  return (refund.chargeRefundedCents ?? Number.POSITIVE_INFINITY) <= appliedTotalCents;
}

/**
 * What may still be refunded: what was charged, less the refunded total Stripe told us, less
 * given refunds that total does not hold yet. A lot paid with others in one charge compares
 * with the charge's total its part was last spread from.
 */
export function refundableCents(order: Order & Refunds): number {
  const appliedTotal = order.showCheckoutId !== undefined ? (order.chargeRefundedCents ?? 0) : order.refundedCents;
  const unheld = (order.givenRefunds ?? []).filter((r) => reserving(r, order) && !heldByTotal(r, appliedTotal)).reduce((sum, r) => sum + r.amountCents, 0);
  return Math.max(0, chargedCents(order) - order.refundedCents - unheld);
}

export type RefundAmount = { ok: true; amountCents: number } | { ok: false; refusal: 'nothing-left' | 'too-much'; leftCents: number };

/** The amount asked for (or, with none, all that is left), if it fits in what is left. */
export function refundAmount(order: Order & Refunds, askedCents: number | undefined): RefundAmount {
  const leftCents = refundableCents(order);
  if (leftCents === 0) return { ok: false, refusal: 'nothing-left', leftCents };
  if ((askedCents ?? 0) > leftCents) return { ok: false, refusal: 'too-much', leftCents };
  return { ok: true, amountCents: askedCents ?? leftCents };
}

/** The n-th refund given on an order is asked of Stripe under this key, whoever retries it. */
export function givenRefundKey(orderId: string, n: number): string {
  return `refund:${orderId}:${n}`;
}

/** The refund this interaction gave (its redelivery replays it instead of giving another). */
export function refundOf(order: Pick<Order, 'givenRefunds'>, interactionId: string): GivenRefund | undefined {
  return order.givenRefunds?.find((r) => r.byInteraction === interactionId);
}

/**
 * A lot's own given refunds a charge's refunded total holds, for spreading that total over
 * the lots it paid: answered ones the total holds, and ones still being asked (a
 * `charge.refunded` can arrive before the answer it results from; its total holds them).
 */
export function givenRefundsHeld(order: Pick<Order, 'givenRefunds' | 'failedRefunds'>, chargeRefundedCents: number): number {
  return (order.givenRefunds ?? [])
    .filter((r) => reserving(r, order) && (r.chargeRefundedCents === undefined || r.chargeRefundedCents <= chargeRefundedCents))
    .reduce((sum, r) => sum + r.amountCents, 0);
}

/** What the given refunds add up to: when they hold a whole refund, its command told the buyer already. */
export function givenRefundsTotal(order: Pick<Order, 'givenRefunds' | 'failedRefunds'>): number {
  return (order.givenRefunds ?? []).filter((r) => reserving(r, order)).reduce((sum, r) => sum + r.amountCents, 0);
}
