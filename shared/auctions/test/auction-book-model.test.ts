/**
 * The bid engine's rules, one at a time, on the sequential reference model: opening a book,
 * and a bid. The Lua in Redis is held to the same answers by
 * test/integration/upstash-auction-book.test.ts; the timing of bids, the embed, the hammer
 * and cancelling are in auction-book-model-timing.test.ts.
 */
import { AuctionBookModel } from '../rules/auction-book-model';
import { bid, opened, priceOf, t0, terms } from './book-model-fixtures';

describe('opening an auction in the book', () => {
  it('starts at the start price with no leader, no bids, version 0 and the channel pointing at it', () => {
    const model = opened();
    expect(model.read('a1')).toEqual({
      auctionId: 'a1',
      channelId: 'c1',
      messageId: 'm1',
      builderId: 'builder',
      item: 'Keyboard',
      currency: 'usd',
      status: 'live',
      startCents: 1_000,
      reserveCents: 0,
      priceCents: 1_000,
      nextMinimumCents: 1_000,
      endsAtMs: t0 + 60_000,
      version: 0,
      bidCount: 0,
      reserveMet: true,
      suddenDeath: false,
      counterBidMs: 10_000,
      settleMs: 0,
      streamDelayMs: 0,
      finalCallMs: 0,
    });
    expect(model.liveAuctionIn('c1')).toBe('a1');
  });

  it('answers exists for an auction opened before, and changes nothing', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000));
    expect(model.open(terms({ startCents: 5 }))).toEqual({ kind: 'exists' });
    expect(model.read('a1')?.bidCount).toBe(1);
  });

  it('refuses a second live auction in a channel, naming the live one', () => {
    const model = opened();
    expect(model.open(terms({ auctionId: 'a2' }))).toEqual({ kind: 'channel-busy', auctionId: 'a1' });
    expect(model.read('a2')).toBeUndefined();
  });

  it('lets the channel run a new auction once the last one was cancelled or closed', () => {
    const model = opened();
    expect(model.cancel('a1')).toBe('cancelled');
    expect(model.liveAuctionIn('c1')).toBeUndefined();
    expect(model.open(terms({ auctionId: 'a2' }))).toEqual({ kind: 'opened' });
    expect(model.hammer('a2', 0, t0 + 60_000).kind).toBe('closed');
    expect(model.open(terms({ auctionId: 'a3' }))).toEqual({ kind: 'opened' });
    expect(model.liveAuctionIn('c1')).toBe('a3');
  });
});

