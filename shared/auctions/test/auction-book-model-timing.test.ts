/**
 * The bid engine's rules about time, on the sequential reference model: a bid judged at the
 * moment it was made, a bid by channel, the trailing embed edit, the hammer and cancelling.
 */
import { AuctionBookModel } from '../rules/auction-book-model';
import { bid, opened, t0, terms } from './book-model-fixtures';

describe('a bid judged at the moment it was made', () => {
  const made = (atMs: number, receivedAtMs: number) => ({ atMs, receivedAtMs });

  it('counts when made before the end and received after it, within the settle window, sealed: the end has passed for everyone', () => {
    const model = opened({ settleMs: 2_000, suddenDeath: true, counterBidMs: 0 });
    const late = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 59_000, t0 + 61_000)));
    expect(late.outcome).toBe('sealed');
    expect(model.read('a1')?.bidCount).toBe(0);
    expect(model.hammer('a1', 0, t0 + 62_000)).toMatchObject({ kind: 'closed', snapshot: { leaderId: 'ann', priceCents: 1_000 } });
  });

  it('is closed when made after the end, even received inside the settle window', () => {
    const model = opened({ settleMs: 2_000, suddenDeath: true, counterBidMs: 0 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 61_000, t0 + 61_000))).outcome).toBe('closed');
    expect(model.read('a1')?.bidCount).toBe(0);
  });

  it('is closed when it reaches the book after the settle window, however early it was made', () => {
    const model = opened({ settleMs: 2_000 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 30_000, t0 + 62_000))).outcome).toBe('closed');
  });

  it('extends a soft close from its own time, not from when it arrived, until the end has passed on the book’s clock', () => {
    const model = opened({ settleMs: 2_000 });
    // Made 9.5 s before the end, reaching the book half a second before it: 10 s from its own time.
    const late = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 50_500, t0 + 59_500)));
    expect(late).toMatchObject({ outcome: 'leading', extended: true, snapshot: { endsAtMs: t0 + 61_000, version: 1 } });
    // The same, reaching the book a second after the end: the final call has begun, and it is sealed there.
    const afterEnd = opened({ settleMs: 2_000, finalCallMs: 10_000 }).placeBid({ auctionId: 'a1' }, bid('cat', 1_000, made(t0 + 50_500, t0 + 61_000)));
    expect(afterEnd).toMatchObject({ outcome: 'sealed', extended: false, snapshot: { endsAtMs: t0 + 60_000, version: 0 } });
    // Made long before the end and delivered late: the end stays where it is.
    const early = opened({ settleMs: 2_000 }).placeBid({ auctionId: 'a1' }, bid('bob', 1_000, made(t0 + 20_000, t0 + 59_000)));
    expect(early).toMatchObject({ outcome: 'leading', extended: false, snapshot: { endsAtMs: t0 + 60_000, version: 0 } });
  });

  it('wins a tie of equal maxes when made first, however late it arrived, and tells the leader it displaced', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, ...made(t0 + 5_000, t0 + 5_000) }));
    const earlier = model.placeBid({ auctionId: 'a1' }, bid('bob', 1_500, { maxCents: 3_000, ...made(t0 + 4_000, t0 + 6_000) }));
    expect(earlier).toMatchObject({ outcome: 'leading', displaced: { bidderId: 'ann' }, snapshot: { leaderId: 'bob', priceCents: 3_000 } });
  });

  it('loses a tie of equal maxes when made after the leader’s, as ever', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, ...made(t0 + 5_000, t0 + 5_000) }));
    const later = model.placeBid({ auctionId: 'a1' }, bid('cat', 1_500, { maxCents: 3_000, ...made(t0 + 5_500, t0 + 5_600) }));
    expect(later).toMatchObject({ outcome: 'outbid', snapshot: { leaderId: 'ann', priceCents: 3_000 } });
  });

  it('edits the embed by the time bids arrive, which is what Discord’s rate limit counts', () => {
    const model = opened();
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 1_000, t0 + 10_000))).embed).toEqual({ kind: 'now' });
    // Made earlier than the last edit, arriving under a second after it: a trailing edit.
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, made(t0 + 500, t0 + 10_400))).embed).toEqual({
      kind: 'trailing',
      atMs: t0 + 11_000,
      behindMs: t0 + 10_000,
    });
  });
});

describe('a bid by channel, as `/bid` without an auction id', () => {
  it('reaches the channel’s live auction, and finds nothing once it has ended', () => {
    const model = opened();
    expect(model.placeBid({ channelId: 'c1' }, bid('ann', 1_000)).snapshot?.auctionId).toBe('a1');
    model.hammer('a1', 0, t0 + 60_000);
    expect(model.placeBid({ channelId: 'c1' }, bid('bob', 2_000))).toEqual({ outcome: 'not-found', repeat: false, extended: false, embed: { kind: 'none' } });
    expect(model.placeBid({ channelId: 'c9' }, bid('bob', 2_000)).outcome).toBe('not-found');
  });
});

