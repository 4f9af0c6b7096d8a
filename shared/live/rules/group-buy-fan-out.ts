/**
 * @module group-buy-fan-out
 * A group buy's milestone, proved once live, reaching each of its orders (issue 65, point 5):
 * a chain of named tasks on the `groupbuy-milestone` queue, each proving the next batch of the
 * group buy's orders (by order id, after the last one the batch before took) through the very
 * code a `/c500 live mode:order` runs, then naming the next a second after it ended. Stripe's
 * transfers are rate-limited as its charges are, so a batch is as small as the close's.
 *
 * What each batch did is kept by its number on the fan-out's document, worked out from each
 * order's state after its proof (not from what this run of the batch happened to send), so a
 * batch run twice counts the same; the builder's one summary adds them up. Pure.
 */
import { docPath } from '../../ports';
import { isOrderIdShaped } from '../../common';
import { milestones, type Milestone } from '../../orders';
import type { OrderOutcome, OrderRefusal } from './live-messages';

/** 20 orders a batch, the next a second after this one ended: at most 20 transfers in any second of Stripe's, room left for the rest. */
export const fanOutPace = { batchSize: 20, spacingMs: 1_000 } as const;

export interface MilestoneTask {
  groupBuyId: string;
  milestone: Milestone;
  /** 1 for the first batch, then 2, 3, … */
  batch: number;
  /** The last order id the batch before took: this one takes the orders after it. */
  after?: string;
}

export const milestoneTaskName = (task: Pick<MilestoneTask, 'groupBuyId' | 'milestone' | 'batch'>): string =>
  `groupbuy-milestone-${task.groupBuyId}-${task.milestone}-${task.batch}`;

/** Only the shape this module schedules; anything else is nobody's task. */
export function parseMilestoneTask(payload: unknown): MilestoneTask | undefined {
  const { groupBuyId, milestone, batch, after, ...rest } = (payload ?? {}) as Record<string, unknown>;
  // An id as a task's name allows (the group buy's own ids are 8 letters and digits).
  if (Object.keys(rest).length > 0 || typeof groupBuyId !== 'string' || !/^[0-9A-Za-z_-]{1,64}$/.test(groupBuyId)) return undefined;
  if (typeof milestone !== 'string' || !(milestones as readonly string[]).includes(milestone)) return undefined;
  if (!Number.isSafeInteger(batch) || (batch as number) < 1) return undefined;
  if (after !== undefined && (typeof after !== 'string' || !isOrderIdShaped(after))) return undefined;
  return { groupBuyId, milestone: milestone as Milestone, batch: batch as number, ...(after !== undefined ? { after } : {}) };
}

/** Why an order's money did not go out though its proof stands: the builder sees these apart from the skipped. */
export type WaitReason = 'disputed' | 'fraud-warning' | 'account-revoked' | 'release-refused' | 'delivery';

/** What one batch (or the whole fan-out) did: counts and cents only, never a buyer. */
export interface FanOutTally {
  /** Orders whose proof of the milestone now stands. */
  proved: number;
  /** What the transfers of this milestone sent to the builder for them. */
  releasedCents: number;
  /** Proved, with the money still held, by why. */
  waiting: Partial<Record<WaitReason, number>>;
  /** Not proved (refunded, cancelled, proved past already…), by why. */
  skipped: Partial<Record<OrderRefusal, number>>;
}

/** The fan-out of one milestone of one group buy, at `milestoneFanOuts/<group buy id>-<milestone>`: made with the proof. */
export interface MilestoneFanOut {
  groupBuyId: string;
  milestone: Milestone;
  /** The `/c500 live` whose proof it hands out. */
  byInteraction: string;
  startedAt: string;
  /** The proof's clip or VOD kept on the group buy (or none found): from then on every delivery of the command keeps it, so every order links the same. */
  mediaSettledAt?: string;
  /** The last batch that armed the next: that batch run again (a redelivery) leaves the orders to its successor. */
  armed?: number;
  /** Each batch's tally, by its number. */
  batches: Record<string, FanOutTally>;
  /** Every order reached: the summary is the sum of the batches. */
  finishedAt?: string;
}

export const milestoneFanOutPath = (groupBuyId: string, milestone: Milestone) => docPath<MilestoneFanOut>(`milestoneFanOuts/${groupBuyId}-${milestone}`);

export const emptyTally = (): FanOutTally => ({ proved: 0, releasedCents: 0, waiting: {}, skipped: {} });

/** Refusals after which the proof stands and only the money waits: for a milestone, a refused transfer too (the next milestone sends it). */
function waitReason(outcome: OrderOutcome, milestone: Milestone): WaitReason | undefined {
  if (outcome.held) return 'disputed';
  // `done` proved: the rest waits at the delivery gate.
  if (outcome.waitsFor) return 'delivery';
  const refusal = outcome.refusal;
  if (refusal === 'disputed' || refusal === 'fraud-warning' || refusal === 'account-revoked') return refusal;
  // `done` refused by Stripe goes back to paid with its proof cleared (prove-order): skipped, to prove again by itself.
  return refusal === 'release-refused' && milestone !== 'done' ? 'release-refused' : undefined;
}

/** One order's part in a tally: `releasedCents` is what its state says this milestone's transfer sent. */
export function tallyOf(outcome: OrderOutcome, milestone: Milestone, releasedCents: number): FanOutTally {
  const tally = emptyTally();
  const waiting = waitReason(outcome, milestone);
  if (outcome.ok || waiting) {
    tally.proved = 1;
    tally.releasedCents = releasedCents;
    if (waiting) tally.waiting[waiting] = 1;
  } else tally.skipped[outcome.refusal ?? 'not-found'] = 1;
  return tally;
}

function addCounts<K extends string>(a: Partial<Record<K, number>>, b: Partial<Record<K, number>>): Partial<Record<K, number>> {
  const sum: Partial<Record<K, number>> = { ...a };
  for (const [key, n] of Object.entries(b) as Array<[K, number]>) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

export function addTallies(tallies: readonly FanOutTally[]): FanOutTally {
  return tallies.reduce(
    (sum, t) => ({
      proved: sum.proved + t.proved,
      releasedCents: sum.releasedCents + t.releasedCents,
      waiting: addCounts(sum.waiting, t.waiting),
      skipped: addCounts(sum.skipped, t.skipped),
    }),
    emptyTally(),
  );
}
