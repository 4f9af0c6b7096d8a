/**
 * The probe bid's decision beside the book, through Upstash's REST API on a real Redis (the
 * bridge jest's global setup starts): kept under the deployment's prefix for ten minutes, then
 * gone on its own, and the bid script really runs for the probe's empty lot.
 */
import { randomUUID } from 'node:crypto';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { probeDecisionKeptMs } from '../../shared/ports';
import { decideProbeBid, probeInteraction } from '../../shared/probe';
import { testIdKey } from '../support/auction-book-fixtures';

const redis = connectAuctionBook({ url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string });
const prefix = `test:probe:${randomUUID()}:`;
const book = createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix: prefix, gatherMs: 0 });
const clock = { now: () => new Date() };

describe('the probe’s decisions on the Upstash book', () => {
  it('are kept ten minutes under the prefix, and read back', async () => {
    await book.noteProbeDecision('1576088884106288696', 'not-found');
    expect(await book.probeDecision('1576088884106288696')).toBe('not-found');
    const ttl = Number(await redis.pttl(`${prefix}probe:1576088884106288696`));
    expect(probeDecisionKeptMs).toBe(10 * 60_000);
    expect(ttl).toBeGreaterThan(probeDecisionKeptMs - 60_000);
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
    expect(keys.filter((k) => !k.startsWith(`${prefix}probe:`))).toEqual([]);
  });
});
