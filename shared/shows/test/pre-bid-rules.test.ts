/**
 * Pre-bids as rules: typed as a member types them, kept one a member, and placed in the order
 * they were set so that, in the book, the highest maximum leads and an earlier one wins a tie.
 */
import fc from 'fast-check';
import { newAuctionBookModel, defaultLadder } from '../../auctions';
import { incrementAt } from '../../auctions/rules/auction-book';
import { isPreBidButton, lotPreBidsPath, parsePreBid, placementOrder, preBidButtonId, preBidRequest, withPreBid, type PreBid } from '../rules/pre-bid';
import { auctionTerms, GUILD, t0 } from '../../../test/support/auction-book-fixtures';

const preBids = fc
  .uniqueArray(fc.record({ id: fc.integer({ min: 0, max: 50 }), maxCents: fc.constantFrom(1_000, 2_000, 2_500, 4_000), setAtMs: fc.nat({ max: 30 }) }), {
    selector: (b) => b.id,
    minLength: 1,
    maxLength: 6,
  })
  .map((bids) => bids.map((b): PreBid => ({ bidderId: `m${b.id}`, bidderName: `M${b.id}`, maxCents: b.maxCents, setAtMs: t0 - 60_000 + b.setAtMs })));

/** Places the pre-bids as the show does when the lot opens, into the model book. */
function placeAll(bids: PreBid[]) {
  const book = newAuctionBookModel();
  book.open(auctionTerms({ startCents: 1_000, streamDelayMs: 0 }));
  for (const [rank, pre] of placementOrder(bids).entries()) {
    const next = book.read('a1')?.nextMinimumCents ?? 1_000;
    book.placeBid(
      { auctionId: 'a1' },
      preBidRequest(pre, rank, { auctionId: 'a1', guildId: GUILD, opensAtMs: t0, nextMinimumCents: next, nowMs: t0 }, 'pre-bid:dm'),
    );
  }
  return book.read('a1');
}

describe('pre-bids placed when the lot opens', () => {
  it('leave the highest maximum leading, an earlier-set one winning a tie, at no more than a step over the next best', async () => {
    await fc.assert(
      fc.property(preBids, (bids) => {
        const ordered = placementOrder(bids);
        const top = Math.max(...bids.map((b) => b.maxCents));
        const winner = ordered.find((b) => b.maxCents === top) as PreBid;
        const rest = ordered.filter((b) => b !== winner).map((b) => b.maxCents);
        const placed = placeAll(bids);
        expect(placed?.leaderId).toBe(winner.bidderId);
        expect(placed?.priceCents).toBeGreaterThanOrEqual(1_000);
        expect(placed?.priceCents).toBeLessThanOrEqual(top);
        if (rest.length > 0) expect(placed?.priceCents).toBeLessThanOrEqual(Math.max(...rest) + incrementAt(Math.max(...rest), defaultLadder));
      }),
    );
  });

  it('sell a tie of equal maximums to the pre-bid set first, at that maximum', () => {
    const first = { bidderId: 'late-id', bidderName: 'First', maxCents: 4_000, setAtMs: t0 - 9_000 };
    const second = { bidderId: 'early-id', bidderName: 'Second', maxCents: 4_000, setAtMs: t0 - 5_000 };
    const low = { bidderId: 'low', bidderName: 'Low', maxCents: 2_000, setAtMs: t0 - 10_000 };
    expect(placeAll([second, low, first])).toMatchObject({ leaderId: 'late-id', priceCents: 4_000 });
    expect(placeAll([low, second])).toMatchObject({ leaderId: 'early-id', priceCents: 2_100 });
  });

  it('are placed set first, a millisecond apart from the opening, each with its own fixed bid id', () => {
    const a = { bidderId: 'a', bidderName: 'A', maxCents: 2_000, setAtMs: 5 };
    const b = { bidderId: 'b', bidderName: 'B', maxCents: 2_000, setAtMs: 3 };
    const c = { bidderId: 'c', bidderName: 'C', maxCents: 2_000, setAtMs: 3 };
    expect(placementOrder([a, c, b]).map((p) => p.bidderId)).toEqual(['b', 'c', 'a']);
    const lot = { auctionId: 'auc1', guildId: 'g1', opensAtMs: t0, nextMinimumCents: 2_500, nowMs: t0 + 9 };
    expect(preBidRequest(a, 2, lot, 'tok')).toEqual({
      bidId: 'prebid-auc1-a',
      guildId: 'g1',
      bidderId: 'a',
      bidderName: 'A',
      // A maximum under the next minimum bids all of it, and is outbid at once.
      amountCents: 2_000,
      maxCents: 2_000,
      responseToken: 'tok',
      atMs: t0 + 2,
      receivedAtMs: t0 + 9,
      // A proxy: the book bids its own minimum when it lands, so a live bid before it never makes it too low.
      proxy: true,
    });
    expect(preBidRequest({ ...a, maxCents: 9_000 }, 0, lot, 'tok')).toMatchObject({ amountCents: 2_500, maxCents: 9_000, atMs: t0 });
  });

  it('are placed in the order of the bidders’ ids when set at the same moment, whatever order they are stored in', () => {
    const at = (bidderId: string): PreBid => ({ bidderId, bidderName: bidderId, maxCents: 2_000, setAtMs: 7 });
    expect(placementOrder([at('b'), at('c')]).map((p) => p.bidderId)).toEqual(['b', 'c']);
    expect(placementOrder([at('c'), at('b')]).map((p) => p.bidderId)).toEqual(['b', 'c']);
    expect(placementOrder([at('c'), at('a'), at('b')]).map((p) => p.bidderId)).toEqual(['a', 'b', 'c']);
  });
});

