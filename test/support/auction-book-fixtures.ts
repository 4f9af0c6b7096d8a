/**
 * The auction both book suites open: the model's unit tests and the Lua book's
 * integration tests start from the same terms, so their rules read the same.
 */
import { defaultLadder, type AuctionTerms } from '../../shared/auctions';

/** A fixed clock: every time in the book suites is this plus an offset. */
export const t0 = 1_700_000_000_000;

/** The server every suite's auctions and bids belong to: the test interactions' own. */
export const GUILD = '900000000000000001';

export function auctionTerms(over: Partial<AuctionTerms> = {}): AuctionTerms {
  return {
    auctionId: 'a1',
    guildId: GUILD,
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'builder',
    item: 'Keyboard',
    currency: 'usd',
    startCents: 1_000,
    reserveCents: 0,
    opensAtMs: t0,
    endsAtMs: t0 + 60_000,
    counterBidMs: 10_000,
    suddenDeath: false,
    settleMs: 0,
    streamDelayMs: 0,
    finalCallMs: 0,
    ladder: defaultLadder,
    ...over,
  };
}

/** The key the Redis book and chat outbox hash ids with in the suites (`ID_HASH_KEY`): any 32 characters. */
export const testIdKey = 'test-id-hash-key-0123456789abcdef';
