/**
 * The soak's Redis restart is timed on the runtime's clock, the clock the outbox's `at` is on:
 * after the soak moved the runtime's clock half an hour on, a "try again" said while the book
 * was down must still fall inside the outage (seed 1 of a one-minute soak broke here).
 */
import { redisRestart, type SoakRedis } from '../../../scripts/soak/redis';
import { SoakRandom } from '../../../scripts/soak/random';

describe('the soak’s Redis outage', () => {
  it('is read on the runtime’s clock, and its return on the soak’s own', async () => {
    const redis = { restart: async () => undefined } as unknown as SoakRedis;
    // The runtime's clock, moved on: read once when Redis is killed and once when it answers again.
    const runtimeClock = [1_800_000_000_000, 1_800_000_000_180];
    const runtimeNow = () => runtimeClock.shift() ?? Number.NaN;
    // A run whose restart moment has passed already, so nothing waits.
    const now = Date.now();
    const outage = await redisRestart(redis, new SoakRandom(7), now - 10_000_000, now + 600_000, runtimeNow);
    expect({ fromMs: outage?.fromMs, toMs: outage?.toMs }).toEqual({ fromMs: 1_800_000_000_000, toMs: 1_800_000_000_180 });
    expect(outage?.backAtMs).not.toBe(1_800_000_000_180);
  });
});
