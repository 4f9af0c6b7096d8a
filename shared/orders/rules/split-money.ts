/**
 * @module split-money
 * How a show lot's price is split, and how refunds come back out of it. The buyer pays the
 * platform; at release the builder and the host each get a transfer from that one charge,
 * and what neither gets is the platform's fee: fee + host cut + builder share = price, to
 * the cent. A winner pays for several lots of one builder in one charge, so a refund of
 * that charge is spread over its lots before each lot's parts are taken back.
 *
 * Products of two amounts can pass 2^53 (a 20-lot charge times a lot's price), so the
 * proportional maths is done in BigInt and only its small results come back as numbers.
 *
 * In a three-decimal currency every part stays on its `amountStep` (10 fils), as Stripe takes
 * nothing else: each rounding is to the step, and what a split cannot give in steps (only when
 * the amount itself is off the step, which a typed price never is) goes to a named party.
 */
const stepOf = (currency: string | undefined) => (currency === undefined ? 1 : amountStep(currency));
import { amountStep, shareOf } from '../../common';

export interface LotSplit {
  platformFeeCents: number;
  hostCutCents: number;
  /** What is left for the builder: never negative. */
  builderShareCents: number;
}

/** The fee and the host's cut together may take the whole price, never more. */
export function ratesFit(platformFeeBps: number, hostCutBps: number): boolean {
  // Each at least 0 and together at most 10,000, so each is at most 10,000 too.
  const rate = (bps: number) => Number.isInteger(bps) && bps >= 0;
  return rate(platformFeeBps) && rate(hostCutBps) && platformFeeBps + hostCutBps <= 10_000;
}

/**
 * The host's rate as far as it fits beside the platform's fee: a show's cut is fixed at its
 * start, the fee by the deployment, and a hammer must never fail on the two together.
 */
export function hostCutThatFits(platformFeeBps: number, hostCutBps: number): number {
  return Math.max(0, Math.min(hostCutBps, 10_000 - platformFeeBps));
}

/**
 * A lot's price in three parts. Each rate is rounded half up on its own (as every fee is), to
 * the currency's step; when both round up on a price of a few cents, the host's cut gives way
 * by the cent, so the builder's share is never negative and the three always add up to the
 * price. The builder's share is the rest: any odd minor unit below the step is theirs.
 *
 * @example splitLot(25_000, { platformFeeBps: 1_000, hostCutBps: 1_500 }) // { platformFeeCents: 2_500, hostCutCents: 3_750, builderShareCents: 18_750 }
 */
export function splitLot(amountCents: number, rates: { platformFeeBps: number; hostCutBps: number; currency?: string }): LotSplit {
  if (!ratesFit(rates.platformFeeBps, rates.hostCutBps))
    throw new RangeError(
      `the platform fee (${rates.platformFeeBps} bps) and the host’s cut (${rates.hostCutBps} bps) must be whole and at most 10,000 bps together`,
    );
  const step = stepOf(rates.currency);
  const platformFeeCents = Math.min(shareOf(amountCents, rates.platformFeeBps, step), amountCents);
  const hostCutCents = Math.min(shareOf(amountCents, rates.hostCutBps, step), amountCents - platformFeeCents);
  return { platformFeeCents, hostCutCents, builderShareCents: amountCents - platformFeeCents - hostCutCents };
}

/**
 * `round_half_up(part × refunded / amount)` to a multiple of `step`, with the refund held to
 * 0..amount: a full refund takes back the whole part.
 */
export function partOfRefund(partCents: number, amountCents: number, refundedCents: number, step = 1): number {
  if (amountCents <= 0) return 0;
  // A negative part takes back nothing.
  const part = BigInt(Math.max(partCents, 0));
  if (refundedCents >= amountCents) return Number(part);
  const refunded = BigInt(Math.max(refundedCents, 0));
  const amount = BigInt(amountCents);
  const unit = BigInt(step);
  return Number(((part * refunded * 2n + amount * unit) / (amount * unit * 2n)) * unit);
}

/** The amounts a lot's refund is shared between: its price and shipping (what the buyer paid for it), and the host's cut of the price. */
export type RefundedLot = { amountCents: number; hostCutCents?: number; shippingCents?: number; currency?: string };

/** The host's part of what a refund took back from a lot, in proportion to the cut of what was paid. */
export function hostPartOfRefund(lot: RefundedLot, refundedCents: number): number {
  return partOfRefund(lot.hostCutCents ?? 0, lot.amountCents + (lot.shippingCents ?? 0), refundedCents, stepOf(lot.currency));
}

/** What the host's transfer sends at release: the cut less its part of any refund made by then. */
export function hostReleasableCents(lot: RefundedLot & { refundedCents: number }): number {
  return (lot.hostCutCents ?? 0) - hostPartOfRefund(lot, lot.refundedCents);
}

