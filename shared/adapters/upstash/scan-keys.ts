/**
 * @module scan-keys
 * Finding keys by pattern without blocking Redis: SCAN, a step at a time (Upstash supports it).
 * For erasures, which are rare; never on a bid's path.
 */
import type { Redis } from '@upstash/redis';

/** How many keys SCAN is asked to look at a step. */
const scanCount = 500;

/** The keys matching a pattern, by SCAN, each once (SCAN itself may return a key twice). */
export async function* scanKeys(redis: Redis, match: string): AsyncGenerator<string> {
  const seen = new Set<string>();
  let cursor = '0';
  do {
    const reply: unknown = await redis.scan(cursor, { match, count: scanCount });
    if (!Array.isArray(reply) || !Array.isArray(reply[1])) throw malformedScan(reply);
    cursor = String(reply[0]);
    for (const key of reply[1] as unknown[]) {
      if (typeof key !== 'string') throw malformedScan(reply);
      if (seen.has(key)) continue;
      seen.add(key);
      yield key;
    }
  } while (cursor !== '0');
}

const malformedScan = (reply: unknown) => new Error(`Redis's SCAN answer is malformed: ${(JSON.stringify(reply) ?? String(reply)).slice(0, 200)}`);
