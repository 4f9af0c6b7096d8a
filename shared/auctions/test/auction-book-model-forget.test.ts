/**
 * The reference model's forgetting of bidders (an erasure), which the Lua's `forgetScript` is
 * held to by the Redis differential: in a live auction the withdrawal's proxy rule, in an ended
 * one the hammer's price kept; their bids, answers and names gone, and what named them naming
 * nobody; trust gone, a ban and a block kept.
 */
import { forgottenLeaderId } from '../rules/auction-book';
import { bid, GUILD, opened, t0, terms } from './book-model-fixtures';

describe('forgetting bidders in the reference model', () => {
  it('keeps an ended auction’s price and winner’s max, and leaves its log, standings, answers and leader naming nobody forgotten', () => {
    const model = opened({ builderLinkedIds: ['twitch:9', 'twitch:8'] });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { maxCents: 3_000, atMs: t0 + 1_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('bo', 2_000, { atMs: t0 + 2_000 }));
    model.placeBid({ auctionId: 'a1' }, bid('cy', 4_000, { atMs: t0 + 3_000 }));
    expect(model.hammer('a1', 0, t0 + 60_000)).toMatchObject({ kind: 'closed', snapshot: { leaderId: 'cy', priceCents: 4_000 } });

    expect(model.forget(['cy', 'ann', 'twitch:9', 'builder'])).toBe(1);
    const closed = model.hammer('a1', 0, t0 + 60_000);
    if (closed.kind !== 'closed') throw new Error('the auction closed');
    expect(closed.snapshot).toMatchObject({ priceCents: 4_000, bidCount: 3, builderId: '', reserveMet: true });
    expect(closed.snapshot.leaderId).toBeUndefined();
    // bo's bid stays; the leader it named (ann, whose max answered it) names nobody.
    expect(closed.bids.map((b) => [b.bidderId, b.leaderId])).toEqual([['bo', '']]);
    expect(closed.standings.map((s) => s.bidderId)).toEqual(['bo']);
    expect(closed.answers?.map((a) => a.bidderId)).toEqual(['bo']);
    expect(model.forget(['cy', 'ann'])).toBe(0);
  });

  it('withdraws them from a live auction first, and a redelivery of their bid is a repeat that leads for nobody', () => {
    const model = opened();
    const annsBid = bid('ann', 3_000, { maxCents: 9_000, atMs: t0 + 1_000 });
    model.placeBid({ auctionId: 'a1' }, bid('bo', 2_000, { maxCents: 4_000, atMs: t0 + 500 }));
    model.placeBid({ auctionId: 'a1' }, annsBid);
    expect(model.forget(['ann'])).toBe(1);
    expect(model.read('a1')).toMatchObject({ leaderId: 'bo', priceCents: 2_000 });
    expect(model.holdsBidder('a1', 'ann')).toBe(false);
    const again = model.placeBid({ auctionId: 'a1' }, { ...annsBid, receivedAtMs: t0 + 5_000 });
    expect(again).toMatchObject({ outcome: 'leading', repeat: true, snapshot: { leaderId: 'bo', bidCount: 2 } });
    expect(again.yourMaxCents).toBeUndefined();
  });

  it('keeps a live final call’s shown price with someone leading it, but never the forgotten one', () => {
    const model = opened({ finalCallMs: 10_000 });
    model.placeBid({ auctionId: 'a1' }, bid('ann', 4_000, { atMs: t0 + 1_000 }));
    const end = terms().endsAtMs;
    model.placeBid({ auctionId: 'a1' }, bid('bo', 5_000, { atMs: end + 1_000 }));
    expect(model.forget(['ann'])).toBe(1);
    expect(model.read('a1')).toMatchObject({ leaderId: forgottenLeaderId, leaderName: '', priceCents: 4_000, nextMinimumCents: 4_200 });
    // bo's sealed $50 is a max: alone, he pays the shown minimum.
    expect(model.hammer('a1', 0, end + 20_000)).toMatchObject({ snapshot: { leaderId: 'bo', priceCents: 4_200 } });
  });

  it('forgets their trust, keeps their ban and a server’s block of them, and finds nothing of anyone never seen', () => {
    const model = opened();
    model.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 2_000, cooldownMs: 0, blocked: ['cy'] });
    model.trust('ann');
    model.ban('bo');
    expect(model.forget(['ann', 'bo', 'cy', ''])).toBe(0);
    expect(model.forget([])).toBe(0);
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 3_000)).outcome).toBe('over-new-bidder-limit');
    expect(model.placeBid({ auctionId: 'a1' }, bid('bo', 1_000)).outcome).toBe('banned');
    expect(model.placeBid({ auctionId: 'a1' }, bid('cy', 1_000)).outcome).toBe('blocked');
  });

  it('forgets a bidder refused by the cooldown alone, whose last bid is all the auction held of them', () => {
    const model = opened();
    model.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 0, cooldownMs: 1_000, blocked: [] });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 500, { atMs: t0 + 1_000 })).outcome).toBe('too-low');
    expect(model.forget(['ann'])).toBe(1);
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: t0 + 1_200 })).outcome).toBe('leading');
  });
});