/**
 * A refunded total of one charge that paid several lots, spread over them in proportion to
 * their prices by largest remainder: each gets the floor of its quota, and the cents left
 * go one each to the largest remainders (ties to the earlier lot). The parts sum to the
 * refund exactly and none exceeds its lot's price. `amounts` must be in a fixed order (see
 * `spreadOverOrders`), so every delivery of a refund spreads it the same way.
 *
 * @example spreadRefund(1_000, [2_000, 1_000]) // [667, 333]
 */
export function spreadRefund(refundedCents: number, amounts: readonly number[], step = 1): number[] {
  if (amounts.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new RangeError('lot amounts must be whole non-negative cents');
  const total = amounts.reduce((sum, a) => sum + a, 0);
  if (!Number.isSafeInteger(refundedCents) || refundedCents < 0 || refundedCents > total)
    throw new RangeError(`a refund of ${refundedCents} cannot be spread over lots worth ${total}`);
  return spreadByWeight(refundedCents, amounts, step);
}

/**
 * A checkout's shipping spread over its lots in proportion to their prices (largest
 * remainder, as refunds are), so each lot's part goes to the builder with that lot's release
 * and the parts add up to the shipping exactly. `prices` in the order the lots are kept.
 * @example spreadShipping(1_300, [5_000, 3_000, 2_000]) // [650, 390, 260]
 */
export function spreadShipping(shippingCents: number, prices: readonly number[], step = 1): number[] {
  if (prices.some((p) => !Number.isSafeInteger(p) || p < 0)) throw new RangeError('lot prices must be whole non-negative cents');
  if (!Number.isSafeInteger(shippingCents) || shippingCents < 0) throw new RangeError(`shipping of ${shippingCents} is not whole cents`);
  // Lots of no price share it evenly.
  return spreadByWeight(shippingCents, prices.every((p) => p === 0) ? prices.map(() => 1) : prices, step);
}

/**
 * `amount` in parts proportional to `weights`, in whole steps: floors of the quotas, then a step
 * each to the largest remainders (ties to the earlier). What is below one step (an amount off
 * its currency's step) goes to the heaviest part, the earliest of equals.
 */
function spreadByWeight(amountCents: number, weights: readonly number[], step = 1): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0) return weights.map(() => 0);
  const odd = amountCents % step;
  const parts = spreadSteps((amountCents - odd) / step, weights, total).map((p) => p * step);
  const heaviest = weights.indexOf(Math.max(...weights));
  parts[heaviest] = (parts[heaviest] as number) + odd;
  return parts;
}

/** Whole `units` in parts proportional to `weights` (totalling `total`), by largest remainder. */
function spreadSteps(units: number, weights: readonly number[], total: number): number[] {
  const amount = BigInt(units);
  const whole = BigInt(total);
  const quotas = weights.map((w) => ({ floor: (amount * BigInt(w)) / whole, remainder: (amount * BigInt(w)) % whole }));
  const parts = quotas.map((q) => Number(q.floor));
  let left = units - parts.reduce((sum, p) => sum + p, 0);
  const byRemainder = quotas
    .map((q, i) => ({ i, remainder: q.remainder }))
    // Largest remainder first; equal remainders keep the lots' order, as sort is stable. (The sign of a BigInt difference survives Number.)
    .sort((a, b) => Number(b.remainder - a.remainder));
  // Fewer cents are left than parts with a remainder, so each extra cent lands where the quota was short.
  for (const { i } of byRemainder) {
    if (left === 0) break;
    parts[i] = (parts[i] as number) + 1;
    left--;
  }
  return parts;
}

/**
 * The orders one charge paid, each with its part of the charge's refunded total, in
 * proportion to what each was paid (price and its part of the shipping); spread in order-id
 * order, which every delivery agrees on. A refund given on one lot (`heldOf`: what of the
 * total was given on it) is that lot's first; only the rest is spread.
 */
export function spreadOverOrders<O extends { orderId: string; amountCents: number; shippingCents?: number; currency?: string }>(
  refundedCents: number,
  orders: readonly O[],
  heldOf: (order: O) => number = () => 0,
): Array<{ order: O; refundedCents: number }> {
  const sorted = [...orders].sort((a, b) => {
    if (a.orderId < b.orderId) return -1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the sort only tells a negative answer from the rest, so whether a later id answers 1 or 0 never moves an order
    return a.orderId > b.orderId ? 1 : 0;
  });
  const paid = sorted.map((o) => o.amountCents + (o.shippingCents ?? 0));
  const total = paid.reduce((sum, cents) => sum + cents, 0);
  let room = Math.min(Math.max(refundedCents, 0), total);
  const given = sorted.map((o, i) => {
    const part = Math.min(Math.max(heldOf(o), 0), paid[i] as number, room);
    room -= part;
    return part;
  });
  const parts = spreadRefund(
    room,
    paid.map((cents, i) => cents - (given[i] as number)),
    stepOf(orders[0]?.currency),
  );
  return sorted.map((order, i) => ({ order, refundedCents: (given[i] as number) + (parts[i] as number) }));
}
