/**
 * The sealed final call on the reference model (issue 61): after the stated end, bids are
 * taken and answered `sealed` until the final call's end, while every snapshot keeps the
 * price, leader and count the public saw when it began; the hammer then gives the proxy
 * rule's result over every counted bid, whatever order they reached the book in.
 */
import fc from 'fast-check';
import { extendedEndMs, hammerAtMs, hammerDueMs, inFinalCall, incrementAt, phaseOf, type BidRequest } from '../rules/auction-book';
import { bid, opened, t0 } from './book-model-fixtures';
import { drawRank } from '../rules/sealed-draw';

const end = t0 + 60_000;
const finalCalls = fc.integer({ min: 0, max: 30 }).map((s) => s * 1_000);
const hammered = (model: ReturnType<typeof opened>, atMs: number) => {
  const closed = model.hammer('a1', model.read('a1')?.version ?? 0, atMs);
  if (closed.kind !== 'closed') throw new Error(`not closed: ${closed.kind}`);
  return closed.snapshot;
};

describe('the final call’s moments', () => {
  it('puts the hammer at the stated end plus the final call, due once the settle window after it has passed', () => {
    expect(hammerAtMs({ endsAtMs: end, finalCallMs: 20_000 })).toBe(end + 20_000);
    expect(hammerDueMs({ endsAtMs: end, finalCallMs: 20_000, settleMs: 2_000 })).toBe(end + 22_000);
    expect(hammerDueMs({ endsAtMs: end, finalCallMs: 0, settleMs: 2_000 })).toBe(end + 2_000);
  });

  it('moves a counter-bid’s stated end to a whole second, the counter-bid time after the bid', () => {
    expect(extendedEndMs(end - 1_500, { counterBidMs: 10_000 })).toBe(end + 9_000);
    expect(extendedEndMs(end - 2_000, { counterBidMs: 10_000 })).toBe(end + 8_000);
  });

  it('counts a bid made a millisecond before the final call’s end, and none made at it', async () => {
    await fc.assert(
      fc.property(finalCalls, (finalCallMs) => {
        const model = opened({ finalCallMs, streamDelayMs: 0, suddenDeath: true, counterBidMs: 0, settleMs: 2_000 });
        const last = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end + finalCallMs - 1 }));
        expect(last.outcome).toBe(finalCallMs === 0 ? 'leading' : 'sealed');
        expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 5_000, { atMs: end + finalCallMs })).outcome).toBe('closed');
        expect(hammered(model, end + finalCallMs + 2_000)).toMatchObject({ leaderId: 'ann', endsAtMs: end });
      }),
    );
  });

  it('takes a bid made in time that reaches the book inside the settle window, and none after it', () => {
    const model = opened({ finalCallMs: 10_000, settleMs: 2_000 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end + 9_500, receivedAtMs: end + 11_999 })).outcome).toBe('sealed');
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 5_000, { atMs: end + 9_900, receivedAtMs: end + 12_000 })).outcome).toBe('closed');
  });

  it('refuses the hammer before the final call and settle window are over, and closes at that moment', () => {
    const model = opened({ finalCallMs: 10_000, settleMs: 2_000 });
    expect(model.hammer('a1', 0, end + 11_999)).toEqual({ kind: 'early', dueAtMs: end + 12_000, bookNowMs: end + 11_999 });
    expect(model.hammer('a1', 0, end + 12_000)).toMatchObject({ kind: 'closed' });
  });
});