describe('a member’s pre-bid on a lot', () => {
  const ann = (maxCents: number, setAtMs: number): PreBid => ({ bidderId: 'ann', bidderName: 'Ann', maxCents, setAtMs });

  it('is one a member: a raise takes the time of the raise, a lowered one keeps its place, 0 withdraws it', () => {
    const bo = { bidderId: 'bo', bidderName: 'Bo', maxCents: 3_000, setAtMs: 2 };
    expect(withPreBid([bo], ann(2_000, 1))).toEqual([bo, ann(2_000, 1)]);
    expect(withPreBid([ann(2_000, 1), bo], ann(5_000, 9))).toEqual([bo, ann(5_000, 9)]);
    expect(withPreBid([ann(2_000, 1), bo], ann(1_500, 9))).toEqual([bo, ann(1_500, 1)]);
    expect(withPreBid([ann(2_000, 1), bo], ann(2_000, 9))).toEqual([bo, ann(2_000, 1)]);
    expect(withPreBid([ann(2_000, 1), bo], ann(0, 9))).toEqual([bo]);
  });

  it('is typed as a lot number and a maximum, max:0 withdrawing; anything else says what to type', () => {
    expect(parsePreBid({ lot: 3, max: 40 }, 'usd')).toEqual({ ok: true, lotNumber: 3, maxCents: 4_000 });
    expect(parsePreBid({ lot: '2', max: '12.50' }, 'usd')).toEqual({ ok: true, lotNumber: 2, maxCents: 1_250 });
    expect(parsePreBid({ lot: 1, max: 0 }, 'usd')).toEqual({ ok: true, lotNumber: 1, maxCents: 0 });
    expect(parsePreBid({ lot: 1, max: '0.00' }, 'usd')).toEqual({ ok: true, lotNumber: 1, maxCents: 0 });
    for (const lot of [0, -1, 1.5, 'x', undefined])
      expect(parsePreBid({ lot, max: 40 }, 'usd')).toMatchObject({ ok: false, reason: expect.stringContaining('**lot**') });
    for (const max of ['', undefined, '12.345', '-5'])
      expect(parsePreBid({ lot: 1, max }, 'usd')).toMatchObject({ ok: false, reason: expect.stringContaining('**max**') });
  });

  it('asks for the maximum in those words when none is typed, blanks being none', () => {
    const none = { ok: false, reason: '**max**: the most you will pay, for example `max:40`; `max:0` withdraws your pre-bid.' };
    for (const max of ['', '   ', undefined]) expect(parsePreBid({ lot: 1, max }, 'usd')).toEqual(none);
  });

  it('takes any way of typing zero as a withdrawal, and a maximum under a whole unit as that many cents', () => {
    for (const max of ['00', ' 0 ', '0.0', '000.00']) expect(parsePreBid({ lot: ' 4 ', max }, 'usd')).toEqual({ ok: true, lotNumber: 4, maxCents: 0 });
    expect(parsePreBid({ lot: 4, max: '0.50' }, 'usd')).toEqual({ ok: true, lotNumber: 4, maxCents: 50 });
    expect(parsePreBid({ lot: 4, max: ' 12 ' }, 'usd')).toEqual({ ok: true, lotNumber: 4, maxCents: 1_200 });
  });

  it('is kept in one document per lot of a show, apart from the show', () => {
    expect(lotPreBidsPath('show0001', 'lot3')).toBe('showPreBids/show0001-lot3');
  });
});

describe('the run sheet’s Pre-bid button', () => {
  it('is known by its own id, a show’s, and no other button is taken for it', () => {
    expect(preBidButtonId('show0001')).toBe('prebid:show0001');
    expect(isPreBidButton(preBidButtonId('ab12cd34'))).toBe(true);
    for (const other of ['prebid:set', 'prebid:ab12cd345', 'xprebid:ab12cd34', 'prebid:AB12CD34', 'bid:ab12cd34']) expect(isPreBidButton(other)).toBe(false);
  });
});
