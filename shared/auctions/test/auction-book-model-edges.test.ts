/**
 * The reference model at the edges a sequence of ordinary bids does not reach: a bid made
 * exactly at the end, the counter-bid window to the millisecond, sudden death with a
 * counter-bid set, a cooldown that keeps moving with the bidder's latest bid, a redelivered
 * bid's max, ties in the standings, the leader's name and response token, a server's rules
 * of the same version twice, and answers that carry only the fields they have. The Lua book
 * decides each the same way (test/integration/upstash-auction-book.test.ts).
 */
import type { GuildTrust } from '../rules/auction-book';
import { bid, GUILD, opened, t0, terms } from './book-model-fixtures';

const rules = (over: Partial<GuildTrust> = {}): GuildTrust => ({ version: 1, newBidderLimitCents: 0, cooldownMs: 0, blocked: [], ...over });
const made = (atMs: number, receivedAtMs = atMs) => ({ atMs, receivedAtMs });

describe('a bid at the end', () => {
  it('is closed when made exactly at the end, even received within the settle window', () => {
    const model = opened({ settleMs: 2_000 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 60_000, t0 + 60_500))).outcome).toBe('closed');
    expect(model.read('a1')?.bidCount).toBe(0);
  });

  it('counts when made a millisecond before the end (sealed, reaching the book after it)', () => {
    const model = opened({ settleMs: 2_000 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 59_999, t0 + 60_500))).outcome).toBe('sealed');
    expect(model.hammer('a1', 0, t0 + 62_000)).toMatchObject({ kind: 'closed', snapshot: { leaderId: 'ann' } });
  });
});

describe('the counter-bid window', () => {
  // An end off the whole second, so that rounding the new end up cannot hide an extension.
  const endsAtMs = t0 + 60_500;

  it('leaves the end alone for a bid made exactly a counter-bid before it', () => {
    const model = opened({ endsAtMs, counterBidMs: 10_000 });
    const result = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 50_500)));
    expect(result).toMatchObject({ outcome: 'leading', extended: false, snapshot: { endsAtMs, version: 0 } });
  });

  it('leaves the end alone for a bid made earlier than that, even within the same second', () => {
    const model = opened({ endsAtMs, counterBidMs: 10_000 });
    const result = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 50_300)));
    expect(result).toMatchObject({ extended: false, snapshot: { endsAtMs, version: 0 } });
  });

  it('puts the end a counter-bid after a bid made a millisecond inside the window, up to the whole second', () => {
    const model = opened({ endsAtMs, counterBidMs: 10_000 });
    const result = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 50_501)));
    expect(result).toMatchObject({ extended: true, snapshot: { endsAtMs: t0 + 61_000, version: 1 } });
  });

  it('moves the end again for each later second a counter-bid is made in', () => {
    const model = opened({ counterBidMs: 10_000 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 55_000)));
    const next = model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, made(t0 + 56_100)));
    expect(next).toMatchObject({ extended: true, snapshot: { endsAtMs: t0 + 67_000, version: 2 } });
  });

  it('never moves the end of a sudden-death auction, whatever counter-bid it was given', () => {
    const model = opened({ suddenDeath: true, counterBidMs: 10_000 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 55_000)));
    const late = model.placeBid({ auctionId: 'a1' }, bid('bob', 2_000, made(t0 + 59_000)));
    expect(late).toMatchObject({ outcome: 'leading', extended: false, snapshot: { endsAtMs: t0 + 60_000, version: 0 } });
    expect(model.hammer('a1', 0, t0 + 60_000)).toMatchObject({ kind: 'closed', snapshot: { leaderId: 'bob' } });
  });
});

describe('the cooldown, as bids keep coming', () => {
  it('runs from the bidder’s latest bid, not from their first', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ cooldownMs: 1_000 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 5_000))).outcome).toBe('leading');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 2_000, ...made(t0 + 6_000) })).outcome).toBe('raised-max');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, ...made(t0 + 6_500) })).outcome).toBe('slow-down');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, ...made(t0 + 7_000) })).outcome).toBe('raised-max');
  });

  it('keeps the latest bid when one made earlier arrives after it', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ cooldownMs: 1_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 2_000, ...made(t0 + 5_000) }));
    // Made two seconds before the latest, arriving after it: past the cooldown, and not the latest.
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, ...made(t0 + 3_000, t0 + 5_100) })).outcome).toBe('raised-max');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 4_000, ...made(t0 + 5_500) })).outcome).toBe('slow-down');
  });

  it('does not count bids made while the server had no cooldown once it sets one', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ version: 1, cooldownMs: 0 }));
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 5_000)));
    model.setGuildTrust(GUILD, rules({ version: 2, cooldownMs: 1_000 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 2_000, ...made(t0 + 5_500) })).outcome).toBe('raised-max');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, ...made(t0 + 6_000) })).outcome).toBe('slow-down');
  });
});

