/**
 * The probe bid's decision beside the book, through Upstash's REST API on a real Redis (the
 * bridge jest's global setup starts): kept under the deployment's prefix for two minutes, then
 * gone on its own, and the bid script really runs for the probe's empty lot.
 */
import { randomUUID } from 'node:crypto';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { probeDecisionKeptMs } from '../../shared/ports';
import { decideProbeBid, probeBidsPerMinute, probeInteraction } from '../../shared/probe';
import { testIdKey } from '../support/auction-book-fixtures';

const redis = connectAuctionBook({ url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string });
const prefix = `test:probe:${randomUUID()}:`;
const book = createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix: prefix, gatherMs: 0 });
const clock = { now: () => new Date() };

describe('the probe’s decisions on the Upstash book', () => {
  it('are kept two minutes under the prefix, and read back', async () => {
    await book.noteProbeDecision('1576088884106288696', 'not-found');
    expect(await book.probeDecision('1576088884106288696')).toBe('not-found');
    const ttl = Number(await redis.pttl(`${prefix}probe:1576088884106288696`));
    expect(probeDecisionKeptMs).toBe(2 * 60_000);
    expect(ttl).toBeGreaterThan(probeDecisionKeptMs - 30_000);
    expect(ttl).toBeLessThanOrEqual(probeDecisionKeptMs);
  });

  it('read nothing for a probe bid never decided', async () => {
    expect(await book.probeDecision('1576088884106288697')).toBeUndefined();
  });

  it('come from the real bid script, which finds no auction on the probe’s lot and leaves no key of an auction', async () => {
    const interaction = probeInteraction('bid', clock.now().getTime(), 7);
    await decideProbeBid({ book, clock }, interaction);
    expect(await book.probeDecision(interaction.id)).toBe('not-found');
    const keys = (await redis.keys(`${prefix}*`)) as string[];
    expect(keys.filter((k) => !k.startsWith(`${prefix}probe:`) && !k.startsWith(`${prefix}probe-count:`))).toEqual([]);
  });

  it('GIVEN 300 probe bids in a minute THEN at most the limit’s decisions and one counter are left, each expiring', async () => {
    const ownPrefix = `test:probe:${randomUUID()}:`;
    const flooded = createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix: ownPrefix, gatherMs: 0 });
    const bids = Array.from({ length: 300 }, (_, i) => probeInteraction('bid', clock.now().getTime(), 100 + i));
    for (const interaction of bids) await decideProbeBid({ book: flooded, clock }, interaction);
    const keys = (await redis.keys(`${ownPrefix}*`)) as string[];
    // A minute's edge may fall inside the run: two counters at most, and the limit's decisions in each.
    expect(keys.filter((k) => k.startsWith(`${ownPrefix}probe-count:`)).length).toBeLessThanOrEqual(2);
    expect(keys.filter((k) => k.startsWith(`${ownPrefix}probe:`)).length).toBeLessThanOrEqual(2 * probeBidsPerMinute);
    expect(keys.filter((k) => !k.startsWith(`${ownPrefix}probe`))).toEqual([]);
    for (const key of keys) expect(Number(await redis.pttl(key))).toBeGreaterThan(0);
  });
});
