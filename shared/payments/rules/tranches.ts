/**
 * @module tranches
 * How much of a builder's share a commission has released by each milestone it proved.
 * Counted cumulatively (what is due by a milestone is the share times every percent up to
 * it, rounded down), so the parts always add up to the share exactly, none is ever more
 * than the share, and `done` releases whatever is left to the cent.
 */
import { milestones, type Milestone, type Tranche } from '../../orders';

/** A milestone's place in a build; −1 for none proved yet. */
const rank = (milestone: Milestone | undefined) => (milestones as readonly (Milestone | undefined)[]).indexOf(milestone);

/**
 * The cents of `shareCents` due once `reached` is proved (and with it every milestone
 * before it). A milestone no tranche names releases nothing more than the one before it.
 * Rounded down to `step` (the currency's `amountStep`): what is below it is `done`'s.
 * @example dueBy(10_001, [{ milestone: 'parts-in', percent: 30 }, { milestone: 'done', percent: 70 }], 'parts-in') // 3_000
 */
export function dueBy(shareCents: number, tranches: readonly Tranche[], reached: Milestone | undefined, step = 1): number {
  if (!Number.isSafeInteger(shareCents) || shareCents < 0) throw new RangeError(`a share of ${shareCents} is not whole cents`);
  if (reached === 'done') return shareCents;
  // Before any milestone (rank −1) no tranche is due; without tranches everything waits for done.
  const percent = tranches.filter((t) => rank(t.milestone) <= rank(reached)).reduce((sum, t) => sum + t.percent, 0);
  // Whole cents down: the rounding is `done`'s to pay, never a cent early.
  return Math.min(shareCents, Math.floor((shareCents * percent) / (100 * step)) * step);
}

/** What proving `reached` releases now, after `from` was the last milestone proved: never negative, never past the share. */
export function trancheCents(shareCents: number, tranches: readonly Tranche[], from: Milestone | undefined, reached: Milestone, step = 1): number {
  return Math.max(0, dueBy(shareCents, tranches, reached, step) - dueBy(shareCents, tranches, from, step));
}

/** Whether `next` comes after `last` (a build never proves a step it has passed). */
export function isLater(next: Milestone, last: Milestone | undefined): boolean {
  return last === undefined || rank(next) > rank(last);
}

/**
 * The steps a commission is proved in: the milestones its tranches pay at, in build order,
 * always ending at `done`. A commission whose share all waits for `done` has that one step.
 * @example commissionSteps([{ milestone: 'done', percent: 70 }, { milestone: 'parts-in', percent: 30 }]) // ['parts-in', 'done']
 */
export function commissionSteps(tranches: readonly Tranche[]): Milestone[] {
  const paying = new Set(tranches.filter((t) => t.percent > 0).map((t) => t.milestone));
  return milestones.filter((m) => m === 'done' || paying.has(m));
}

/**
 * The step a plain `/c500 live mode:order:<id>` proves: the first of the commission's steps
 * after the last milestone proved. `done` only once every step before it is proved, so a
 * builder never releases the whole share without naming `done` themselves.
 */
export function nextStep(commission: { terms: { tranches: readonly Tranche[] }; milestone?: Milestone }): Milestone {
  return commissionSteps(commission.terms.tranches).find((m) => isLater(m, commission.milestone)) ?? 'done';
}