describe('the builder’s own auction', () => {
  it('is refused to any of the accounts the builder linked, and to no one else', () => {
    const model = opened({ builderLinkedIds: ['twitch:77', 'twitch:88'] });
    expect(model.placeBid({ auctionId: 'a1' }, bid('twitch:88', 1_000)).outcome).toBe('own-auction');
    expect(model.placeBid({ auctionId: 'a1' }, bid('twitch:99', 1_000)).outcome).toBe('leading');
    expect(opened({ builderLinkedIds: [] }).placeBid({ auctionId: 'a1' }, bid('ann', 1_000)).outcome).toBe('leading');
  });
});

describe('a server’s rules given twice', () => {
  it('keeps the first copy of a version, and takes the next version', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ version: 5, blocked: ['bob'] }));
    model.setGuildTrust(GUILD, rules({ version: 5 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_000)).outcome).toBe('blocked');
  });
});

describe('a redelivered bid', () => {
  it('shows the max a raise set while its bidder still leads', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 2_000 }));
    const raise = bid('ann', 1_000, { maxCents: 3_000 });
    expect(model.placeBid({ auctionId: 'a1' }, raise).outcome).toBe('raised-max');
    expect(model.placeBid({ auctionId: 'a1' }, raise)).toMatchObject({ outcome: 'raised-max', repeat: true, yourMaxCents: 3_000 });
  });

  it('that was outbid shows no max, even when its bidder leads now', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 5_000 }));
    const low = bid('bob', 2_000);
    expect(model.placeBid({ auctionId: 'a1' }, low).outcome).toBe('outbid');
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 5_500, { maxCents: 9_000 })).outcome).toBe('leading');
    const again = model.placeBid({ auctionId: 'a1' }, low);
    expect(again).toMatchObject({ outcome: 'outbid', repeat: true, snapshot: { leaderId: 'bob' } });
    expect(again).not.toHaveProperty('yourMaxCents');
  });
});

describe('the leader’s name and response token', () => {
  it('are those of the leader’s latest accepted bid, never an outbid bidder’s', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 5_000, bidderName: 'Ann', responseToken: 'ann-1' }));
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 6_000, bidderName: 'Annie', responseToken: 'ann-2' }));
    const outbid = model.placeBid({ auctionId: 'a1' }, bid('bob', 2_000, { bidderName: 'Bob', responseToken: 'bob-1' }));
    expect(outbid.snapshot).toMatchObject({ leaderId: 'ann', leaderName: 'Annie' });
    const over = model.placeBid({ auctionId: 'a1' }, bid('cat', 7_000, { bidderName: 'Cat', responseToken: 'cat-1' }));
    expect(over).toMatchObject({ outcome: 'leading', displaced: { bidderId: 'ann', responseToken: 'ann-2' }, snapshot: { leaderName: 'Cat' } });
  });
});

describe('the standings at the hammer', () => {
  it('rank equal bests made at the same moment by bidder id, whatever order the bidders came in', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('bob', 1_000, { maxCents: 3_000, ...made(t0 + 5) }));
    model.placeBid({ auctionId: 'a1' }, bid('amy', 3_200, { maxCents: 3_000, ...made(t0 + 5) }));
    model.placeBid({ auctionId: 'a1' }, bid('cat', 3_200, { maxCents: 3_000, ...made(t0 + 5) }));
    const closed = model.hammer('a1', 0, t0 + 60_000);
    if (closed.kind !== 'closed') throw new Error(closed.kind);
    expect(closed.standings.map((s) => s.bidderId)).toEqual(['amy', 'bob', 'cat']);
  });
});

describe('an answer', () => {
  it('carries only the fields it has: no max, limit or cooldown where none applies', () => {
    const model = opened();
    const closed = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, made(t0 + 60_000)));
    expect(Object.keys(closed).sort()).toEqual(['embed', 'extended', 'outcome', 'repeat', 'snapshot']);
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 5_000 }));
    const outbid = model.placeBid({ auctionId: 'a1' }, bid('bob', 2_000));
    expect(outbid.outcome).toBe('outbid');
    expect(Object.keys(outbid).sort()).toEqual(['embed', 'extended', 'outcome', 'repeat', 'snapshot']);
  });
});

describe('a channel whose auction ended', () => {
  it('reaches the next auction opened in it by channel, while the ended one still answers by its id', () => {
    const model = opened();
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000));
    model.hammer('a1', 0, t0 + 60_000);
    expect(model.open(terms({ auctionId: 'a2', endsAtMs: t0 + 120_000 }))).toEqual({ kind: 'opened' });
    expect(model.placeBid({ channelId: 'c1' }, bid('bob', 1_000, made(t0 + 61_000))).snapshot).toMatchObject({ auctionId: 'a2', leaderId: 'bob' });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 5_000, made(t0 + 61_000))).outcome).toBe('closed');
  });
});