describe('a bid', () => {
  it('on an unknown auction is not-found, with no snapshot', () => {
    expect(new AuctionBookModel().placeBid({ auctionId: 'nope' }, bid('ann', 1_000))).toEqual({
      outcome: 'not-found',
      repeat: false,
      extended: false,
      embed: { kind: 'none' },
    });
  });

  it('redelivered is answered with its recorded outcome as a repeat, and changes nothing', () => {
    const model = opened();
    const first = bid('ann', 1_000, { atMs: t0 + 5_000 });
    expect(model.placeBid({ auctionId: 'a1' }, first).outcome).toBe('leading');
    const before = model.read('a1');
    const again = model.placeBid({ auctionId: 'a1' }, { ...first, atMs: t0 + 7_000 });
    expect(again).toEqual({ outcome: 'leading', repeat: true, snapshot: before, yourMaxCents: 1_000, extended: false, embed: { kind: 'none' } });
    expect(model.read('a1')).toEqual(before);
    expect(model.hammer('a1', 0, t0 + 60_000)).toMatchObject({ kind: 'closed', snapshot: { bidCount: 1 } });
  });

  it('redelivered shows the bidder’s max only while they still lead', () => {
    const model = opened();
    const first = bid('ann', 1_000, { maxCents: 2_000 });
    model.placeBid({ auctionId: 'a1' }, first);
    model.placeBid({ auctionId: 'a1' }, bid('bob', 1_200, { maxCents: 5_000 }));
    const again = model.placeBid({ auctionId: 'a1' }, first);
    expect(again.repeat).toBe(true);
    expect(again.outcome).toBe('leading');
    expect(again.yourMaxCents).toBeUndefined();
  });

  it('at or after the end, or once the auction is closed, is closed', () => {
    const model = opened();
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 60_000 })).outcome).toBe('closed');
    model.hammer('a1', 0, t0 + 60_000);
    const late = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 }));
    expect(late.outcome).toBe('closed');
    expect(late.snapshot?.status).toBe('closed');
  });

  it('from a banned bidder is refused in every auction', () => {
    const model = opened();
    model.open(terms({ auctionId: 'a2', channelId: 'c2' }));
    model.ban('ann');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000)).outcome).toBe('banned');
    expect(model.placeBid({ auctionId: 'a2' }, bid('ann', 1_000)).outcome).toBe('banned');
    expect(model.read('a1')?.bidCount).toBe(0);
  });

  it('from the builder on their own auction is refused', () => {
    const model = opened();
    expect(model.placeBid({ auctionId: 'a1' }, bid('builder', 1_000)).outcome).toBe('own-auction');
  });

  it('from the leader within their max changes nothing and is not logged', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000 }));
    const result = model.placeBid({ auctionId: 'a1' }, bid('ann', 2_000, { maxCents: 3_000 }));
    expect(result).toMatchObject({ outcome: 'already-leading', yourMaxCents: 3_000, extended: false, embed: { kind: 'none' } });
    expect(result.snapshot).toMatchObject({ priceCents: 1_000, bidCount: 1 });
  });

  it('from the leader above their max raises it without moving the price', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000 }));
    const result = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 4_000 }));
    expect(result).toMatchObject({ outcome: 'raised-max', yourMaxCents: 4_000 });
    expect(result.snapshot).toMatchObject({ priceCents: 1_000, bidCount: 2, leaderId: 'ann' });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 3_500)).outcome).toBe('outbid');
  });

  it('below the next minimum is too low: the start before the first bid, then the price plus a step', () => {
    const model = opened();
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 999)).outcome).toBe('too-low');
    model.placeBid({ auctionId: 'a1' }, bid('ann', 2_900));
    expect(model.read('a1')?.nextMinimumCents).toBe(3_000);
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 2_999)).outcome).toBe('too-low');
    model.placeBid({ auctionId: 'a1' }, bid('bob', 3_000));
    expect(model.read('a1')?.nextMinimumCents).toBe(3_200);
  });

  it('first at or above the start leads at its own amount, below its max', () => {
    const model = opened();
    const result = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_500, { maxCents: 9_000 }));
    expect(result).toMatchObject({ outcome: 'leading', yourMaxCents: 9_000 });
    expect(result.displaced).toBeUndefined();
    expect(result.snapshot).toMatchObject({ priceCents: 1_500, leaderId: 'ann', leaderName: 'Name of ann', bidCount: 1 });
  });

  it('with a higher max takes the lead one step over the old max, capped at its own max, and displaces the old leader', () => {
    const model = opened();
    const ann = bid('ann', 1_000, { maxCents: 4_000 });
    model.placeBid({ auctionId: 'a1' }, ann);
    const over = model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { maxCents: 10_000 }));
    expect(over).toMatchObject({ outcome: 'leading', yourMaxCents: 10_000, displaced: { bidderId: 'ann', responseToken: ann.responseToken } });
    expect(priceOf(over)).toBe(4_200);
    const capped = model.placeBid({ auctionId: 'a1' }, bid('cat', 4_500, { maxCents: 10_100 }));
    expect(priceOf(capped)).toBe(10_100);
  });

  it('with a higher max pays its own amount when that is above the old max plus a step', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 2_000 }));
    expect(priceOf(model.placeBid({ auctionId: 'a1' }, bid('bob', 2_500, { maxCents: 3_000 })))).toBe(2_500);
  });

  it('at or below the leader’s max is outbid at once, and a tie keeps the earlier leader', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 5_000 }));
    const lower = model.placeBid({ auctionId: 'a1' }, bid('bob', 2_000, { maxCents: 2_500 }));
    expect(lower).toMatchObject({ outcome: 'outbid', snapshot: { leaderId: 'ann', priceCents: 2_600 } });
    expect(lower.yourMaxCents).toBeUndefined();
    const tie = model.placeBid({ auctionId: 'a1' }, bid('cat', 5_000));
    expect(tie).toMatchObject({ outcome: 'outbid', snapshot: { leaderId: 'ann', priceCents: 5_000 } });
  });

  it('whose leader’s max meets the reserve lifts the price to the reserve', () => {
    const model = opened({ reserveCents: 8_000 });
    const below = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 7_999 }));
    expect(below.snapshot).toMatchObject({ priceCents: 1_000, reserveMet: false });
    const meets = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 8_000 }));
    expect(meets).toMatchObject({ outcome: 'raised-max', snapshot: { priceCents: 8_000, reserveMet: true } });
  });

  it('accepted is counted, logged, and kept as the bidder’s best with the time it was set and their latest name', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, atMs: t0 + 1 }));
    model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { maxCents: 2_000, atMs: t0 + 2, bidderName: 'Bob' }));
    model.placeBid({ auctionId: 'a1' }, bid('bob', 2_200, { maxCents: 2_500, atMs: t0 + 3, bidderName: 'Bobby' }));
    model.placeBid({ auctionId: 'a1' }, bid('cat', 900, { atMs: t0 + 4 }));
    const closed = model.hammer('a1', 0, t0 + 60_000);
    if (closed.kind !== 'closed') throw new Error(closed.kind);
    expect(closed.snapshot.bidCount).toBe(3);
    expect(closed.bids.map((b) => [b.bidderId, b.outcome, b.priceCents, b.leaderId])).toEqual([
      ['ann', 'leading', 1_000, 'ann'],
      ['bob', 'outbid', 2_100, 'ann'],
      ['bob', 'outbid', 2_600, 'ann'],
    ]);
    expect(closed.standings).toEqual([
      { bidderId: 'ann', bidderName: 'Name of ann', topCents: 3_000, atMs: t0 + 1 },
      { bidderId: 'bob', bidderName: 'Bobby', topCents: 2_500, atMs: t0 + 3 },
    ]);
  });

  it('keeps the time a best was first reached when a later bid only equals it', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, atMs: t0 + 1 }));
    model.placeBid({ auctionId: 'a1' }, bid('bob', 3_000, { atMs: t0 + 2 }));
    // The tie went to ann. A bid whose max only equals bob's best does not renew his time.
    model.placeBid({ auctionId: 'a1' }, bid('bob', 3_200, { maxCents: 3_000, atMs: t0 + 3 }));
    const closed = model.hammer('a1', 0, t0 + 60_000);
    if (closed.kind !== 'closed') throw new Error(closed.kind);
    expect(closed.standings).toEqual([
      { bidderId: 'ann', bidderName: 'Name of ann', topCents: 3_000, atMs: t0 + 1 },
      { bidderId: 'bob', bidderName: 'Name of bob', topCents: 3_000, atMs: t0 + 2 },
    ]);
  });

  it('ranks equal bests by the earlier time, then by bidder id', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('zed', 1_000, { maxCents: 3_000, atMs: t0 + 5 }));
    model.placeBid({ auctionId: 'a1' }, bid('bob', 3_000, { atMs: t0 + 5 }));
    model.placeBid({ auctionId: 'a1' }, bid('amy', 3_200, { maxCents: 3_000, atMs: t0 + 5 }));
    model.placeBid({ auctionId: 'a1' }, bid('cat', 3_200, { maxCents: 3_000, atMs: t0 + 4 }));
    const closed = model.hammer('a1', 0, t0 + 60_000);
    if (closed.kind !== 'closed') throw new Error(closed.kind);
    expect(closed.standings.map((s) => s.bidderId)).toEqual(['cat', 'amy', 'bob', 'zed']);
  });

  it('near the end that moves the price puts the end a counter-bid ahead, to a whole second, and bumps the version', () => {
    const model = opened({ endsAtMs: t0 + 60_000, counterBidMs: 10_000 });
    const early = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 5_000, atMs: t0 + 40_000 }));
    expect(early.extended).toBe(false);
    const late = model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { atMs: t0 + 55_300 }));
    expect(late).toMatchObject({ outcome: 'outbid', extended: true, snapshot: { endsAtMs: t0 + 66_000, version: 1 } });
    // Within the same second the new end would not move: no new hammer.
    const same = model.placeBid({ auctionId: 'a1' }, bid('cat', 1_300, { atMs: t0 + 55_900 }));
    expect(same).toMatchObject({ extended: false, snapshot: { endsAtMs: t0 + 66_000, version: 1 } });
  });

  it('near the end that moves neither price nor leader leaves the end alone', () => {
    const model = opened({ endsAtMs: t0 + 60_000, counterBidMs: 10_000 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 5_000, atMs: t0 + 40_000 }));
    const raise = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 6_000, atMs: t0 + 55_000 }));
    expect(raise).toMatchObject({ outcome: 'raised-max', extended: false, snapshot: { endsAtMs: t0 + 60_000, version: 0 } });
  });

  it('never moves the end of a sudden-death auction', () => {
    const model = opened({ suddenDeath: true, counterBidMs: 0 });
    const result = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 59_999 }));
    expect(result).toMatchObject({ outcome: 'leading', extended: false, snapshot: { endsAtMs: t0 + 60_000, version: 0 } });
  });

  it('accepted edits the embed now once a second, else leaves one trailing task per edit', () => {
    const model = opened();
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 10_000 })).embed).toEqual({ kind: 'now' });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { atMs: t0 + 10_200 })).embed).toEqual({
      kind: 'trailing',
      atMs: t0 + 11_000,
      behindMs: t0 + 10_000,
    });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_200, { atMs: t0 + 10_400 })).embed).toEqual({ kind: 'none' });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 100, { atMs: t0 + 10_500 })).embed).toEqual({ kind: 'none' });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_400, { atMs: t0 + 11_000 })).embed).toEqual({ kind: 'now' });
  });
});
