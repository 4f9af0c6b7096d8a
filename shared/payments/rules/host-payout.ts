/**
 * @module host-payout
 * A show host's cut that could not go out by transfer at release (no Connect account that
 * can take transfers, or Stripe refused it) is owed by hand: one record per lot's order
 * (`hostPayouts/<order id>`), made once, for the platform to pay and mark.
 */
import { collectionPath, docPath } from '../../ports';
import { entryOf, post, type JournalEntry } from '../../journal';

export interface HostPayout {
  orderId: string;
  showId: string;
  guildId: string;
  hostId: string;
  hostName: string;
  /**
   * While `owed`: owed now, what was released less the host's part of refunds and disputes since
   * (a won dispute's part back). Once `paid-by-hand`: what was owed when it was paid. A cached
   * figure: `owedNowCents` of it equals the journal's fold (`owedByHandFor`), held by test.
   */
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

/** What the record says is owed to the host now: its cached figure of the journal's `owedByHandFor`. */
export const owedNowCents = (payout: Pick<HostPayout, 'status' | 'amountCents' | 'differenceOwedCents'>): number =>
  payout.status === 'owed' ? payout.amountCents : (payout.differenceOwedCents ?? 0);

/**
 * The journal's side of a change in what a host is owed by hand: `owedMoreCents` moves from the
 * order's held money (the host's part) to what is owed to the host, or back when negative (a
 * refund's or a dispute's part). Keyed by its cause: the release, a refund's total, a dispute.
 */
export function cutOwedEntry(
  order: { orderId: string; guildId: string; currency: string; hostId: string },
  cause: string,
  owedMoreCents: number,
  at: string,
  disputeId?: string,
): JournalEntry | undefined {
  return entryOf(
    {
      entryId: `cut-owed:${order.orderId}:${cause}`,
      kind: 'cut-owed',
      at,
      guildId: order.guildId,
      currency: order.currency,
      orderId: order.orderId,
      ...(disputeId ? { disputeId } : {}),
    },
    [post.held(order.orderId, owedMoreCents, 'host'), post.hostOwed(order.orderId, order.hostId, -owedMoreCents)],
  );
}
