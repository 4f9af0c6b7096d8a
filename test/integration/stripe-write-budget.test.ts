/**
 * One Stripe budget per account (adapters/stripe/write-budget): the Lua bucket on a real
 * Redis, through the Upstash client over RESP as the local runtime reaches it. The clock is
 * injected (the script takes it in place of Redis's TIME), so refill is counted, never timed.
 */
import { randomUUID } from 'node:crypto';
import { connectAuctionBookOverResp, type RespConnection } from '../../shared/local/upstash/resp-connection';
import { budgetedHttpClient, redisBucket, writeBudget, type BucketTry } from '../../shared/adapters/stripe/write-budget';
import { stripeWriteBudgetSize, stripeWriteLimits, type StripeWriteBudgetSize } from '../../shared/stripe-limits';
import { asBatchWork } from '../../shared/stripe-work';
import type Stripe from 'stripe';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let resp: RespConnection;
beforeAll(() => {
  resp = connectAuctionBookOverResp(redisUrl);
});
afterAll(async () => {
  await resp.close();
});

const test = stripeWriteBudgetSize('test');

/** A bucket of its own on the real Redis, on a clock that moves only when told. */
function bucketAt(size: StripeWriteBudgetSize = test) {
  let nowMs = 1_800_000_000_000;
  const bucket = redisBucket(resp.redis, { key: `test:stripe-writes:${randomUUID()}`, size, now: () => nowMs });
  return { bucket, advance: (ms: number) => void (nowMs += ms) };
}

/** How many tokens the work gets at this instant, trying until the bucket says wait. */
async function drain(bucket: BucketTry, work: 'person' | 'batch'): Promise<number> {
  let taken = 0;
  while ((await bucket(work)) === 0) taken += 1;
  return taken;
}

describe('the Stripe write budget', () => {
  it('is sized inside Stripe’s published limits: a full bucket and a second’s refill never pass them', () => {
    for (const mode of ['live', 'test'] as const) {
      const size = stripeWriteBudgetSize(mode);
      expect(size.capacity + size.perSecond).toBeLessThanOrEqual(stripeWriteLimits[mode]);
      expect(size.personReserve).toBeGreaterThanOrEqual(1);
      expect(size.personReserve).toBeLessThan(size.capacity);
    }
  });

  it('gives a person the whole bucket at once, then says how long until the next token', async () => {
    const { bucket, advance } = bucketAt();
    expect(await drain(bucket, 'person')).toBe(test.capacity);
    const wait = await bucket('person');
    expect(wait).toBe(Math.ceil(1000 / test.perSecond));
    advance(wait);
    expect(await bucket('person')).toBe(0);
  });

  it('lets batch work take only the tokens beyond the person’s reserve, so a person still gets one while a batch drains', async () => {
    const { bucket } = bucketAt();
    expect(await drain(bucket, 'batch')).toBe(test.capacity - test.personReserve);
    expect(await bucket('person')).toBe(0);
  });

  it('makes batch work wait longer than a person for the same empty bucket', async () => {
    const { bucket } = bucketAt();
    await drain(bucket, 'person');
    expect(await bucket('batch')).toBeGreaterThan(await bucket('person'));
  });

  it('never holds more than its capacity however long it rests', async () => {
    const { bucket, advance } = bucketAt();
    await drain(bucket, 'person');
    advance(3_600_000);
    expect(await drain(bucket, 'person')).toBe(test.capacity);
  });

  it('hands out at most Stripe’s limit in any one second of its clock to callers who never stop asking', async () => {
    const { bucket, advance } = bucketAt();
    const takenAt: number[] = [];
    // Three seconds of the clock, a millisecond at a time, three callers asking at every step.
    for (let ms = 0; ms < 3_000; ms++) {
      for (const work of ['batch', 'batch', 'person'] as const) if ((await bucket(work)) === 0) takenAt.push(ms);
      advance(1);
    }
    const mostInAnySecond = Math.max(...takenAt.map((start) => takenAt.filter((t) => t >= start && t < start + 1000).length));
    expect(mostInAnySecond).toBeLessThanOrEqual(stripeWriteLimits.test);
    expect(takenAt.length).toBeGreaterThan(2 * test.perSecond);
  });

  it('gives exactly the tokens it holds to many callers asking at the same instant', async () => {
    const { bucket } = bucketAt();
    const answers = await Promise.all(Array.from({ length: 40 }, () => bucket('person')));
    expect(answers.filter((wait) => wait === 0)).toHaveLength(test.capacity);
  });

  it('keeps each account’s bucket apart', async () => {
    const one = bucketAt();
    const other = bucketAt();
    await drain(one.bucket, 'person');
    expect(await drain(other.bucket, 'person')).toBe(test.capacity);
  });

  it('waits what the bucket says and asks again until it gives a token', async () => {
    const { bucket, advance } = bucketAt();
    await drain(bucket, 'person');
    const waited: number[] = [];
    await writeBudget(bucket, async (ms) => {
      waited.push(ms);
      advance(ms);
    }).take('batch');
    expect(waited.length).toBeGreaterThan(0);
    expect(await bucket('person')).toBeGreaterThanOrEqual(0);
  });
});

describe('the budget at stripe-node’s transport', () => {
  function recordingClient() {
    const sent: string[] = [];
    const inner = {
      getClientName: () => 'recording',
      makeRequest: async (_host: string, _port: string, path: string, method: string) => {
        sent.push(`${method} ${path}`);
        return {} as Stripe.HttpClientResponse;
      },
    } as unknown as Stripe.HttpClient;
    return { inner, sent };
  }
  const request = (method: string): Parameters<Stripe.HttpClient['makeRequest']> => ['api.stripe.com', '443', '/v1/x', method, {}, '', 'https', 1000];

  it('takes a token for every write and none for a read, naming whose work it is', async () => {
    const { inner } = recordingClient();
    const asked: string[] = [];
    const client = budgetedHttpClient(inner, { take: async (work) => void asked.push(work) });
    await client.makeRequest(...request('GET'));
    await client.makeRequest(...request('POST'));
    await client.makeRequest(...request('DELETE'));
    await asBatchWork(() => client.makeRequest(...request('POST')));
    expect(asked).toEqual(['person', 'person', 'batch']);
  });

  it('sends a write only once its token is taken', async () => {
    const { inner, sent } = recordingClient();
    let release = () => undefined as void;
    const client = budgetedHttpClient(inner, { take: () => new Promise<void>((resolve) => (release = resolve)) });
    const pending = client.makeRequest(...request('POST'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([]);
    release();
    await pending;
    expect(sent).toEqual(['POST /v1/x']);
  });
});