describe('the soft close before the final call', () => {
  it('extends when a bid leaves less than the counter-bid time before the stated end, and not when it leaves exactly that', async () => {
    await fc.assert(
      fc.property(
        finalCalls,
        fc.integer({ min: 1, max: 30 }).map((s) => s * 1_000),
        (finalCallMs, counterBidMs) => {
          const near = opened({ finalCallMs, counterBidMs });
          expect(near.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end - counterBidMs + 1 }))).toMatchObject({
            outcome: 'leading',
            extended: true,
            snapshot: { endsAtMs: end + 1_000, version: 1 },
          });
          const far = opened({ finalCallMs, counterBidMs });
          expect(far.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end - counterBidMs })).extended).toBe(false);
        },
      ),
    );
  });

  it('never extends the final call, for a bid made in it or one made before the end that reaches the book after it', () => {
    const model = opened({ finalCallMs: 20_000, counterBidMs: 10_000 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end + 1_000 }))).toMatchObject({ outcome: 'sealed', extended: false });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { maxCents: 9_000, atMs: end - 500, receivedAtMs: end + 100 }))).toMatchObject({
      outcome: 'sealed',
      extended: false,
      snapshot: { endsAtMs: end, version: 0 },
    });
  });

  it('starts a sudden-death final call at the stated end, whatever came before', () => {
    const model = opened({ finalCallMs: 10_000, suddenDeath: true, counterBidMs: 0 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end - 1 }))).toMatchObject({ outcome: 'leading', extended: false });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { atMs: end }))).toMatchObject({ outcome: 'sealed', snapshot: { endsAtMs: end } });
  });
});

describe('a sealed final call', () => {
  it('keeps the price, leader and count shown when it began in every answer and read, and tells no one they were outbid', () => {
    const model = opened({ finalCallMs: 20_000 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 2_000, { maxCents: 2_500, atMs: end - 30_000 }));
    const shown = { leaderId: 'ann', leaderName: 'Name of ann', priceCents: 2_000, bidCount: 1, nextMinimumCents: 2_100 };
    const sealed = model.placeBid({ auctionId: 'a1' }, bid('bob', 2_100, { maxCents: 6_000, atMs: end + 3_000 }));
    expect(sealed).toMatchObject({ outcome: 'sealed', extended: false, embed: { kind: 'none' }, snapshot: shown });
    expect(sealed.displaced).toBeUndefined();
    expect(sealed.yourMaxCents).toBeUndefined();
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 2_100, { maxCents: 3_000, atMs: end + 4_000 }))).toMatchObject({
      outcome: 'sealed',
      snapshot: shown,
    });
    expect(model.read('a1')).toMatchObject(shown);
    // The result, at the hammer: bob's 6,000 over ann's raised 3,000, one step above it.
    expect(hammered(model, end + 20_000)).toMatchObject({ leaderId: 'bob', priceCents: 3_200, bidCount: 3 });
  });

  it('takes a bid that beats the price shown, even below what the sealed bids have made it, as a losing max that raises the price', () => {
    const model = opened({ finalCallMs: 20_000 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 2_000, { atMs: end - 30_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('bob', 2_100, { maxCents: 9_000, atMs: end + 1_000 }));
    // The public still sees 2,000 and a minimum of 2,100: cat's 2,100 up to 4,000 is counted.
    expect(model.placeBid({ auctionId: 'a1' }, bid('cat', 2_100, { maxCents: 4_000, atMs: end + 2_000 })).outcome).toBe('sealed');
    expect(model.placeBid({ auctionId: 'a1' }, bid('dan', 2_000, { atMs: end + 2_500 })).outcome).toBe('too-low');
    expect(hammered(model, end + 20_000)).toMatchObject({ leaderId: 'bob', priceCents: 4_200 });
  });

  it('answers a redelivered sealed bid as sealed, before the hammer and after it, and counts it once', () => {
    const model = opened({ finalCallMs: 20_000, settleMs: 1_000 });
    const first = bid('ann', 1_000, { maxCents: 5_000, atMs: end + 1_000 });
    model.placeBid({ auctionId: 'a1' }, first);
    expect(model.placeBid({ auctionId: 'a1' }, { ...first, receivedAtMs: end + 5_000 })).toMatchObject({ outcome: 'sealed', repeat: true });
    hammered(model, end + 21_000);
    expect(model.placeBid({ auctionId: 'a1' }, { ...first, receivedAtMs: end + 30_000 })).toMatchObject({
      outcome: 'sealed',
      repeat: true,
      snapshot: { status: 'closed', leaderId: 'ann', bidCount: 1 },
    });
  });

  it('gives the same result for the final call’s bids in any order they reach the book: the highest max, the committed draw on a tie (never the earlier), one step over the next', async () => {
    const bidders = ['b0', 'b1', 'b2', 'b3', 'b4'];
    await fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            bidder: fc.constantFrom(...bidders),
            maxCents: fc.integer({ min: 11, max: 80 }).map((d) => d * 100),
            atMs: fc.integer({ min: 0, max: 19_999 }),
          }),
          { minLength: 1, maxLength: 5, selector: (b) => b.bidder },
        ),
        fc.func(fc.integer()),
        (sealedBids, shuffleKey) => {
          const requests: BidRequest[] = sealedBids.map((b, i) =>
            bid(b.bidder, 1_100, { bidId: `s${i}`, maxCents: b.maxCents, atMs: end + b.atMs, receivedAtMs: end + 19_999 }),
          );
          const results = [requests, [...requests].sort((x, y) => shuffleKey(x.bidId) - shuffleKey(y.bidId) || x.bidId.localeCompare(y.bidId))].map((order) => {
            const model = opened({ finalCallMs: 20_000 });
            model.placeBid({ auctionId: 'a1' }, bid('opener', 1_000, { atMs: end - 30_000 }));
            for (const r of order) expect(model.placeBid({ auctionId: 'a1' }, r).outcome).toBe('sealed');
            return hammered(model, end + 20_000);
          });
          expect(results[0]).toMatchObject({ leaderId: results[1]?.leaderId, priceCents: results[1]?.priceCents });
          // The rule computed apart from the book: best max (the draw's lower rank on a tie; the terms' seed is '') wins, at one step over the runner-up, capped by its max.
          const everyone = [...requests.map((r) => ({ id: r.bidderId, max: r.maxCents })), { id: 'opener', max: 1_000 }];
          everyone.sort((x, y) => y.max - x.max || (drawRank('', x.id) < drawRank('', y.id) ? -1 : 1));
          const [best, next] = everyone as [(typeof everyone)[0], (typeof everyone)[0]];
          expect(results[0]).toMatchObject({ leaderId: best.id, priceCents: Math.max(1_100, Math.min(best.max, next.max + incrementAt(next.max))) });
        },
      ),
    );
  });
});

