/**
 * `/c500 auction settings`, `/c500 block` and `/c500 unblock` against the embedded store and
 * the in-memory book: admins only, the rules saved with their version and handed to the book
 * at once (so a live auction follows them), and a command delivered again answered as the
 * first was. Then the trust of paying buyers, and an auction opening with its server's rules.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import type { AuctionBook, DiscordMessage } from '../../ports';
import { ADMIN, command } from '../../../test/support/interactions';
import { auctionTerms, GUILD } from '../../../test/support/auction-book-fixtures';
import { blockBidder, configureAuctions, unblockBidder, type TrustCommandDeps } from '../use-cases/trust-commands';
import { trustedOnRecord, trustPayingBuyers } from '../use-cases/bidder-trust';
import { syncGuildTrust } from '../use-cases/guild-trust';
import { guildAuctionsPath } from '../rules/bidder-trust';
import { bidderPath } from '../rules/auction';
import { orderPath, type Order } from '../../orders';
import { bid } from './book-model-fixtures';

const ADMIN_ID = '800000000000000100';
const MEMBER = '800000000000000200';

function world(book: AuctionBook = new InMemoryAuctionBook()) {
  const store = new LocalDocumentStore();
  const clock = { now: () => new Date('2026-11-27T20:00:00Z') };
  const deps: TrustCommandDeps = { store, book, clock, marketplace: { currency: 'usd' } };
  return { store, book, deps };
}

const asAdmin = (path: string[], options: Record<string, string | number> = {}, permissions = ADMIN) =>
  command({ name: 'c500', path, options, userId: ADMIN_ID, permissions });
const text = (message: DiscordMessage) => message.content ?? '';

/** The book's answer to a member's bid on a live auction of the test server. */
async function bidOnLive(book: AuctionBook, bidderId: string, amountCents: number, over: Parameters<typeof bid>[2] = {}) {
  return (await book.placeBid({ auctionId: 'a1' }, bid(bidderId, amountCents, over))).outcome;
}

describe('/c500 auction settings', () => {
  it('shows the defaults when run with nothing to change', async () => {
    const w = world();
    const answer = await configureAuctions(w.deps, asAdmin(['auction', 'settings']));
    expect(text(answer)).toContain('can bid up to **$500.00**');
    expect(text(answer)).toContain('one bid **a second**');
    expect(await w.store.get(guildAuctionsPath(GUILD))).toBeUndefined();
  });

  it('saves a change with the next version and hands it to live auctions at once', async () => {
    const w = world();
    await w.book.open(auctionTerms({ endsAtMs: Date.now() + 3_600_000 }));
    await syncGuildTrust(w, GUILD);
    expect(await bidOnLive(w.book, 'ann', 60_000)).toBe('over-new-bidder-limit');
    const answer = await configureAuctions(w.deps, asAdmin(['auction', 'settings'], { 'new-bidder-limit': 1000, cooldown: 0 }));
    expect(text(answer)).toMatch(/^Saved\. .*\*\*\$1,000\.00\*\*.*\*\*no cooldown\*\*/);
    expect((await w.store.get(guildAuctionsPath(GUILD)))?.auctions).toEqual({ newBidderLimitCents: 100_000, cooldownMs: 0, version: 1 });
    expect(await bidOnLive(w.book, 'ann', 60_000)).toBe('leading');
  });

  it('refuses a member who is not an admin, and bad values, saving nothing', async () => {
    const w = world();
    expect(text(await configureAuctions(w.deps, asAdmin(['auction', 'settings'], { cooldown: 5 }, '0')))).toContain('Only server admins');
    expect(text(await configureAuctions(w.deps, asAdmin(['auction', 'settings'], { cooldown: 500 })))).toContain('Nothing was saved');
    expect(await w.store.get(guildAuctionsPath(GUILD))).toBeUndefined();
  });
});

