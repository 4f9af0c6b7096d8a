/**
 * What a member's erasure reaches outside Firestore: the auction book forgets them in every
 * auction it still holds, ended ones too, not only the live ones Firestore lists.
 */
import type { Platform } from '../../platform';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { erasureReach } from '../erasure-wiring';
import { auctionTerms, GUILD, t0 } from '../../../test/support/auction-book-fixtures';

const member = '412345678901234567';
const other = '398765432109876543';

function platformWithBook() {
  const book = new InMemoryAuctionBook();
  const store = new LocalDocumentStore();
  // Only what the erasure's wiring reads of a platform; no live auction in Firestore, so nothing to edit in Discord.
  const platform = {
    store: () => store,
    auctionBook: () => book,
    discord: () => ({}),
    // No shop connected: nothing to rename there.
    shopSecrets: () => ({ query: async () => [] }),
    clock: new LocalClock({ now: () => new Date(t0) }),
  } as unknown as Platform;
  return { book, platform };
}

const bidBy = (bidderId: string, n: number, amountCents: number) => ({
  bidId: `interaction-${n}`,
  guildId: GUILD,
  bidderId,
  bidderName: `Name of ${bidderId}`,
  amountCents,
  maxCents: amountCents,
  responseToken: `token-${n}`,
  atMs: t0 + n * 1_000,
  receivedAtMs: t0 + n * 1_000,
});

describe('the erasure’s reach into the auction book', () => {
  it('GIVEN a member who bid in an auction now ended WHEN they erase themselves THEN the book forgets them there, once, and keeps the other bidder', async () => {
    const { book, platform } = platformWithBook();
    await book.open(auctionTerms());
    await book.placeBid({ auctionId: 'a1' }, bidBy(member, 1, 1_000));
    await book.placeBid({ auctionId: 'a1' }, bidBy(other, 2, 2_000));
    await book.hammer('a1', 0, t0 + 60_000);

    expect(await erasureReach(platform).eraseElsewhere(member)).toBe(1);
    const closed = await book.hammer('a1', 0, t0 + 60_000);
    if (closed.kind !== 'closed') throw new Error('the auction closed');
    expect(closed.bids.map((b) => b.bidderId)).toEqual([other]);
    expect(closed.standings.map((s) => s.bidderId)).toEqual([other]);
    expect(closed.snapshot).toMatchObject({ leaderId: other, priceCents: 2_000 });
    expect(await erasureReach(platform).eraseElsewhere(member)).toBe(0);
  });
});
