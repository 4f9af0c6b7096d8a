/**
 * A bid typed in public (a `!bid` in Twitch chat, `typedInPublic`) on the reference model
 * (issue 76): the whole chat saw it, so once the final call has begun the book refuses it
 * (`private-only`) in the same step that decides the final call has begun, and keeps nothing
 * of it. Before the final call it is a bid like any other. The Lua book is held to the same
 * answers (test/integration/upstash-auction-book).
 */
import type { AuctionBookModel } from '../rules/auction-book-model';
import type { BidRequest } from '../rules/auction-book';
import { bid, GUILD, opened, t0 } from './book-model-fixtures';

const end = t0 + 60_000;
const inPublic = (bidderId: string, amountCents: number, over: Partial<BidRequest> = {}) => bid(bidderId, amountCents, { ...over, typedInPublic: true });

/** An auction with a final call and a cooldown, led by ann at $10 before the end. */
function ledByAnn(): AuctionBookModel {
  const model = opened({ finalCallMs: 20_000, counterBidMs: 10_000, settleMs: 2_000 });
  model.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 0, cooldownMs: 1_000, blocked: [] });
  expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { bidId: 'ann-first', responseToken: 'ann-token', atMs: end - 30_000 })).outcome).toBe(
    'leading',
  );
  return model;
}

describe('a bid typed in public chat', () => {
  it.each([
    ['made after the stated end', { atMs: end + 1_000, receivedAtMs: end + 1_000 }],
    ['made before the end, reaching the book once its clock has passed it', { atMs: end - 500, receivedAtMs: end + 100 }],
  ])('is refused once the final call has begun (%s), and nothing of it is kept or shown', (_, when) => {
    const model = ledByAnn();
    const before = model.read('a1');
    const refused = model.placeBid({ auctionId: 'a1' }, inPublic('bob', 9_000, when));
    expect(refused).toMatchObject({ outcome: 'private-only', repeat: false, extended: false, embed: { kind: 'none' }, snapshot: before });
    expect(model.read('a1')).toEqual(before);
    expect(model.holdsBidder('a1', 'bob')).toBe(false);
    // Nothing kept, not even the cooldown's last bid: the same bidder's private bid a moment later is taken, sealed.
    const inPrivate = bid('bob', 9_000, { atMs: when.atMs + 10, receivedAtMs: when.receivedAtMs + 10 });
    expect(model.placeBid({ auctionId: 'a1' }, inPrivate).outcome).toBe('sealed');
  });

  it('is refused once a sealed bid has begun the final call, even stamped before the end and read by a clock before it', () => {
    const model = ledByAnn();
    // A Discord bid made after the end begins the final call: from then the book is sealed, whatever a later bid's stamp.
    expect(model.placeBid({ auctionId: 'a1' }, bid('cy', 2_000, { atMs: end + 200, receivedAtMs: end + 200 })).outcome).toBe('sealed');
    const shown = model.read('a1');
    const refused = model.placeBid({ auctionId: 'a1' }, inPublic('bob', 9_000, { atMs: end - 1_000, receivedAtMs: end - 900 }));
    expect(refused).toMatchObject({ outcome: 'private-only', snapshot: shown });
    expect(model.holdsBidder('a1', 'bob')).toBe(false);
    expect(model.hammer('a1', 0, end + 22_000)).toMatchObject({ kind: 'closed', snapshot: { leaderId: 'cy' } });
  });

  it('is answered exactly as a private bid before the final call: it leads, outbids and extends the same', () => {
    const [open, typed] = [ledByAnn(), ledByAnn()];
    const same = (over: Partial<BidRequest>, bidderId: string, cents: number) => {
      const request = bid(bidderId, cents, over);
      expect(typed.placeBid({ auctionId: 'a1' }, { ...request, typedInPublic: true })).toEqual(open.placeBid({ auctionId: 'a1' }, request));
    };
    same({ atMs: end - 20_000 }, 'bob', 1_100);
    // Near the end: a counter-bid extends, public or not.
    same({ atMs: end - 1_000, receivedAtMs: end - 999 }, 'cy', 5_000);
    expect(typed.read('a1')).toEqual(open.read('a1'));
  });

  it('taken before the final call, is answered as it was when delivered again in it', () => {
    const model = ledByAnn();
    const request = inPublic('bob', 2_000, { atMs: end - 20_000 });
    expect(model.placeBid({ auctionId: 'a1' }, request).outcome).toBe('leading');
    expect(model.placeBid({ auctionId: 'a1' }, { ...request, receivedAtMs: end + 1_000 })).toMatchObject({ outcome: 'leading', repeat: true });
  });

  it('made in time on an auction with no final call (from before them), counts when it reaches the book in the settle window', () => {
    const model = opened({ finalCallMs: 0, suddenDeath: true, counterBidMs: 0, settleMs: 2_000 });
    expect(model.placeBid({ auctionId: 'a1' }, inPublic('ann', 1_000, { atMs: end - 500, receivedAtMs: end + 1_000 })).outcome).toBe('sealed');
    expect(model.holdsBidder('a1', 'ann')).toBe(true);
  });

  it('made once the hammer fell is closed, as any bid', () => {
    const model = ledByAnn();
    expect(model.placeBid({ auctionId: 'a1' }, inPublic('bob', 9_000, { atMs: end + 20_000 })).outcome).toBe('closed');
  });
});
