/**
 * @module tranches
 * How much of a builder's share a commission has released by each milestone it proved.
 * Counted cumulatively (what is due by a milestone is the share times every percent up to
 * it, rounded down), so the parts always add up to the share exactly, none is ever more
 * than the share, and `done` releases whatever is left to the cent.
 */
import { milestones, type Milestone, type Tranche } from './order-commission';

/** A milestone's place in a build; −1 for none proved yet. */
const rank = (milestone: Milestone | undefined) => (milestones as readonly (Milestone | undefined)[]).indexOf(milestone);

/**
 * The cents of `shareCents` due once `reached` is proved (and with it every milestone
 * before it). A milestone no tranche names releases nothing more than the one before it.
 * @example dueBy(10_001, [{ milestone: 'parts-in', percent: 30 }, { milestone: 'done', percent: 70 }], 'parts-in') // 3_000
 */
export function dueBy(shareCents: number, tranches: readonly Tranche[], reached: Milestone | undefined): number {
  if (!Number.isSafeInteger(shareCents) || shareCents < 0) throw new RangeError(`a share of ${shareCents} is not whole cents`);
  if (reached === 'done') return shareCents;
  // Before any milestone (rank −1) no tranche is due; without tranches everything waits for done.
  const percent = tranches.filter((t) => rank(t.milestone) <= rank(reached)).reduce((sum, t) => sum + t.percent, 0);
  // Whole cents down: the rounding is `done`'s to pay, never a cent early.
  return Math.min(shareCents, Math.floor((shareCents * percent) / 100));
}

/** What proving `reached` releases now, after `from` was the last milestone proved: never negative, never past the share. */
export function trancheCents(shareCents: number, tranches: readonly Tranche[], from: Milestone | undefined, reached: Milestone): number {
  return Math.max(0, dueBy(shareCents, tranches, reached) - dueBy(shareCents, tranches, from));
}

/** Whether `next` comes after `last` (a build never proves a step it has passed). */
export function isLater(next: Milestone, last: Milestone | undefined): boolean {
  return last === undefined || rank(next) > rank(last);
}
