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
  /** What the dispute's reversals and its win's return did to each party's transfers. */
  parts?: { builder?: DisputedPart; host?: DisputedPart };
  /** A host's cut owed by hand (`hostPayouts/<order id>`): what the dispute took off what is owed, given back when won. */
  hostOwedTakenCents?: number;
  /** After a win: what goes back out (the reversed parts), fixed before Stripe is asked. */
  returning?: { builderCents: number; hostCents: number };
  returnedAt?: string;
  /** Stripe refused to send it back (cut to 500 characters): an admin pays it by hand. */
  returnRefusal?: string;
}

/** One party's side of a dispute: what its reversals took of `takeBack`, and the win's return transfer to the party. */
export interface DisputedPart {
  /** Of the party's `takeBack`, what the reversals took and what Stripe would not reverse (owed, as for refunds). */
  reversedCents?: number;
  debtCents?: number;
  /** The won dispute's transfer back to the party. */
  returnTransferId?: string;
  /** What refunds after the win took back from that return transfer (also counted in the party's payout reversed total). */
  returnReversedCents?: number;
}

/** Why a release must not go out now: an open dispute, one lost that took the whole share, or an early fraud warning. */
export type ReleaseHold = 'disputed' | 'dispute-lost' | 'fraud-warning';
