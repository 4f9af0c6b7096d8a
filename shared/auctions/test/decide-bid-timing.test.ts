/**
 * A bid's decision line says where its time in the book went, as the book measured it: the
 * bench (scripts/bench/book-decisions) and an operator read the book's own time apart from
 * the gathering's window from it.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import type { AuctionBook, BidRequest, BidTarget, BidTiming } from '../../ports';
import { decideBid } from '../use-cases/decide-bid';
import { auctionTerms, GUILD, t0 } from '../../../test/support/auction-book-fixtures';
import { logLinesOf } from '../../../test/support/log-lines';

/** The in-memory book, telling each bid it waited 12.34 ms for its batch and the call took 3.21 ms, as the Redis book would. */
function timedBook(): AuctionBook {
  const book = new InMemoryAuctionBook();
  return Object.assign(Object.create(book) as AuctionBook, {
    placeBid: async (target: BidTarget, bid: BidRequest, timing?: BidTiming) => {
      if (timing) {
        timing.gatheredMs += 12.34;
        timing.scriptMs += 3.21;
      }
      return book.placeBid(target, bid);
    },
  });
}

const request = (bidderId: string, amountCents: number): BidRequest => ({
  bidId: `bid-${bidderId}`,
  guildId: GUILD,
  bidderId,
  bidderName: bidderId,
  amountCents,
  maxCents: amountCents,
  responseToken: `token-${bidderId}`,
  atMs: t0 + 1_000,
  receivedAtMs: t0 + 1_000,
});

describe('the line a decided bid writes', () => {
  it('carries how long the bid waited in the gathering’s window and how long the book’s script took, to a tenth', async () => {
    const book = timedBook();
    await book.open(auctionTerms());
    const { lines } = await logLinesOf(() => decideBid({ book }, { auctionId: auctionTerms().auctionId }, request('800000000000000001', 1_000)));
    const line = lines.find((l) => l.event === 'bid.decided');
    expect(line).toMatchObject({ reason: 'leading', gatheredMs: 12.3, scriptMs: 3.2 });
  });

  it('adds up both calls when the book is asked again for a bidder our records trust', async () => {
    const book = timedBook();
    await book.open(auctionTerms());
    await book.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 500, cooldownMs: 0, blocked: [] });
    const trustedOnRecord = async (bidderId: string) => (await book.trust(bidderId), true);
    const { lines } = await logLinesOf(() =>
      decideBid({ book, trustedOnRecord }, { auctionId: auctionTerms().auctionId }, request('800000000000000002', 1_000)),
    );
    expect(lines.find((l) => l.event === 'bid.decided')).toMatchObject({ reason: 'leading', gatheredMs: 24.7, scriptMs: 6.4 });
  });
});
