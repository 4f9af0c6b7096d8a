/**
 * The book's count of databases on real Redis, through the book's own client over RESP: it only
 * rises, so an instance with an older, shorter list of databases never lowers it, and what it
 * reads is the highest any instance has run.
 */
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { bookLayoutMarker } from '../../shared/adapters/upstash/book-layout-marker';
import { connectAuctionBookOverResp } from '../../shared/local/upstash/resp-connection';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `test:book-layout:${randomUUID()}:`;
const connection = connectAuctionBookOverResp(redisUrl);
const raw = new IORedis(redisUrl);

afterAll(async () => {
  await raw.del(`${keyPrefix}book:databases`);
  raw.disconnect();
  await connection.close();
});

describe('the count of the book’s databases on the first one', () => {
  it('reads 0 before any instance opened, rises to the longest list, and is never lowered by a shorter one', async () => {
    const marker = bookLayoutMarker(connection.redis, keyPrefix);
    expect(await marker.highest()).toBe(0);
    expect(await marker.raise(2)).toBe(2);
    expect(await marker.raise(1)).toBe(2);
    expect(await marker.raise(3)).toBe(3);
    expect(await marker.highest()).toBe(3);
    expect(await raw.get(`${keyPrefix}book:databases`)).toBe('3');
  });
});
