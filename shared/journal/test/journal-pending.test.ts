/**
 * Money in flight in the journal's CSV: a pending entry moved nothing yet and is not listed;
 * the entry that posts it is.
 */
import { entryOf, journalCsvRows, post, type JournalEntry } from '../index';

const reserved: JournalEntry = {
  ...(entryOf({ entryId: 'release-pending:k', kind: 'release-in-flight', at: '2026-11-28T12:00:00.000Z', guildId: 'g1', currency: 'usd', orderId: 'o1' }, [
    post.held('o1', 500, 'host'),
    post.stripe(-500),
  ]) as JournalEntry),
  pending: { timeoutAt: '2026-11-29T12:00:00.000Z' },
};
const posted: JournalEntry = {
  ...reserved,
  entryId: 'transfer:tr_1',
  stripeId: 'tr_1',
  pending: undefined,
  resolves: { entryId: 'release-pending:k', how: 'post' },
};

describe('the journal’s CSV and money in flight', () => {
  it('lists the posting entry’s rows and none of the pending entry’s', () => {
    expect(journalCsvRows([reserved, posted]).map((row) => row[0])).toEqual(['transfer:tr_1', 'transfer:tr_1']);
  });
});
