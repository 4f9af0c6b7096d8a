/**
 * @module redis-dump
 * Everything a Redis holds under a key prefix, as text: each key with what it holds (a hash's
 * fields and values, a stream's entries, a set's or list's members, a string). For the checks
 * that a person erased is named nowhere in the book (the soak, the privacy tests): they read
 * Redis itself, not what the product says it wrote.
 */
import IORedis from 'ioredis';

export interface RedisEntry {
  key: string;
  type: string;
  /** What the key holds, as JSON text. */
  text: string;
}

export async function dumpRedis(redisUrl: string, prefix: string): Promise<RedisEntry[]> {
  const redis = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    const entries: RedisEntry[] = [];
    for (const key of [...new Set(keys)].sort()) {
      const type = await redis.type(key);
      entries.push({ key, type, text: JSON.stringify(await valueOf(redis, key, type)) });
    }
    return entries;
  } finally {
    redis.disconnect();
  }
}

async function valueOf(redis: IORedis, key: string, type: string): Promise<unknown> {
  switch (type) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'set':
      return redis.smembers(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      return null;
  }
}
