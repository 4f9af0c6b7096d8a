/**
 * @module book-shards
 * Which Upstash database holds a channel's auction book, when a deployment has several
 * (`bookDatabaseOf`). Upstash limits commands per database, and a show's live lot is the
 * busiest thing on it; one database for every show makes a second busy show meet the first's
 * wall. A channel's live auction and its pointer (which `placeBid` by channel reads in the same
 * round trip as the bid) must share a database, so the channel, not the auction, picks it: the
 * same channel always lands on the same database, and channels spread evenly across them.
 * docs/capacity.md (a 50,000-viewer show) sizes the databases.
 */

/** FNV-1a, 32 bits: a stable, even spread of ids, the same in every process and every release. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The index (0-based) of the database, of `databases`, that holds the channel's auction book. */
export function bookDatabaseOf(channelId: string, databases: number): number {
  if (!Number.isInteger(databases) || databases < 1) throw new RangeError('a book needs at least one database');
  return fnv1a(channelId) % databases;
}
