/**
 * @module order-commission
 * What a commission bought from a queue carries on its order: the terms it was sold under
 * (fixed at Buy Now, so a builder who changes them later changes nothing already sold), and
 * once paid, its place in the builder's queue with the date the builder promised. The queue
 * module reads and moves these; the order is where they live, beside the money they decide.
 */

/** The steps of a build a builder proves live, in the order they happen; `done` ends it. */
export const milestones = ['parts-in', 'assembly', 'sound-test', 'done'] as const;
export type Milestone = (typeof milestones)[number];

/** A part of the builder's share released when a milestone is proved: whole percents, `done` taking the rest. */
export interface Tranche {
  milestone: Milestone;
  percent: number;
}

/** A commission drop's queue terms, as the builder typed them on the drop. */
export interface CommissionTerms {
  /** How many buyers the drop takes: each paid order is a place in the builder's queue. */
  slots: number;
  /** Weeks from payment (or from the place before it, one at a time) to the promised date. */
  leadWeeks: number;
  /** The builder works one build at a time: each place's lead time starts where the one before it is promised. */
  oneAtATime: boolean;
  /** Released at each milestone, in milestone order; empty means all at `done`. */
  tranches: Tranche[];
}

/** How a place left the line: built, or given up with a refund. */
export type PlaceEnd = 'done' | 'cancelled';

/** An order's place in its builder's queue. */
export interface OrderCommission {
  terms: CommissionTerms;
  /** Set at payment: the n-th place this builder's queue ever gave (1, 2, …), never reused, so the line has one order per place. */
  ticket?: number;
  paidAt?: string;
  /** Set at payment: paid date (or the place before's promise) plus the lead time; moved once by `/c500 queue delay`. */
  promisedAt?: string;
  /** The last milestone proved live. */
  milestone?: Milestone;
  /** The promised date was moved (once, by the builder): by how much and why, told to the buyer. */
  delay?: { weeks: number; reason: string; at: string; fromPromisedAt: string };
  /** Out of the line: `done` proved, or cancelled and refunded. */
  ended?: PlaceEnd;
  endedAt?: string;
}
