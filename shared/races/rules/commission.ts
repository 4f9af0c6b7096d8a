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

/** `round_half_up(amount × rate_bps / 10,000)`. */
export function commissionPool(amountCents: number, rateBps: number): number {
  return shareOf(amountCents, rateBps);
}

export interface RacerPart {
  racerId: string;
  cents: number;
}

/**
 * Splits `poolCents` evenly: everyone gets `floor(pool / n)`, and the remainder goes one
 * cent at a time in a stable order: the grid order, starting at a place `seed` picks
 * (the sale's key), so the odd cents of many sales do not always land on the same racer,
 * while a redelivered sale splits exactly as before.
 * @example splitCommission(1001, ['a', 'b', 'c'], 'sale-1') // parts of 334, 334, 333 in some order, summing to 1001
 */
export function splitCommission(poolCents: number, racerIds: readonly string[], seed: string): RacerPart[] {
  if (!Number.isSafeInteger(poolCents) || poolCents < 0) throw new RangeError(`a pool is whole non-negative cents, got ${poolCents}`);
  const n = racerIds.length;
  // Stryker disable next-line ConditionalExpression: without the early return an empty grid still maps to no parts (the division by zero reaches no racer)
  if (n === 0) return [];
  if (new Set(racerIds).size !== n) throw new RangeError('a racer can hold only one place on the grid');
  const base = Math.floor(poolCents / n);
  const remainder = poolCents - base * n;
  const start = seedOffset(seed, n);
  return racerIds.map((racerId, place) => ({ racerId, cents: base + ((place - start + n) % n < remainder ? 1 : 0) }));
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
export function reversalsFor(credits: readonly RacerPart[], saleCents: number, refundedBeforeCents: number, totalRefundedCents: number): RacerPart[] {
  if (!Number.isSafeInteger(saleCents) || saleCents <= 0) throw new RangeError(`a sale is a positive amount of cents, got ${saleCents}`);
  const before = clamp(refundedBeforeCents, saleCents);
  const after = clamp(totalRefundedCents, saleCents);
  return credits.map(({ racerId, cents }) => ({ racerId, cents: Math.max(0, takenBack(cents, after, saleCents) - takenBack(cents, before, saleCents)) }));
}

function clamp(cents: number, most: number): number {
  return Math.min(Math.max(0, cents), most);
}

/** BigInt: a credit times a refund can pass 2^53. */
function takenBack(creditCents: number, refundedCents: number, saleCents: number): number {
  const scaled = BigInt(creditCents) * BigInt(refundedCents) * 2n + BigInt(saleCents);
  return Number(scaled / (2n * BigInt(saleCents)));
}
