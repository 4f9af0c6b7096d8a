/**
 * Second chance as an offer (issue 76): the runner-up is offered what the proxy rule would
 * have charged them had the winner never bid, never their hidden max.
 */
import { AuctionBookModel } from '../rules/auction-book-model';
import { defaultLadder, type HammerResult } from '../rules/auction-book';
import { offerPriceOf, pricedRunnerUps } from '../rules/second-chance';
import { bid, terms, t0 } from './book-model-fixtures';

const end = t0 + 60_000;

/** A seller's friend outbids sealed over a runner-up with a $150 max, above a third bidder at $30. */
function closedWithFriend(): Extract<HammerResult, { kind: 'closed' }> {
  const model = new AuctionBookModel();
  model.open(terms({ finalCallMs: 20_000 }));
  model.placeBid({ auctionId: 'a1' }, bid('third', 3_000, { atMs: t0 + 1_000 }));
  model.placeBid({ auctionId: 'a1' }, bid('runner', 3_200, { maxCents: 15_000, atMs: t0 + 2_000 }));
  model.placeBid({ auctionId: 'a1' }, bid('friend', 20_000, { atMs: end + 1_000 }));
  const closed = model.hammer('a1', 0, end + 20_000);
  if (closed.kind !== 'closed') throw new Error(closed.kind);
  return closed;
}

describe('the price a runner-up is offered', () => {
  it('is the proxy rule’s price without the winner ($32 over a $30 bid), never the runner-up’s hidden max ($150)', () => {
    const closed = closedWithFriend();
    expect(closed.snapshot.leaderId).toBe('friend');
    const runnerUps = closed.standings.filter((s) => s.bidderId !== 'friend');
    const [runner, third] = pricedRunnerUps(closed, runnerUps, defaultLadder);
    expect(runner).toMatchObject({ bidderId: 'runner', topCents: 15_000, offerCents: 3_200 });
    // The next one down, should the runner-up not pay either: alone, what they bid in the open themselves.
    expect(third).toMatchObject({ bidderId: 'third', offerCents: 3_000 });
  });

  it('is read from the close, or for an auction closed before offers were priced, one step over the next runner-up’s max', () => {
    const start = { startCents: 1_000, reserveCents: 0 };
    const runnerUps = [
      { bidderId: 'runner', bidderName: 'r', topCents: 15_000, atMs: 1 },
      { bidderId: 'third', bidderName: 't', topCents: 3_000, atMs: 2 },
    ];
    expect(offerPriceOf(runnerUps, 0, start, defaultLadder)).toBe(3_200);
    expect(offerPriceOf(runnerUps, 1, start, defaultLadder)).toBe(1_000);
    expect(offerPriceOf(runnerUps, 1, { startCents: 1_000, reserveCents: 2_500 }, defaultLadder)).toBe(2_500);
    expect(offerPriceOf([{ ...runnerUps[0]!, offerCents: 4_000 }], 0, start, defaultLadder)).toBe(4_000);
  });
});
