/**
 * @module host-payout
 * A show host's cut that could not go out by transfer at release (no Connect account that
 * can take transfers, or Stripe refused it) is owed by hand: one record per lot's order
 * (`hostPayouts/<order id>`), made once, for the platform to pay and mark.
 */
import { collectionPath, docPath } from '../../ports';

export interface HostPayout {
  orderId: string;
  showId: string;
  guildId: string;
  hostId: string;
  hostName: string;
  /** Owed now: what was released, less the host's part of refunds since. */
  amountCents: number;
  currency: string;
  /** `paid-by-hand` once a guild admin recorded paying it (the dashboard's action), with who, when and a note. */
  status: 'owed' | 'paid-by-hand';
  paidByHand?: PaidByHand;
  /** Why no transfer: the host cannot be paid through Stripe, or Stripe refused the transfer. */
  reason: 'no-account' | 'refused';
  /** Stripe's words, when it refused (cut to 500 characters). */
  detail?: string;
  /**
   * Owed on top of a hand payment already made (a dispute won after it gave the cut back):
   * the dashboard's "paid" pays it, and it is kept in `paidAfter`.
   */
  differenceOwedCents?: number;
  paidAfter?: PaidByHand[];
  /** What was owed at release, before any later refund. */
  releasedCents: number;
  createdAt: string;
}

/** Who marked a cut paid by hand, when, what it was then and their note: set once, never edited. */
export interface PaidByHand {
  byUserId: string;
  byName: string;
  at: string;
  amountCents: number;
  note: string;
}

export const hostPayoutsCollection = collectionPath<HostPayout>('hostPayouts');
export const hostPayoutPath = (orderId: string) => docPath<HostPayout>(`${hostPayoutsCollection}/${orderId}`);

/**
 * The host's transfer's key: one per order. There is never a second attempt under a new
 * key: a refusal (which Stripe would replay under this key for a day) turns the cut into a
 * payout owed by hand, so a retry after a crash finds the transfer or the refusal again.
 */
export const hostCutKey = (orderId: string): string => `host-cut:${orderId}`;
