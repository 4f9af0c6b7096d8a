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

/**
 * A tranche of the builder's share sent before `done`: a transfer from the order's charge,
 * fixed (key and amount) before Stripe is asked, so a retry asks the very same. Keyed by
 * its milestone: each is sent once.
 */
export interface Advance {
  milestone: Milestone;
  idempotencyKey: string;
  amountCents: number;
  /**
   * What of the tranche paid the builder's debt on the server instead of going out (their
   * ledger's `netted` entry, keyed by `idempotencyKey`): the builder's as much as what was sent.
   */
  nettedCents?: number;
  /** Set once Stripe made it. What reversals took back from it since (a refund's, a dispute's) is the journal's, by this id. */
  transferId?: string;
  releasedAt?: string;
  /** Stripe refused it: it sent nothing, and the next proof of a later milestone may try again. */
  refusal?: string;
}

/** A milestone proved live: its link (the command's clip, the stream's VOD, or the channel). */
export interface MilestoneProof {
  milestone: Milestone;
  url: string;
  kind: 'clip' | 'vod' | 'channel';
  provedAt: string;
  byInteraction?: string;
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
  /** Each milestone before `done` proved live, in the order proved (`done`'s proof is the order's own `proof`). */
  proofs?: MilestoneProof[];
  /** The tranches sent before `done`. */
  advances?: Advance[];
  /** The promised date was moved (once, by the builder): by how much and why, told to the buyer. */
  delay?: { weeks: number; reason: string; at: string; fromPromisedAt: string; byInteraction?: string };
  /** The buyer was told the promised date passed (the date it was then), once per date. */
  lateNotice?: { promisedAt: string; at: string };
  /** The buyer pressed Keep waiting: they may still cancel until it is done. */
  keptWaitingAt?: string;
  /** Cancelled: what the builder keeps (the tranches sent before), so the refund takes nothing back from them. */
  keptCents?: number;
  /** The press that cancelled it: only that press finishes (or, refused by Stripe, undoes) this cancel. */
  cancelledByInteraction?: string;
  /** The key of the refund that cancel wrote down: a refusal undoes the cancel only if it is this refund's. */
  cancelRefundKey?: string;
  /** Out of the line: `done` proved, or cancelled and refunded. */
  ended?: PlaceEnd;
  endedAt?: string;
}
