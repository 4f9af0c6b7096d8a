/**
 * @module release-pending
 * A release being sent as money in flight (issue 75, TigerBeetle's two-phase transfers): when a
 * release's amount is fixed, before Stripe is asked, a pending entry reserves what its transfer
 * will move out of the order's held money; once it is known, the transfer's own entry posts it,
 * or an entry with no postings voids it (the cut is owed by hand, or nothing went). No balance
 * counts the pending entry; one still open a day on (Stripe keeps an idempotency key for a day)
 * is a release nobody finished, which reconciliation reports.
 */
import { entryOf, post, type JournalEntry } from '../../journal';

/** What a day is in milliseconds: how long a release may stay in flight before it is reported. */
const inFlightFor = 24 * 60 * 60 * 1000;

export const releasePendingId = (releaseKey: string): string => `release-pending:${releaseKey}`;

type OrderHead = { orderId: string; guildId: string; currency: string };

/** The release of `amountCents` to the order's `party`, reserved under its key (nothing for nothing). */
export function releasePendingEntry(
  order: OrderHead,
  releaseKey: string,
  amountCents: number,
  party: 'builder' | 'host',
  at: string,
): JournalEntry | undefined {
  const entry = entryOf(
    { entryId: releasePendingId(releaseKey), kind: 'release-in-flight', at, guildId: order.guildId, currency: order.currency, orderId: order.orderId },
    [post.held(order.orderId, amountCents, party), post.stripe(-amountCents)],
  );
  return entry && { ...entry, pending: { timeoutAt: new Date(Date.parse(at) + inFlightFor).toISOString() } };
}

/** The transfer's entry, posting the reservation of its release. */
export function releasePosted(transfer: JournalEntry | undefined, releaseKey: string): JournalEntry | undefined {
  return transfer && { ...transfer, resolves: { entryId: releasePendingId(releaseKey), how: 'post' } };
}

/** The reservation voided: the release sent nothing (owed by hand instead). */
export function releaseVoided(order: OrderHead, releaseKey: string, at: string): JournalEntry {
  const entryId = releasePendingId(releaseKey);
  return {
    entryId: `${entryId}:void`,
    kind: 'release-in-flight',
    at,
    guildId: order.guildId,
    currency: order.currency.toLowerCase(),
    orderId: order.orderId,
    resolves: { entryId, how: 'void' },
    postings: [],
  };
}
