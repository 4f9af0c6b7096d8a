/**
 * @module journal-csv
 * The journal as a server's admins download it: one row per posting, with its entry's id, time
 * and kind, the account (and whose, for a debt), the signed amount in minor units, the
 * currency, the order it belongs to and the Stripe object it comes from. Each entry's rows sum
 * to zero. Money in flight (a pending entry, a release being sent) is not listed: it moved
 * nothing yet, and the entry that settles it is.
 */
import type { JournalEntry } from './entry';

export const journalCsvHeader = ['entry_id', 'at', 'kind', 'account', 'person_id', 'amount_minor', 'currency', 'order_id', 'stripe_id'] as const;

export function journalCsvRows(entries: readonly JournalEntry[]): Array<Array<string | number>> {
  return entries.flatMap((entry) =>
    (entry.pending ? [] : entry.postings).map((p) => [
      entry.entryId,
      entry.at,
      entry.kind,
      p.account,
      p.personId ?? '',
      p.amountCents,
      entry.currency,
      p.orderId ?? entry.orderId ?? '',
      entry.stripeId ?? '',
    ]),
  );
}
