/**
 * The port's list of accepted outcomes (`acceptedOutcomes`: those that change the book, are
 * logged and are recognised when redelivered) against what the book does: a bid is in the
 * book exactly when its outcome is on the list.
 */
import { acceptedOutcomes } from '../rules/auction-book';
import { bid, opened } from './book-model-fixtures';

describe('the outcomes the port calls accepted', () => {
  it('are exactly those whose bid the book counts: leading, raised-max and outbid, not already-leading or too-low', () => {
    const model = opened({ startCents: 1_000 });
    const steps = [
      bid('ann', 1_000, { maxCents: 2_000 }), // leading
      bid('ann', 1_000, { maxCents: 3_000 }), // raised-max
      bid('ann', 1_000, { maxCents: 2_500 }), // already-leading
      bid('bob', 1_000), // too-low
      bid('bob', 1_500), // outbid: ann's max answers
    ];
    let counted = 0;
    const seen: string[] = [];
    for (const step of steps) {
      const result = model.placeBid({ auctionId: 'a1' }, step);
      const count = result.snapshot?.bidCount ?? 0;
      seen.push(result.outcome);
      expect({ outcome: result.outcome, accepted: acceptedOutcomes.includes(result.outcome) }).toEqual({ outcome: result.outcome, accepted: count > counted });
      counted = count;
    }
    expect(seen).toEqual(['leading', 'raised-max', 'already-leading', 'too-low', 'outbid']);
  });
});
