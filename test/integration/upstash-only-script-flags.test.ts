/**
 * Upstash's `allow-key-locking` on a developer machine: the real Redis 7.0 refuses the
 * flag, and both local stand-ins for Upstash (the REST bridge jest's global setup starts,
 * and the RESP connection the local runtime uses) take the script exactly as production
 * sends it, by EVAL and then by the SHA of the flagged text.
 */
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import type { Redis } from '@upstash/redis';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { connectAuctionBookOverResp, type RespConnection } from '../../shared/local/upstash/resp-connection';
import { keyLocking } from '../../shared/adapters/upstash/auction-scripts';
import { scriptSha } from '../../shared/local/upstash/upstash-only-script-flags';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const flagged = `${keyLocking}return redis.call('INCRBY', KEYS[1], ARGV[1]) -- ${randomUUID()}`;
const key = () => `test:key-locking:${randomUUID()}`;

const raw = new IORedis(redisUrl);
let resp: RespConnection;
beforeAll(() => {
  resp = connectAuctionBookOverResp(redisUrl);
});
afterAll(async () => {
  await resp.close();
  raw.disconnect();
});

it('the real Redis 7.0 refuses a script flagged allow-key-locking, which is why the stand-ins step in', async () => {
  await expect(raw.eval(flagged, 1, key(), '1')).rejects.toThrow(/Unexpected flag in script shebang: allow-key-locking/);
});

describe.each([
  ['the REST bridge', () => connectAuctionBook({ url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string })],
  ['the RESP connection', () => resp.redis],
] as Array<[string, () => Redis]>)('%s, in front of the real Redis', (_name, connect) => {
  it('runs a flagged script by EVALSHA, falling back to EVAL once, as the Upstash client does', async () => {
    const redis = connect();
    const counter = key();
    await raw.script('FLUSH');
    const script = redis.createScript<number>(flagged);
    expect(await script.exec([counter], ['5'])).toBe(5);
    expect(await script.exec([counter], ['7'])).toBe(12);
    await raw.del(counter);
  });

  it('serves EVALSHA by the flagged text’s SHA once the flagged text has been seen, and NOSCRIPT before', async () => {
    const redis = connect();
    const counter = key();
    const unique = `${flagged} ${randomUUID()}`;
    await expect(redis.evalsha(scriptSha(unique), [counter], ['1'])).rejects.toThrow(/NOSCRIPT/);
    expect(await redis.eval(unique, [counter], ['2'])).toBe(2);
    expect(await redis.evalsha(scriptSha(unique), [counter], ['3'])).toBe(5);
    await raw.del(counter);
  });

  it('still refuses a flag neither Upstash nor Redis knows', async () => {
    await expect(connect().eval('#!lua flags=no-such-flag\nreturn 1', [], [])).rejects.toThrow(/Unexpected flag/);
  });
});