describe('a trailing embed task', () => {
  it('edits now when the last edit is a second old, and waits otherwise', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 10_000 }));
    expect(model.claimEmbedEdit('a1', t0 + 10_000, t0 + 10_500)).toEqual({ kind: 'trailing', atMs: t0 + 11_000, behindMs: t0 + 10_000 });
    expect(model.claimEmbedEdit('a1', t0 + 10_000, t0 + 11_000)).toEqual({ kind: 'now' });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { atMs: t0 + 11_001 })).embed).toEqual({
      kind: 'trailing',
      atMs: t0 + 12_000,
      behindMs: t0 + 11_000,
    });
  });

  it('does nothing when a newer edit happened, or the auction is no longer live', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 10_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { atMs: t0 + 12_000 }));
    expect(model.claimEmbedEdit('a1', t0 + 10_000, t0 + 13_000)).toEqual({ kind: 'none' });
    model.hammer('a1', 0, t0 + 60_000);
    expect(model.claimEmbedEdit('a1', t0 + 12_000, t0 + 13_000)).toEqual({ kind: 'none' });
    expect(model.claimEmbedEdit('nope', 0, t0)).toEqual({ kind: 'none' });
  });
});

describe('the hammer', () => {
  it('finds no auction it was not opened for', () => {
    expect(new AuctionBookModel().hammer('nope', 0, t0)).toEqual({ kind: 'not-found' });
  });

  it('is stale when a counter-bid moved the end since it was scheduled', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 59_000 }));
    expect(model.hammer('a1', 0, t0 + 70_000)).toEqual({ kind: 'stale', version: 1 });
  });

  it('is early when it runs before the end', () => {
    const model = opened();
    expect(model.hammer('a1', 0, t0 + 59_999)).toEqual({ kind: 'early', dueAtMs: t0 + 60_000, bookNowMs: t0 + 59_999 });
  });

  it('waits out the settle window after the end before it freezes the book', () => {
    const model = opened({ settleMs: 2_000 });
    expect(model.hammer('a1', 0, t0 + 60_000)).toEqual({ kind: 'early', dueAtMs: t0 + 62_000, bookNowMs: t0 + 60_000 });
    expect(model.hammer('a1', 0, t0 + 61_999)).toEqual({ kind: 'early', dueAtMs: t0 + 62_000, bookNowMs: t0 + 61_999 });
    expect(model.hammer('a1', 0, t0 + 62_000).kind).toBe('closed');
  });

  it('closes the auction with its full log and standings, frees the channel, and answers the same every time', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 2_000, atMs: t0 + 1 }));
    model.placeBid({ auctionId: 'a1' }, bid('bob', 1_500, { maxCents: 2_000, atMs: t0 + 2 }));
    model.placeBid({ auctionId: 'a1' }, bid('cat', 2_100, { maxCents: 2_100, atMs: t0 + 3 }));
    const closed = model.hammer('a1', 0, t0 + 60_000);
    expect(closed).toMatchObject({ kind: 'closed', snapshot: { status: 'closed', leaderId: 'cat', priceCents: 2_100, bidCount: 3 } });
    if (closed.kind !== 'closed') throw new Error(closed.kind);
    expect(closed.bids.map((b) => b.bidderId)).toEqual(['ann', 'bob', 'cat']);
    expect(closed.standings.map((s) => s.bidderId)).toEqual(['cat', 'ann', 'bob']);
    expect(model.liveAuctionIn('c1')).toBeUndefined();
    expect(model.hammer('a1', 7, t0)).toEqual(closed);
  });

  it('says cancelled for a cancelled auction', () => {
    const model = opened();
    model.cancel('a1');
    expect(model.hammer('a1', 0, t0 + 60_000)).toEqual({ kind: 'cancelled' });
  });
});

describe('cancelling', () => {
  it('works only on a live auction nobody has bid on', () => {
    const model = opened();
    model.open(terms({ auctionId: 'a2', channelId: 'c2' }));
    model.placeBid({ auctionId: 'a2' }, bid('ann', 1_000));
    expect(model.cancel('nope')).toBe('not-found');
    expect(model.cancel('a2')).toBe('has-bids');
    expect(model.cancel('a1')).toBe('cancelled');
    expect(model.cancel('a1')).toBe('not-live');
    expect(model.read('a1')?.status).toBe('cancelled');
  });

  it('cancels one with bids only when asked to even so, and then refuses its bids as closed', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000));
    expect(model.cancel('a1')).toBe('has-bids');
    expect(model.cancel('a1', { evenWithBids: false })).toBe('has-bids');
    expect(model.cancel('a1', { evenWithBids: true })).toBe('cancelled');
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 5_000)).outcome).toBe('closed');
    expect(model.liveAuctionIn('c1')).toBeUndefined();
  });

  it('frees the channel only if it still points at the cancelled auction', () => {
    const model = opened();
    model.cancel('a1');
    model.open(terms({ auctionId: 'a2' }));
    expect(model.cancel('a1')).toBe('not-live');
    expect(model.liveAuctionIn('c1')).toBe('a2');
  });
});

describe('a bid made before the auction opened', () => {
  const made = (atMs: number, receivedAtMs: number) => ({ atMs, receivedAtMs });

  it('is refused as too early, however late it reaches the book, and changes nothing', () => {
    const model = opened({ opensAtMs: t0 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 - 1, t0 + 5_000))).outcome).toBe('too-early');
    expect(model.read('a1')).toMatchObject({ bidCount: 0, priceCents: 1_000 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0, t0 + 5_000))).outcome).toBe('leading');
  });

  it('never wins a tie of equal maxes as the one made first', () => {
    const model = opened({ opensAtMs: t0 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 2_000, made(t0 + 1_000, t0 + 1_000))).outcome).toBe('leading');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 2_000, made(t0 - 30_000, t0 + 2_000))).outcome).toBe('too-early');
    expect(model.read('a1')).toMatchObject({ leaderId: 'bob', bidCount: 1 });
  });
});