describe('/c500 block and /c500 unblock', () => {
  it('blocks a member in a live auction, answers a redelivery as the first time, and unblocks them', async () => {
    const w = world();
    await w.book.open(auctionTerms({ endsAtMs: Date.now() + 3_600_000 }));
    await syncGuildTrust(w, GUILD);
    const block = asAdmin(['block'], { member: MEMBER });
    expect(text(await blockBidder(w.deps, block))).toBe(
      `Blocked <@${MEMBER}>: from now on their bids in this server’s auctions are refused, live ones included. Bids they already placed stand. \`/c500 unblock\` undoes it.`,
    );
    expect(text(await blockBidder(w.deps, block))).toContain(`Blocked <@${MEMBER}>`);
    expect(text(await blockBidder(w.deps, asAdmin(['block'], { member: MEMBER })))).toContain('was already blocked');
    expect(await bidOnLive(w.book, MEMBER, 1_000)).toBe('blocked');
    const rules = (await w.store.get(guildAuctionsPath(GUILD)))?.auctions;
    expect(rules).toMatchObject({ version: 1, blocked: [{ key: MEMBER, label: `<@${MEMBER}>`, blockedBy: ADMIN_ID }] });

    expect(text(await unblockBidder(w.deps, asAdmin(['unblock'], { member: MEMBER })))).toContain(`Unblocked <@${MEMBER}>`);
    expect(await bidOnLive(w.book, MEMBER, 1_000, { atMs: Date.now() })).toBe('leading');
    expect(text(await unblockBidder(w.deps, asAdmin(['unblock'], { member: MEMBER })))).toContain('wasn’t blocked');
  });

  it('blocks a Twitch chatter by login before they ever bid: their bid carries the alias', async () => {
    const w = world();
    await w.book.open(auctionTerms({ endsAtMs: Date.now() + 3_600_000 }));
    expect(text(await blockBidder(w.deps, asAdmin(['block'], { twitch: '@KeebFan' })))).toContain('Blocked twitch.tv/keebfan');
    expect(await bidOnLive(w.book, 'twitch:4242', 1_000, { bidderAlias: 'twitch-login:keebfan' })).toBe('blocked');
  });

  it('lists who is blocked when no one is named, and refuses non-admins and blocking oneself', async () => {
    const w = world();
    expect(text(await blockBidder(w.deps, asAdmin(['block'])))).toContain('Nobody is blocked');
    await blockBidder(w.deps, asAdmin(['block'], { twitch: 'keebfan' }));
    expect(text(await unblockBidder(w.deps, asAdmin(['unblock'])))).toContain('• twitch.tv/keebfan');
    expect(text(await blockBidder(w.deps, asAdmin(['block'], { member: MEMBER }, '0')))).toContain('Only server admins');
    expect(text(await blockBidder(w.deps, asAdmin(['block'], { member: ADMIN_ID })))).toBe('You can’t block yourself.');
  });

  it('saves the block even when the book is down, and says live auctions did not hear it yet', async () => {
    const book = new InMemoryAuctionBook();
    const w = world(book);
    book.setGuildTrust = async () => {
      throw new Error('down');
    };
    expect(text(await blockBidder(w.deps, asAdmin(['block'], { member: MEMBER })))).toContain('live auctions didn’t hear it yet');
    expect((await w.store.get(guildAuctionsPath(GUILD)))?.auctions?.blocked).toHaveLength(1);
  });
});

describe('trusted bidders', () => {
  const paid = (orderId: string, buyerId: string) => ({ orderId, buyerId }) as Order;

  it('records a paying buyer once, keeping their strikes, and tells the book', async () => {
    const w = world();
    await w.book.open(auctionTerms({ endsAtMs: Date.now() + 3_600_000 }));
    await syncGuildTrust(w, GUILD);
    await w.store.set(bidderPath('ann'), { bidderId: 'ann', strikes: 1, strikeOrders: ['o0'], banned: false });
    await trustPayingBuyers(w.deps, [paid('o1', 'ann'), paid('o2', 'ann')]);
    await trustPayingBuyers(w.deps, [paid('o3', 'ann')]);
    expect(await w.store.get(bidderPath('ann'))).toEqual({
      bidderId: 'ann',
      strikes: 1,
      strikeOrders: ['o0'],
      banned: false,
      trustedAt: '2026-11-27T20:00:00.000Z',
      trustedByOrder: 'o1',
    });
    expect(await bidOnLive(w.book, 'ann', 60_000)).toBe('leading');
  });

  it('finds a buyer who paid before trust was recorded, and a bidder who never paid is not', async () => {
    const w = world();
    await w.store.set(orderPath('o9'), { orderId: 'o9', buyerId: 'bob', paidAt: '2026-01-01T00:00:00Z' } as Order);
    await w.store.set(orderPath('o8'), { orderId: 'o8', buyerId: 'cyd' } as Order);
    expect(await trustedOnRecord(w.deps, 'bob')).toBe(true);
    expect(await w.store.get(bidderPath('bob'))).toMatchObject({ trustedByOrder: 'o9', strikes: 0 });
    expect(await trustedOnRecord(w.deps, 'cyd')).toBe(false);
    expect(await w.store.get(bidderPath('cyd'))).toBeUndefined();
  });
});
