/**
 * @module commission
 * The money rules of a race window: the pool a sale feeds, its even split among the racers,
 * and how a refund takes back each racer's part. Integer cents only; every split adds up
 * to the pool exactly.
 */
import { createHash } from 'node:crypto';
import { shareOf } from '../../common';

/** 20 %: the share of merch sales racers split unless the guild sets another. */
export const defaultCommissionBps = 2_000;

/** `round_half_up(amount × rate_bps / 10,000)`, to a multiple of `step` (the currency's `amountStep`: 10 for three-decimal ones). */
export function commissionPool(amountCents: number, rateBps: number, step = 1): number {
  return shareOf(amountCents, rateBps, step);
}

export interface RacerPart {
  racerId: string;
  cents: number;
}

/**
 * Splits `poolCents` evenly: everyone gets `floor(pool / n)`, and the remainder goes one
 * cent at a time in a stable order: the grid order, starting at a place `seed` picks
 * (the sale's key), so the odd cents of many sales do not always land on the same racer,
 * while a redelivered sale splits exactly as before. With a `step` (the currency's
 * `amountStep`), parts are counted and handed out in steps instead, and what of the pool is
 * below one step (none when the pool came from `commissionPool` with that step) goes to the
 * racer the seed picks: the parts still add up to the pool exactly.
 * @example splitCommission(1001, ['a', 'b', 'c'], 'sale-1') // parts of 334, 334, 333 in some order, summing to 1001
 * @example splitCommission(1_230, ['a', 'b', 'c', 'd'], 'sale-1', 10) // parts of 310, 310, 310, 300 in some order
 */
export function splitCommission(poolCents: number, racerIds: readonly string[], seed: string, step = 1): RacerPart[] {
  if (!Number.isSafeInteger(poolCents) || poolCents < 0) throw new RangeError(`a pool is whole non-negative cents, got ${poolCents}`);
  if (!Number.isSafeInteger(step) || step < 1) throw new RangeError(`a step is a whole number of cents above zero, got ${step}`);
  const n = racerIds.length;
  // Stryker disable next-line ConditionalExpression: without the early return an empty grid still maps to no parts (the division by zero reaches no racer)
  if (n === 0) return [];
  if (new Set(racerIds).size !== n) throw new RangeError('a racer can hold only one place on the grid');
  const steps = Math.floor(poolCents / step);
  const belowStep = poolCents - steps * step;
  const base = Math.floor(steps / n);
  const remainder = steps - base * n;
  const start = seedOffset(seed, n);
  return racerIds.map((racerId, place) => {
    const turn = (place - start + n) % n;
    return { racerId, cents: (base + (turn < remainder ? 1 : 0)) * step + (turn === 0 ? belowStep : 0) };
  });
}

function seedOffset(seed: string, n: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % n;
}

/**
 * How much of each racer's credit a refund takes back: once `totalRefundedCents` of a
 * sale of `saleCents` are refunded, a racer credited `c` has lost `round_half_up(c × refunded
 * / sale)`. Computed on the running total, so partial refunds add up to the same as one
 * refund of their sum, and a full refund takes back every credit exactly. Answers each
 * racer's reversal for this refund: what the new total takes back minus what was taken before.
 */
export function reversalsFor(credits: readonly RacerPart[], saleCents: number, refundedBeforeCents: number, totalRefundedCents: number, step = 1): RacerPart[] {
  if (!Number.isSafeInteger(saleCents) || saleCents <= 0) throw new RangeError(`a sale is a positive amount of cents, got ${saleCents}`);
  const before = clamp(refundedBeforeCents, saleCents);
  const after = clamp(totalRefundedCents, saleCents);
  return credits.map(({ racerId, cents }) => ({
    racerId,
    cents: Math.max(0, takenBack(cents, after, saleCents, step) - takenBack(cents, before, saleCents, step)),
  }));
}

function clamp(cents: number, most: number): number {
  return Math.min(Math.max(0, cents), most);
}

/**
 * BigInt: a credit times a refund can pass 2^53. Rounded half up to a multiple of `step`; a
 * full refund takes back the whole credit, whatever the step (a credit below a step is all taken then).
 */
function takenBack(creditCents: number, refundedCents: number, saleCents: number, step: number): number {
  if (refundedCents >= saleCents) return creditCents;
  const unit = BigInt(step);
  const scaled = BigInt(creditCents) * BigInt(refundedCents) * 2n + BigInt(saleCents) * unit;
  return Math.min(creditCents, Number(scaled / (2n * BigInt(saleCents) * unit)) * step);
}
