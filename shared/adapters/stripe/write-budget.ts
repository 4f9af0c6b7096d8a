/**
 * @module write-budget
 * One Stripe budget per account: every write C500 sends to Stripe (a charge, a session, a
 * refund, a transfer, a reversal, a payout: every POST and DELETE) first takes a token from
 * one bucket in Redis, shared by every function and instance, sized from Stripe's published
 * limits (stripe-limits). One Lua script refills and takes atomically, so no two callers
 * spend the same token. Batch work (stripe-work) takes only tokens beyond the person's
 * reserve, so a Buy Now press finds one while a group buy's close drains the bucket.
 * The bucket lives at stripe-node's transport: stripe-node's own retries and the adapter's
 * waits after a 429 (stripe-refusals) are writes too, and each takes its token again.
 */
import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import type { Redis } from '@upstash/redis';
import { currentStripeWork, type StripeWork } from '../../stripe-work';
import { stripeModeOfKey, stripeWriteBudgetSize, type StripeWriteBudgetSize } from '../../stripe-limits';

export interface StripeWriteBudget {
  /** Resolves once a token is taken for this kind of work, waiting as long as the bucket says. */
  take(work: StripeWork): Promise<void>;
}

/** One try at the bucket: 0 when a token was taken, else how many milliseconds until one could be. */
export type BucketTry = (work: StripeWork) => Promise<number>;

/*
 * Tokens are kept in thousandths, so a refill of `perSecond` a second is `perSecond` thousandths
 * a millisecond: whole numbers throughout. Without a clock in ARGV[4], Redis's own: one clock for
 * every instance that shares the bucket. The key lives a minute past its last take: a full bucket.
 */
export const takeTokenScript = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local floor = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local held = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(held[1]) or capacity
local at = tonumber(held[2]) or now
if now > at then
  level = math.min(capacity, level + (now - at) * rate)
  at = now
end
local wait = 0
if level - 1000 >= floor then
  level = level - 1000
else
  wait = math.ceil((floor + 1000 - level) / rate)
end
redis.call('HSET', KEYS[1], 'level', level, 'at', at)
redis.call('PEXPIRE', KEYS[1], 60000)
return wait
`;

/** The thousandths of a token the work must leave in the bucket: none for a person, the reserve for batch work. */
function floorFor(size: StripeWriteBudgetSize, work: StripeWork): number {
  return work === 'batch' ? size.personReserve * 1000 : 0;
}

export interface RedisBucketOptions {
  /** The account's bucket, e.g. `c500:stripe-writes:test:<account>`. */
  key: string;
  size: StripeWriteBudgetSize;
  /** A test's clock, in milliseconds; production leaves it unset and the script reads Redis's. */
  now?: () => number;
}

/** The bucket in Redis: one try, atomic. */
export function redisBucket(redis: Redis, options: RedisBucketOptions): BucketTry {
  const script = redis.createScript<number>(takeTokenScript);
  const { size } = options;
  return async (work) =>
    Number(
      await script.exec(
        [options.key],
        [String(size.capacity * 1000), String(size.perSecond), String(floorFor(size, work)), options.now ? String(options.now()) : ''],
      ),
    );
}

/** The same bucket in this process's memory: the local runtime's with no Redis answering (each process then has its own). */
export function memoryBucket(size: StripeWriteBudgetSize, now: () => number = Date.now): BucketTry {
  let level = size.capacity * 1000;
  let at = now();
  return async (work) => {
    const t = now();
    if (t > at) {
      level = Math.min(size.capacity * 1000, level + (t - at) * size.perSecond);
      at = t;
    }
    const floor = floorFor(size, work);
    if (level - 1000 >= floor) {
      level -= 1000;
      return 0;
    }
    return Math.ceil((floor + 1000 - level) / size.perSecond);
  };
}

/** Tries the bucket until it gives a token, waiting what it says between tries. */
export function writeBudget(bucket: BucketTry, wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))): StripeWriteBudget {
  return {
    async take(work) {
      for (let ms = await bucket(work); ms > 0; ms = await bucket(work)) await wait(ms);
    },
  };
}

/** stripe-node's transport with the budget in front: a write takes its token before it leaves; a read goes at once. */
export function budgetedHttpClient(inner: Stripe.HttpClient, budget: StripeWriteBudget): Stripe.HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: async (...request: Parameters<Stripe.HttpClient['makeRequest']>) => {
      if (request[3].toUpperCase() !== 'GET') await budget.take(currentStripeWork());
      return inner.makeRequest(...request);
    },
  };
}

/** The bucket's key for the account a secret key speaks for: its mode and a digest of the key, never the key itself. */
export function accountBucketKey(keyPrefix: string, secretKey: string, mode: string): string {
  return `${keyPrefix}stripe-writes:${mode}:${createHash('sha256').update(secretKey).digest('hex').slice(0, 16)}`;
}

/** The account's budget on a Redis every instance shares, sized from Stripe's figure for the key's mode. */
export function accountWriteBudget(redis: Redis, keyPrefix: string, secretKey: string): StripeWriteBudget {
  const mode = stripeModeOfKey(secretKey);
  return writeBudget(redisBucket(redis, { key: accountBucketKey(keyPrefix, secretKey, mode), size: stripeWriteBudgetSize(mode) }));
}
