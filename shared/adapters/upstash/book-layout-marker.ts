/**
 * @module book-layout-marker
 * The most databases any instance has run the book with (`<prefix>book:databases` on the first
 * database, a count). Secret Manager's `latest` reaches an instance when it starts, so after a
 * database is appended to `UPSTASH_BOOK_SHARDS`, instances started before it (of any revision)
 * run the old list beside new ones running the new: a channel the new database took has its lot
 * there, where an old instance never looks. Each open raises the count to its own list's length;
 * an instance whose list is shorter than the count then refuses what it cannot answer for (an
 * open, a bid or lookup that found nothing) with `BookBehindError`, so the platform retries it
 * on another instance, instead of opening a second lot in the channel or telling a bidder there
 * is none (sharded-auction-book).
 */
import type { Redis } from '@upstash/redis';

/** An instance runs fewer databases than another has: what it would answer may be wrong, so it answers nothing. */
export class BookBehindError extends Error {
  readonly code = 'book-behind';

  constructor(known: number, highest: number) {
    super(`this instance knows ${known} of the book's ${highest} databases (UPSTASH_BOOK_SHARDS changed since it started): retried on a newer instance`);
  }
}

export interface BookLayoutMarker {
  /** Raises the count to `databases` if lower; answers the count after. */
  raise(databases: number): Promise<number>;
  /** The count (0 if never raised). */
  highest(): Promise<number>;
}

const raiseScript = `
local highest = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local mine = tonumber(ARGV[1])
if mine > highest then
  redis.call('SET', KEYS[1], ARGV[1])
  return mine
end
return highest
`;

export function bookLayoutMarker(redis: Redis, keyPrefix = 'c500:'): BookLayoutMarker {
  const key = `${keyPrefix}book:databases`;
  return {
    raise: async (databases) => Number(await redis.eval(raiseScript, [key], [String(databases)])),
    async highest() {
      const value = Number((await redis.get<string | number>(key)) ?? 0);
      return Number.isInteger(value) && value > 0 ? value : 0;
    },
  };
}
