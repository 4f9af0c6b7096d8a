/**
 * @module bid-tally
 * The book's per-minute tally of answered bids, one Redis hash per server and minute
 * (`P guild:G:tally:<minute ms>`, field -> count), expiring after `tallyKeptMs`. Counting is
 * one script (HINCRBY per field and the expiry together), reading the hour one script over
 * its sixty keys: a bid adds one small round trip to Redis after its answer, never a
 * Firestore write.
 */
import type { MinuteTally } from '../../ports';
import { malformed } from './auction-book-replies';

/** ARGV: the expiry in ms, then name, count, name, count… */
export const tallyScript = `
for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/** One HGETALL per key, in the keys' order: a flat list of names and counts each. */
export const talliesScript = `
local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('HGETALL', key) end
return out`;

/** The script's reply, read field by field: the minutes asked, those with counts, oldest first. */
export function talliesOf(minutes: readonly number[], reply: unknown): MinuteTally[] {
  if (!Array.isArray(reply) || reply.length !== minutes.length) throw malformed('tallies', reply);
  return minutes.flatMap((minuteMs, i) => {
    const flat: unknown = reply[i];
    if (!Array.isArray(flat) || flat.length % 2 !== 0) throw malformed('tallies', reply);
    if (flat.length === 0) return [];
    const counts: Record<string, number> = {};
    for (let j = 0; j < flat.length; j += 2) {
      const n = Number(flat[j + 1]);
      if (typeof flat[j] !== 'string' || !Number.isSafeInteger(n)) throw malformed('tallies', reply);
      counts[flat[j] as string] = n;
    }
    return [{ minuteMs, counts }];
  });
}