describe('a pre-bid’s proxy', () => {
  it('bids the book’s own minimum as it stands when it lands, so a live bid before it never makes it too low', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('live', 3_000, { atMs: t0 + 500 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('pre', 1_000, { maxCents: 10_000, atMs: t0, proxy: true }))).toMatchObject({
      outcome: 'leading',
      snapshot: { leaderId: 'pre', priceCents: 3_200 },
    });
  });

  it('is outbid at once when its max is under the minimum, raising the price to one step over its max', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('live', 3_000, { maxCents: 9_000, atMs: t0 + 500 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('pre', 1_000, { maxCents: 2_000, atMs: t0, proxy: true }))).toMatchObject({
      outcome: 'outbid',
      snapshot: { leaderId: 'live', priceCents: 3_000 },
    });
    expect(model.placeBid({ auctionId: 'a1' }, bid('pre2', 1_000, { maxCents: 4_000, atMs: t0, proxy: true }))).toMatchObject({
      outcome: 'outbid',
      snapshot: { leaderId: 'live', priceCents: 4_200 },
    });
  });

  it('is too low only when its max is under the start price and nobody leads', () => {
    const model = opened({ startCents: 2_000 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('pre', 1_000, { maxCents: 1_500, atMs: t0, proxy: true })).outcome).toBe('too-low');
  });
});

