/**
 * @module order-dispute
 * A chargeback on an order's charge, as the order keeps it (the disputes module keeps the
 * dispute itself, its evidence and Stripe's view, under `disputes/<id>`). With separate
 * charges and transfers Stripe takes the disputed amount and its fee from the platform, so
 * while a dispute is open nothing more goes out for the order, what already went out is
 * taken back in proportion, and a won dispute sends it out again (the rules of that money
 * are dispute-rules; every place that releases reads `releaseHold`).
 */

/** Open until Stripe closes it; `won` and `lost` are final (a closed dispute never reopens). */
export const orderDisputeStates = ['open', 'won', 'lost'] as const;
export type OrderDisputeState = (typeof orderDisputeStates)[number];

export interface OrderDispute {
  disputeId: string;
  state: OrderDisputeState;
  /** This order's part of the disputed amount: all of it for a charge of one order, a share of it for a show checkout's lot. */
  amountCents: number;
  /** Stripe's reason code (`product_not_received`, `fraudulent`, …). */
  reason: string;
  /** When the evidence must be in (Stripe's `evidence_details.due_by`). */
  dueBy?: string;
  openedAt: string;
  closedAt?: string;
  /**
   * What the dispute takes back from the transfers already made, fixed once (when the
   * dispute finds the order released): the builder's and the host's parts of `amountCents`.
   */
  takeBack?: { builderCents: number; hostCents: number };
  /**
   * The win's return transfer to each party. What the dispute took from each (its reversals,
   * and the debts it made where Stripe would not reverse) is the journal's, under its id.
   */
  parts?: { builder?: DisputedPart; host?: DisputedPart };
  /** A host's cut owed by hand (`hostPayouts/<order id>`): what the dispute took off what is owed, given back when won. */
  hostOwedTakenCents?: number;
  /** After a win: what goes back out (the reversed parts), fixed before Stripe is asked. */
  returning?: { builderCents: number; hostCents: number };
  /** When every part of the return went out (or was refused): unset while a part is held. */
  returnedAt?: string;
  /** The parts of the return held because their person's Stripe account is revoked: sent from the reconnection, once. */
  returnHeld?: Array<'builder' | 'host'>;
  /** Stripe refused to send it back (cut to 500 characters): an admin pays it by hand. */
  returnRefusal?: string;
}

/** One party's side of a dispute: the won dispute's transfer back to the party. */
export interface DisputedPart {
  returnTransferId?: string;
}

/**
 * An inquiry (Stripe's `warning_needs_response`, `warning_under_review`): the buyer's bank
 * asks before any chargeback. Stripe withdraws nothing and the charge stays refundable, so
 * it holds and takes back nothing; a refund settles it. Escalated, the same dispute becomes
 * the order's `dispute`; closed (`warning_closed`), it joins `pastDisputes`.
 */
export interface OrderInquiry {
  disputeId: string;
  status: string;
  /** This order's part of the amount asked about. */
  amountCents: number;
  reason: string;
  dueBy?: string;
  openedAt: string;
}

/** A dispute on the order's charge that is over and no longer the current one: an inquiry closed without a chargeback. */
export interface PastDispute {
  disputeId: string;
  kind: 'inquiry' | 'chargeback';
  /** Stripe's last status for it (`warning_closed` for an inquiry that went no further). */
  outcome: string;
  amountCents: number;
  reason: string;
  openedAt: string;
  closedAt: string;
}

/** Why a release must not go out now: an open dispute, one lost that took the whole share, or an early fraud warning. */
export type ReleaseHold = 'disputed' | 'dispute-lost' | 'fraud-warning';
