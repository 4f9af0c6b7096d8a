/**
 * @module bidder-operations
 * The Upstash book's operations on a bidder rather than a bid: whether an auction holds them,
 * taking them out of one (`withdraw`) or out of the whole book (`forget`, an erasure), a lot's
 * pre-bids in, and the lists that belong to no auction: banned and trusted bidders, kept as
 * keyed hashes of their ids (`keyed-ids`), never the ids.
 */
import type { Redis } from '@upstash/redis';
import type { AuctionBook } from '../../ports';
import type { WithdrawResult } from '../../auctions';
import type { auctionBookKeys, bookScripts } from './book-layout';
import type { IdHasher } from './keyed-ids';
import { malformed } from './auction-book-replies';
import { scanKeys } from './scan-keys';

/** How many servers' rules one scrub of the lists takes. */
const trustKeysPerCall = 200;

export function bidderOperations(
  redis: Redis,
  keys: ReturnType<typeof auctionBookKeys>,
  scripts: ReturnType<typeof bookScripts>,
  hashId: IdHasher,
  /** The book's clock as a withdrawal or an erasure passes it: '' for Redis's own TIME. */
  clockArg: () => string,
): Pick<AuctionBook, 'holdsBidder' | 'withdraw' | 'forget' | 'preBidsIn' | 'ban' | 'unban' | 'trust'> {
  const { hashKey, auctionKeys, bannedKey, trustedKey } = keys;
  return {
    async holdsBidder(auctionId: string, bidderId: string): Promise<boolean> {
      // The auction's tops hash (its fourth key), then its last bids (its eighth, a cooldown's): a command each, no script.
      const keysOf = auctionKeys(auctionId);
      if ((await redis.hexists(keysOf[3] as string, bidderId)) === 1) return true;
      return (await redis.hexists(keysOf[7] as string, bidderId)) === 1;
    },

    async withdraw(auctionId: string, bidderId: string): Promise<WithdrawResult> {
      const reply = await scripts.withdraw.exec(auctionKeys(auctionId), [bidderId, clockArg()]);
      if (reply === 'withdrawn' || reply === 'not-bidding' || reply === 'not-live' || reply === 'not-found') return reply;
      throw malformed('withdraw', reply);
    },

    forget: (bidderIds: readonly string[]) => forgetBidders(redis, keys, scripts, hashId, bidderIds, clockArg),

    async preBidsIn(auctionId: string): Promise<void> {
      const reply = await scripts.preBidsIn.exec([hashKey(auctionId)], []);
      if (reply !== 'in' && reply !== 'not-found') throw malformed('preBidsIn', reply);
    },

    async ban(bidderId: string): Promise<void> {
      await redis.sadd(bannedKey, hashId(bidderId));
    },

    /** A ban's end (its strikes a year old): both forms, since a ban from before the hashes holds the raw id. */
    async unban(bidderId: string): Promise<void> {
      await redis.srem(bannedKey, hashId(bidderId), bidderId);
    },

    async trust(bidderId: string): Promise<void> {
      await redis.sadd(trustedKey, hashId(bidderId));
    },
  };
}

/**
 * Every auction under the prefix, live or ended, one script call each (atomic per auction, and
 * Upstash locks only that auction's keys meanwhile); then the bidder lists and the servers'
 * block lists. Answers how many auctions held any of them. Safe to run again.
 */
async function forgetBidders(
  redis: Redis,
  keys: ReturnType<typeof auctionBookKeys>,
  scripts: ReturnType<typeof bookScripts>,
  hashId: IdHasher,
  bidderIds: readonly string[],
  clockArg: () => string,
): Promise<number> {
  // '' is how the book says "nobody": it is nobody's to forget.
  const ids = [...new Set(bidderIds)].filter((id) => id !== '');
  if (ids.length === 0) return 0;
  let held = 0;
  for await (const hash of scanKeys(redis, keys.auctionHashPattern)) {
    const reply = await scripts.forget.exec(keys.auctionKeys(keys.auctionIdOf(hash)), [clockArg(), ...ids]);
    if (reply === 'forgotten') held += 1;
    else if (reply !== 'absent' && reply !== 'not-found') throw malformed('forget', reply);
  }
  const trustKeys: string[] = [];
  for await (const key of scanKeys(redis, keys.trustPattern)) trustKeys.push(key);
  const pairs = ids.flatMap((id) => [id, hashId(id)]);
  for (let i = 0; i === 0 || i < trustKeys.length; i += trustKeysPerCall) {
    const reply = await scripts.forgetLists.exec([keys.bannedKey, keys.trustedKey, ...trustKeys.slice(i, i + trustKeysPerCall)], pairs);
    if (reply !== 'forgotten') throw malformed('forget', reply);
  }
  return held;
}
