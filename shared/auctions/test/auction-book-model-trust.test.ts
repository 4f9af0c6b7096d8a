/**
 * The reference model's trust rules, one at a time: a server's block list (by id, or by a
 * chatter's login alias), its new-bidder limit and the trusted who pass it, and its cooldown,
 * judged by when bids were made. The Lua book is held to the same answers in
 * test/integration/upstash-auction-book.
 */
import type { GuildTrust } from '../rules/auction-book';
import { twitchLoginAlias } from '../rules/auction-book';
import { bid, GUILD, opened, t0 } from './book-model-fixtures';

const rules = (over: Partial<GuildTrust> = {}): GuildTrust => ({ version: 1, newBidderLimitCents: 0, cooldownMs: 0, blocked: [], ...over });

describe('the book model’s trust rules', () => {
  it('applies none in a server it was never given rules for', () => {
    const model = opened();
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 90_000_000 })).outcome).toBe('leading');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 95_000_000 })).outcome).toBe('raised-max');
  });

  it('does not find an auction from another server', () => {
    const model = opened();
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { guildId: 'elsewhere' })).outcome).toBe('not-found');
    expect(model.placeBid({ channelId: 'c1' }, bid('ann', 1_000, { guildId: 'elsewhere' })).outcome).toBe('not-found');
  });

  it('refuses a blocked bidder, and a chatter by the login alias their bid carries, in auctions already live', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ blocked: ['bob', twitchLoginAlias('Cyd')] }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_000))).toMatchObject({ outcome: 'blocked', snapshot: { bidCount: 0 } });
    expect(model.placeBid({ auctionId: 'a1' }, bid('twitch:1', 1_000, { bidderAlias: 'twitch-login:cyd' })).outcome).toBe('blocked');
    expect(model.placeBid({ auctionId: 'a1' }, bid('twitch:2', 1_000, { bidderAlias: 'twitch-login:dee' })).outcome).toBe('leading');
  });

  it('refuses a chatter whose Twitch account is linked to a blocked member', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ blocked: ['bob'] }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('twitch:3', 1_000, { bidderAlias: 'twitch-login:eve', linkedBidderId: 'bob' })).outcome).toBe('blocked');
    expect(model.placeBid({ auctionId: 'a1' }, bid('twitch:4', 1_000, { bidderAlias: 'twitch-login:fay', linkedBidderId: 'ann' })).outcome).toBe('leading');
  });

  it('refuses as the builder’s own a chat bid whose Twitch account is linked to the builder', () => {
    const model = opened();
    const chat = bid('twitch:77', 1_000, { bidderAlias: 'twitch-login:maker', linkedBidderId: 'builder' });
    expect(model.placeBid({ auctionId: 'a1' }, chat).outcome).toBe('own-auction');
    expect(model.read('a1')?.bidCount).toBe(0);
  });

  it('refuses as the builder’s own a bid from the Twitch account the builder linked, named when the auction opened', () => {
    const model = opened({ builderLinkedIds: ['twitch:77'] });
    expect(model.placeBid({ auctionId: 'a1' }, bid('twitch:77', 1_000, { bidderAlias: 'twitch-login:maker' })).outcome).toBe('own-auction');
    expect(model.placeBid({ auctionId: 'a1' }, bid('twitch:78', 1_000)).outcome).toBe('leading');
  });

  it('keeps the newest rules whatever order they come in', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ version: 5, blocked: ['bob'] }));
    model.setGuildTrust(GUILD, rules({ version: 4 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_000)).outcome).toBe('blocked');
    model.setGuildTrust(GUILD, rules({ version: 6 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_000)).outcome).toBe('leading');
  });

  it('holds a new bidder’s amount and max to the limit, naming it, and lets the trusted past', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ newBidderLimitCents: 50_000 }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 60_000 }))).toMatchObject({
      outcome: 'over-new-bidder-limit',
      newBidderLimitCents: 50_000,
      snapshot: { bidCount: 0 },
    });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 50_000)).outcome).toBe('leading');
    model.trust('bob');
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 60_000)).outcome).toBe('leading');
  });

  it('tells a bidder to slow down within the cooldown by when bids were made, and never for the same bid delivered again', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ cooldownMs: 1_000 }));
    const first = bid('ann', 900, { atMs: t0 + 5_000 });
    expect(model.placeBid({ auctionId: 'a1' }, first).outcome).toBe('too-low');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 5_500 }))).toMatchObject({ outcome: 'slow-down', cooldownMs: 1_000 });
    // Made earlier, arriving later: still within a second of the other.
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 4_200, receivedAtMs: t0 + 5_600 })).outcome).toBe('slow-down');
    expect(model.placeBid({ auctionId: 'a1' }, { ...first, amountCents: 1_000, maxCents: 1_000 }).outcome).toBe('leading');
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_100, { atMs: t0 + 5_100 })).outcome).toBe('leading');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_200, { atMs: t0 + 6_000 })).outcome).toBe('leading');
  });

  it('refuses the blocked before the builder, and the cooldown before the limit', () => {
    const model = opened();
    model.setGuildTrust(GUILD, rules({ cooldownMs: 1_000, newBidderLimitCents: 5_000, blocked: ['builder'] }));
    expect(model.placeBid({ auctionId: 'a1' }, bid('builder', 1_000)).outcome).toBe('blocked');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 9_000, { atMs: t0 + 1_000 })).outcome).toBe('over-new-bidder-limit');
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 4_000, { atMs: t0 + 1_500 })).outcome).toBe('slow-down');
  });
});
