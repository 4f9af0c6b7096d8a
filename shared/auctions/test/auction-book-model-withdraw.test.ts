/**
 * The reference model's withdrawal of a bidder from a live auction (a member who erased
 * themselves), which the Lua's `withdrawScript` is held to by the Redis differential: what is
 * forgotten, when the proxy rule is applied again, and what it gives.
 */
import { bid, GUILD, opened, t0 } from './book-model-fixtures';

describe('withdrawing a bidder from a live auction', () => {
  it('forgets the leader and makes the best of the rest lead at one step over the next, never under what anyone left bid', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('bo', 4_000));
    model.placeBid({ auctionId: 'a1' }, bid('cy', 4_200, { maxCents: 4_500, atMs: t0 + 2_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('ann', 5_000, { maxCents: 9_000, atMs: t0 + 3_000 }));
    expect(model.withdraw('a1', 'ann')).toBe('withdrawn');
    expect(model.read('a1')).toMatchObject({ leaderId: 'cy', leaderName: 'Name of cy', priceCents: 4_200 });
    expect(model.holdsBidder('a1', 'ann')).toBe(false);
    expect(model.holdsBidder('a1', 'cy')).toBe(true);
    // The new leader's max answers the next bid, and their own answer token is the one displaced.
    expect(model.placeBid({ auctionId: 'a1' }, bid('dee', 4_400, { atMs: t0 + 4_000 }))).toMatchObject({ outcome: 'outbid', snapshot: { priceCents: 4_500 } });
    const displacing = model.placeBid({ auctionId: 'a1' }, bid('eve', 6_000, { atMs: t0 + 5_000 }));
    expect(displacing.displaced).toMatchObject({ bidderId: 'cy', responseToken: expect.stringMatching(/^token-cy-/) });
  });

  it('leaves nobody leading at the start when the one it forgets was alone, and answers not-bidding after', () => {
    const model = opened({ startCents: 2_500 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 3_000, { maxCents: 8_000 }));
    expect(model.withdraw('a1', 'ann')).toBe('withdrawn');
    expect(model.read('a1')).toMatchObject({ priceCents: 2_500, nextMinimumCents: 2_500 });
    expect(model.read('a1')?.leaderId).toBeUndefined();
    expect(model.withdraw('a1', 'ann')).toBe('not-bidding');
    // A new bid at the start leads: nothing of ann's max is left to answer it.
    expect(model.placeBid({ auctionId: 'a1' }, bid('bo', 2_500, { atMs: t0 + 2_000 }))).toMatchObject({ outcome: 'leading', snapshot: { priceCents: 2_500 } });
  });

  it('lowers the price to the next best when the one it forgets set it, and keeps it when they did not', () => {
    const model = opened({ reserveCents: 4_500 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 3_000, { maxCents: 10_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('bo', 4_800, { atMs: t0 + 2_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('eve', 6_000, { atMs: t0 + 3_000 }));
    expect(model.read('a1')?.priceCents).toBe(6_300);
    expect(model.withdraw('a1', 'bo')).toBe('withdrawn');
    expect(model.read('a1')).toMatchObject({ leaderId: 'ann', priceCents: 6_300 });
    expect(model.withdraw('a1', 'eve')).toBe('withdrawn');
    // Only ann is left (bo's bids count no more): the most she bid, lifted to the reserve her max meets.
    expect(model.read('a1')).toMatchObject({ leaderId: 'ann', priceCents: 4_500, reserveMet: true });
  });

  it('breaks a tie of equal maxima left by who reached it first', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('bo', 3_000, { maxCents: 5_000, atMs: t0 + 1_000 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('cy', 4_000, { maxCents: 5_000, atMs: t0 + 2_000 })).outcome).toBe('outbid');
    model.placeBid({ auctionId: 'a1' }, bid('ann', 6_000, { maxCents: 9_000, atMs: t0 + 3_000 }));
    model.withdraw('a1', 'ann');
    // bo reached $50 first: he leads cy's equal max, at it.
    expect(model.read('a1')).toMatchObject({ leaderId: 'bo', priceCents: 5_000 });
  });

  it('keeps what a final call showed, less the name of the one it forgets, and gives the result over those left', () => {
    const model = opened({ finalCallMs: 10_000 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 4_000));
    const end = model.read('a1')?.endsAtMs ?? 0;
    expect(model.placeBid({ auctionId: 'a1' }, bid('bo', 5_000, { atMs: end + 1_000 })).outcome).toBe('sealed');
    model.withdraw('a1', 'ann');
    expect(model.read('a1')).toMatchObject({ leaderId: 'ann', leaderName: '', priceCents: 4_000 });
    const hammer = model.hammer('a1', 0, end + 200_000);
    // bo's sealed $50 is a max: alone, he pays the shown minimum.
    expect(hammer).toMatchObject({ kind: 'closed', snapshot: { leaderId: 'bo', priceCents: 4_200 } });
  });

  it('answers not-found for an auction it never opened, and not-live once the hammer fell', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 4_000));
    expect(model.withdraw('nope', 'ann')).toBe('not-found');
    model.hammer('a1', 0, t0 + 10_000_000);
    expect(model.withdraw('a1', 'ann')).toBe('not-live');
    expect(model.holdsBidder('nope', 'ann')).toBe(false);
  });

  it('reprices only for the leader or the max that set the price: a leader who raised their max keeps the price the book gave', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 3_000, { maxCents: 4_100 }));
    model.placeBid({ auctionId: 'a1' }, bid('bo', 3_100, { atMs: t0 + 2_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('wes', 3_500, { atMs: t0 + 3_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('eve', 4_000, { atMs: t0 + 4_000 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 4_200, { maxCents: 9_000, atMs: t0 + 5_000 })).outcome).toBe('raised-max');
    expect(model.read('a1')?.priceCents).toBe(4_100);
    // wes set nothing (eve's max is the best of the rest): the price stays, though the rule over those left would ask $42.
    model.withdraw('a1', 'wes');
    expect(model.read('a1')).toMatchObject({ leaderId: 'ann', priceCents: 4_100 });
    // eve set it: the rule over those left, one step over bo's $31 ($33), but never under ann's own raise ($42).
    model.withdraw('a1', 'eve');
    expect(model.read('a1')).toMatchObject({ leaderId: 'ann', priceCents: 4_200 });
  });

  it('lifts the price to the reserve only when the new leader’s max meets it, exactly or more', () => {
    const unmet = opened({ reserveCents: 5_000 });
    unmet.placeBid({ auctionId: 'a1' }, bid('bo', 4_000, { maxCents: 4_900 }));
    unmet.placeBid({ auctionId: 'a1' }, bid('ann', 6_000, { atMs: t0 + 2_000 }));
    unmet.withdraw('a1', 'ann');
    expect(unmet.read('a1')).toMatchObject({ leaderId: 'bo', priceCents: 4_000, reserveMet: false });
    const met = opened({ reserveCents: 5_000 });
    met.placeBid({ auctionId: 'a1' }, bid('bo', 4_000, { maxCents: 5_000 }));
    met.placeBid({ auctionId: 'a1' }, bid('ann', 6_000, { atMs: t0 + 2_000 }));
    met.withdraw('a1', 'ann');
    expect(met.read('a1')).toMatchObject({ leaderId: 'bo', priceCents: 5_000, reserveMet: true });
  });

  it('leaves the one it forgets out of the answers the hammer edits, and out of the cooldown', () => {
    const model = opened();
    model.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 0, cooldownMs: 60_000, blocked: [] });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 4_000));
    model.placeBid({ auctionId: 'a1' }, bid('bo', 5_000, { atMs: t0 + 2_000 }));
    model.withdraw('a1', 'ann');
    // Bidding anew after erasing is a new part: no cooldown from before.
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 6_000, { atMs: t0 + 3_000 })).outcome).toBe('leading');
    model.withdraw('a1', 'ann');
    const closed = model.hammer('a1', 0, t0 + 10_000_000);
    expect(closed.kind === 'closed' ? closed.answers?.map((a) => a.bidderId) : undefined).toEqual(['bo']);
  });
});
