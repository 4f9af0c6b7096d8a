import { randomUUID } from 'node:crypto';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';

// Runs against the real Redis behind the Upstash REST bridge started by jest's global setup.
const endpoint = { url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string };

describe('the auction book connection (Upstash client -> REST bridge -> real Redis)', () => {
  const redis = connectAuctionBook(endpoint);
  const key = (name: string) => `test:${randomUUID()}:${name}`;

  it('runs a Lua script by its SHA, loading it on first use', async () => {
    const counter = key('counter');
    const script = redis.createScript<number>("return redis.call('INCRBY', KEYS[1], ARGV[1])");
    await redis.eval('return redis.call("SCRIPT", "FLUSH")', [], []).catch(() => undefined);
    expect(await script.exec([counter], ['5'])).toBe(5);
    expect(await script.exec([counter], ['7'])).toBe(12);
    await redis.del(counter);
  });

  it('keeps strings as strings: ids and amounts are never reinterpreted', async () => {
    const k = key('bidder');
    await redis.set(k, '000123');
    expect(await redis.get(k)).toBe('000123');
    await redis.del(k);
  });

  it('loses no update when many commands are sent at once through auto-pipelining', async () => {
    const counter = key('herd');
    const script = redis.createScript<number>("return redis.call('INCR', KEYS[1])");
    const results = await Promise.all(Array.from({ length: 500 }, () => script.exec([counter], [])));
    expect(new Set(results).size).toBe(500);
    expect(Number(await redis.get(counter))).toBe(500);
    await redis.del(counter);
  });
});