describe('when a bid falls in the final call, and the phase a viewer sees', () => {
  const s = { endsAtMs: end };

  it('is in the final call when made at the end or decided by the book once its clock reached it, and not a millisecond before both', () => {
    expect(inFinalCall(s, end, end - 50)).toBe(true);
    expect(inFinalCall(s, end - 50, end)).toBe(true);
    expect(inFinalCall(s, end - 1, end - 1)).toBe(false);
  });

  it('is in the final call once it has begun, whatever the bid’s stamp or a clock says', () => {
    expect(inFinalCall({ endsAtMs: end, begun: true }, end - 5_000, end - 5_000)).toBe(true);
  });

  it('is bidding until the book says the final call began, the final call until the hammer, then sold, unsold or cancelled', () => {
    const live = { status: 'live' as const, reserveMet: true, leaderId: 'ann', finalCallBegun: false };
    expect(phaseOf(live)).toBe('bidding');
    expect(phaseOf({ ...live, finalCallBegun: true })).toBe('final-call');
    expect(phaseOf({ ...live, status: 'closed' })).toBe('sold');
    expect(phaseOf({ ...live, status: 'closed', reserveMet: false })).toBe('unsold');
    expect(phaseOf({ ...live, status: 'closed', leaderId: undefined })).toBe('unsold');
    expect(phaseOf({ ...live, status: 'cancelled', finalCallBegun: true })).toBe('cancelled');
  });

  it('reads the final call as begun from the book’s clock reaching the end, or from the first sealed bid, whatever that bid’s stamp', () => {
    const model = opened({ finalCallMs: 20_000 });
    expect(model.reading('a1', end - 1)).toMatchObject({ finalCallBegun: false, bookNowMs: end - 1 });
    expect(model.reading('a1', end)).toMatchObject({ finalCallBegun: true, bookNowMs: end });
    // A bid stamped after the end reaching the book before its clock gets there seals it all the same.
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 2_000, { atMs: end + 500, receivedAtMs: end - 500 })).outcome).toBe('sealed');
    expect(model.reading('a1', end - 400)?.finalCallBegun).toBe(true);
    expect(model.hammer('a1', 0, end + 20_000).kind).toBe('closed');
    expect(model.reading('a1', end + 20_000)?.finalCallBegun).toBe(false);
  });
});

describe('the sealed state, kept from the final call’s first change', () => {
  it('freezes before a leader’s raise in the final call, and before an outbid one that moves the price', () => {
    const raise = opened({ finalCallMs: 20_000 });
    raise.placeBid({ auctionId: 'a1' }, bid('ann', 2_000, { maxCents: 2_000, atMs: end - 30_000 }));
    raise.placeBid({ auctionId: 'a1' }, bid('bob', 2_100, { maxCents: 2_100, atMs: end - 20_000 }));
    // ann outbid at once before the end: the public sees bob at 2,100.
    expect(raise.placeBid({ auctionId: 'a1' }, bid('bob', 2_200, { maxCents: 9_000, atMs: end + 1_000 })).outcome).toBe('sealed');
    expect(raise.read('a1')).toMatchObject({ leaderId: 'bob', priceCents: 2_100, bidCount: 2 });
    expect(raise.placeBid({ auctionId: 'a1' }, bid('cat', 2_200, { maxCents: 5_000, atMs: end + 2_000 })).outcome).toBe('sealed');
    expect(raise.read('a1')).toMatchObject({ leaderId: 'bob', priceCents: 2_100, bidCount: 2 });
    const outbidFirst = opened({ finalCallMs: 20_000 });
    outbidFirst.placeBid({ auctionId: 'a1' }, bid('ann', 2_000, { maxCents: 6_000, atMs: end - 30_000 }));
    expect(outbidFirst.placeBid({ auctionId: 'a1' }, bid('cat', 2_100, { maxCents: 3_000, atMs: end + 2_000 })).outcome).toBe('sealed');
    expect(outbidFirst.read('a1')).toMatchObject({ leaderId: 'ann', priceCents: 2_000, bidCount: 1 });
  });

  it('bids a proxy its own amount when the book’s minimum is under it', () => {
    const model = opened();
    expect(model.placeBid({ auctionId: 'a1' }, bid('pre', 3_000, { maxCents: 9_000, atMs: t0, proxy: true })).snapshot).toMatchObject({ priceCents: 3_000 });
  });

  it('gives each bidder’s latest answer at the hammer, by bidder id', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('zed', 1_000, { responseToken: 'z1', atMs: t0 + 1_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('amy', 1_100, { responseToken: 'a1', atMs: t0 + 2_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('zed', 1_200, { responseToken: 'z2', atMs: t0 + 3_000 }));
    expect(hammered(model, end)).toBeDefined();
    expect(model.hammer('a1', 0, end)).toMatchObject({
      answers: [
        { bidderId: 'amy', responseToken: 'a1' },
        { bidderId: 'zed', responseToken: 'z2' },
      ],
    });
  });
});
