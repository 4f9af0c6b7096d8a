/**
 * @module book-shards
 * Which Upstash database holds a channel's auction book, when a deployment has several
 * (`bookDatabaseOf`). Upstash limits commands per database, and a show's live lot is the
 * busiest thing on it; one database for every show makes a second busy show meet the first's
 * wall. A channel's live auction and its pointer (which `placeBid` by channel reads in the same
 * round trip as the bid) must share a database, so the channel, not the auction, picks it: a
 * lot, its chat bids (which name the lot's channel) and its sealed final call (that Redis's
 * clock) are on one database, and a show, whose lots are all in its channel, is too.
 *
 * Rendezvous (highest random weight) hashing: each database is scored for the channel and the
 * highest wins, so adding a database moves only the channels it now wins (about 1 in n+1), and
 * none between the databases already there. A database is named by its place in the list
 * (`UPSTASH_REDIS_REST_URL` first, then `UPSTASH_BOOK_SHARDS` in order): append, never reorder.
 * docs/capacity.md (a 50,000-viewer show) sizes the databases.
 */

/** FNV-1a, 32 bits: the same in every process and every release. */
function fnv1a(text: string): number {
  // UTF-16 code units, as charCodeAt reads them; no index to count, so no mutant of the loop spins until a timeout.
  return text.split('').reduce((hash, unit) => Math.imul(hash ^ unit.charCodeAt(0), 0x01000193) >>> 0, 0x811c9dc5);
}

/** MurmurHash3's finalizer: every input bit moves every output bit, so one channel's scores for two databases are unrelated. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The channel's weight on the database at `index`: the highest weight holds its book. */
export function bookDatabaseWeight(channelId: string, index: number): number {
  return weightOn(fnv1a(channelId), index);
}

/** The weight from the channel's hash, which depends only on the channel: hashed once per call, whatever the databases. */
function weightOn(channelHash: number, index: number): number {
  return mix32(channelHash ^ mix32(Math.imul(index + 1, 0x9e3779b9)));
}

/**
 * The index (0-based) of the database, of `databases`, that holds the channel's auction book.
 *
 * @example bookDatabaseOf('1180000000000000000', 1) // 0: one database holds every book
 */
export function bookDatabaseOf(channelId: string, databases: number): number {
  if (!Number.isInteger(databases) || databases < 1) throw new RangeError('a book needs at least one database');
  const channelHash = fnv1a(channelId);
  let best = 0;
  let bestWeight = -1;
  for (const index of Array(databases).keys()) {
    const weight = weightOn(channelHash, index);
    // Ties (rare) go to the earlier database, so the answer never depends on how many come after.
    if (weight > bestWeight) [best, bestWeight] = [index, weight];
  }
  return best;
}
