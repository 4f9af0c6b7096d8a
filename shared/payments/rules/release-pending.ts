/**
 * @module release-pending
 * A release being sent as money in flight (issue 75, TigerBeetle's two-phase transfers): when a
 * release's amount is fixed, before Stripe is asked, a pending entry reserves what its transfer
 * will move out of the order's held money; once it is known, the transfer's own entry posts it,
 * or an entry with no postings voids it (the cut is owed by hand, or nothing went). No balance
 * counts the pending entry; one still open a day on (Stripe keeps an idempotency key for a day)
 * is a release nobody finished, which reconciliation reports.
 */
import { entryOf, openPending, post, type JournalEntry } from '../../journal';
import type { Order, Party } from '../../orders';

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

/**
 * Where an order's releases being sent (`payouts.<party>.releasing`, what a retry replays) and the
 * journal's money in flight disagree, in words: each release fixed and not yet recorded has its
 * open pending entry of the same amount under its key (none for a release of nothing), and no
 * release in flight is open for a party with none fixed. Empty when they agree; the property test
 * of releases and the soak hold it so.
 */
export function releaseInFlightProblems(order: Pick<Order, 'orderId' | 'payouts'>, entries: readonly JournalEntry[]): string[] {
  const open = openPending(entries).filter((e) => e.kind === 'release-in-flight' && e.orderId === order.orderId);
  const reserved = (party: Party) =>
    open.flatMap((e) => e.postings.filter((p) => p.account === 'held' && p.party === party).map((p) => ({ entryId: e.entryId, cents: p.amountCents })));
  return (['builder', 'host'] as const).flatMap((party) => {
    const releasing = order.payouts[party]?.releasing ?? undefined;
    const inFlight = reserved(party);
    const wanted = releasing && releasing.amountCents > 0 ? [{ entryId: releasePendingId(releasing.idempotencyKey), cents: releasing.amountCents }] : [];
    const same = inFlight.length === wanted.length && inFlight.every((f, i) => f.entryId === wanted[i]?.entryId && f.cents === wanted[i]?.cents);
    if (same) return [];
    const said = (list: ReadonlyArray<{ entryId: string; cents: number }>) => list.map((f) => `${f.entryId} ${f.cents}`).join(', ') || 'none';
    return [`order ${order.orderId}: the ${party}'s release being sent is ${said(wanted)} on the order, ${said(inFlight)} in flight in the journal`];
  });
}
