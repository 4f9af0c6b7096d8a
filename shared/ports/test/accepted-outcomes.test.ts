/**
 * Which of the book's answers took a bid into the auction (`acceptedOutcomes`): what the
 * bidder is told was accepted, and what the show page counts as accepted.
 */
import { acceptedOutcomes, bidOutcomes } from '../auction-book';

describe('the bid outcomes that took a bid into the book', () => {
  it('are leading, raising one’s own max, being outbid at once by a higher max, and being taken sealed in the final call', () => {
    expect([...acceptedOutcomes].sort()).toEqual(['leading', 'outbid', 'raised-max', 'sealed']);
  });

  it('are outcomes the book answers, and leave every refusal out', () => {
    const refusals = bidOutcomes.filter((outcome) => !acceptedOutcomes.includes(outcome));
    expect(acceptedOutcomes.every((outcome) => bidOutcomes.includes(outcome))).toBe(true);
    expect(refusals).toContain('already-leading');
    expect(refusals).not.toContain('');
    expect(refusals.length + acceptedOutcomes.length).toBe(bidOutcomes.length);
  });
});
