/**
 * An auction's result with bidders withdrawn (erased while it was live): the proxy rule over
 * the bidders left, checked against the book itself replaying only their bids.
 */
import fc from 'fast-check';
import { resultWithout } from '../rules/withdrawn-bidders';
import { defaultLadder, type BidRecord } from '../rules/auction-book';
import { bid, opened, t0 } from './book-model-fixtures';

function closedBook(bids: Array<{ who: string; amount: number; max: number; proxy?: boolean }>, reserveCents = 0) {
  const model = opened({ reserveCents });
  bids.forEach((b, i) =>
    model.placeBid({ auctionId: 'a1' }, bid(b.who, b.amount, { bidId: `b${i}`, maxCents: b.max, atMs: t0 + 1_000 + i, ...(b.proxy ? { proxy: true } : {}) })),
  );
  const closed = model.hammer('a1', 0, t0 + 60_000);
  if (closed.kind !== 'closed') throw new Error('not closed');
  return closed;
}

describe('a result with bidders withdrawn', () => {
  it('gives the lead to the best bidder left, at one step over the next best', () => {
    const closed = closedBook([
      { who: 'ann', amount: 1_000, max: 3_000 },
      { who: 'bob', amount: 1_100, max: 5_000 },
      { who: 'cat', amount: 1_000, max: 4_000, proxy: true },
    ]);
    expect(closed.snapshot).toMatchObject({ leaderId: 'bob', priceCents: 4_200 });
    const without = resultWithout(new Set(['bob']), closed, defaultLadder);
    expect(without.snapshot).toMatchObject({ leaderId: 'cat', leaderName: 'Name of cat', priceCents: 3_200, bidCount: 2, reserveMet: true });
    expect(without.standings.map((s) => s.bidderId)).toEqual(['cat', 'ann']);
    expect(without.bids.every((b: BidRecord) => b.bidderId !== 'bob')).toBe(true);
  });

  it('leaves a lone bidder at what they bid, and meets the reserve their max reaches', () => {
    const closed = closedBook(
      [
        { who: 'ann', amount: 1_500, max: 6_000 },
        { who: 'bob', amount: 6_100, max: 6_100 },
      ],
      5_000,
    );
    expect(resultWithout(new Set(['bob']), closed, defaultLadder).snapshot).toMatchObject({ leaderId: 'ann', priceCents: 5_000, reserveMet: true });
  });

  it('leaves no leader when everyone who bid is withdrawn', () => {
    const closed = closedBook([{ who: 'ann', amount: 1_000, max: 2_000 }]);
    const without = resultWithout(new Set(['ann']), closed, defaultLadder);
    expect(without.snapshot.leaderId).toBeUndefined();
    expect(without.snapshot).toMatchObject({ priceCents: 1_000, bidCount: 0 });
  });

  it('holds the one left to the most they bid themselves, never what another bid', () => {
    const closed = closedBook([
      { who: 'ann', amount: 1_000, max: 2_000 },
      { who: 'bob', amount: 4_000, max: 4_000 },
    ]);
    expect(resultWithout(new Set(['bob']), closed, defaultLadder).snapshot).toMatchObject({ leaderId: 'ann', priceCents: 1_000 });
  });

  it('meets the reserve only when the max left reaches it, and says when it is not met', () => {
    const at = (max: number) =>
      resultWithout(
        new Set(['bob']),
        closedBook(
          [
            { who: 'ann', amount: 1_000, max },
            { who: 'bob', amount: 9_000, max: 9_000 },
          ],
          5_000,
        ),
        defaultLadder,
      ).snapshot;
    expect(at(5_000)).toMatchObject({ leaderId: 'ann', priceCents: 5_000, reserveMet: true });
    expect(at(4_999)).toMatchObject({ leaderId: 'ann', priceCents: 1_000, reserveMet: false });
    const nobody = resultWithout(new Set(['ann']), closedBook([{ who: 'ann', amount: 6_000, max: 6_000 }], 5_000), defaultLadder).snapshot;
    expect(nobody.reserveMet).toBe(false);
    expect(resultWithout(new Set(['ann']), closedBook([{ who: 'ann', amount: 1_000, max: 1_000 }]), defaultLadder).snapshot.reserveMet).toBe(true);
  });

  // One bid a bidder: a leader who raised their own max later would keep the book's price where
  // it was (as eBay's), which the rule over final maxima does not replay.
  it('agrees with the book replaying only the bids of those left, whoever is withdrawn', async () => {
    const bidders = ['b0', 'b1', 'b2', 'b3'];
    await fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ who: fc.constantFrom(...bidders), max: fc.integer({ min: 10, max: 60 }).map((d) => d * 100) }), {
          minLength: 1,
          maxLength: 4,
          selector: (b) => b.who,
        }),
        fc.subarray(bidders),
        (asked, withdrawn) => {
          // Each bid at the book's minimum then, up to its max: a proxy, as a pre-bid bids.
          const all = asked.map((a) => ({ who: a.who, amount: 1_000, max: a.max }));
          const replayBook = opened();
          const full = opened();
          all.forEach((b, i) => {
            const request = bid(b.who, b.amount, { bidId: `b${i}`, maxCents: b.max, atMs: t0 + 1_000 + i, proxy: true });
            full.placeBid({ auctionId: 'a1' }, request);
            if (!withdrawn.includes(b.who)) replayBook.placeBid({ auctionId: 'a1' }, request);
          });
          const closed = full.hammer('a1', 0, t0 + 60_000);
          const replayed = replayBook.hammer('a1', 0, t0 + 60_000);
          if (closed.kind !== 'closed' || replayed.kind !== 'closed') throw new Error('not closed');
          const without = resultWithout(new Set(withdrawn), closed, defaultLadder);
          expect({ leaderId: without.snapshot.leaderId, priceCents: without.snapshot.priceCents }).toEqual({
            leaderId: replayed.snapshot.leaderId,
            priceCents: replayed.snapshot.leaderId === undefined ? 1_000 : replayed.snapshot.priceCents,
          });
        },
      ),
    );
  });
});
