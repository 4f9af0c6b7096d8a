/**
 * The local Upstash REST endpoint the runtime starts under the production-clients switch,
 * with the fault plan's `upstash.timeout` injected there: `@upstash/redis` gives up on a
 * held request at its deadline and sends it again (connectAuctionBook's own retry: the
 * client's retries skip a request its `signal` aborted), so the caller gets the answer.
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { bookTimeoutMs, connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { FaultInjector } from '../../shared/local/faults/fault-injector';
import type { FaultKind, FaultPlan } from '../../shared/local/faults/fault-plan';
import { bridgeFaultStream, startUpstashBridge, type UpstashBridge } from '../../shared/local/upstash-bridge';
import { auctionTerms, t0, testIdKey } from '../support/auction-book-fixtures';

const entry = join(__dirname, '..', '..', 'dist', 'scripts', 'upstash-bridge.js');

/** A seed whose first request times out and whose next dozen do not, as the bridge will draw them. */
function seedWithOneTimeoutFirst(rate: number): FaultPlan {
  for (let seed = 1; ; seed++) {
    const plan: FaultPlan = { seed, rates: { 'upstash.timeout': rate }, pubsubDelayMaxMs: 0 };
    const faults = new FaultInjector(plan, bridgeFaultStream);
    const draws = Array.from({ length: 13 }, () => faults.roll('upstash.timeout'));
    if (draws[0] && !draws.slice(1).some(Boolean)) return plan;
  }
}

describe('the local Upstash endpoint with upstash.timeout', () => {
  let bridge: UpstashBridge;
  const injected: FaultKind[] = [];

  beforeAll(async () => {
    bridge = await startUpstashBridge({
      entry,
      redisUrl: process.env.REDIS_URL as string,
      faultPlan: seedWithOneTimeoutFirst(0.2),
      onFault: (kind) => injected.push(kind),
    });
  });
  afterAll(() => bridge.close());

  it('holds a request past the client’s deadline; the connection sends it again and the book answers, Lua scripts and all', async () => {
    const book = createUpstashAuctionBook(connectAuctionBook(bridge), {
      idKey: testIdKey,
      keyPrefix: `test:bridge:${randomUUID()}:`,
      callerClock: () => t0 + 1_000,
    });
    const started = Date.now();
    expect(await book.read('a1')).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(bookTimeoutMs - 50);
    expect(injected).toEqual(['upstash.timeout']);
    expect(await book.open(auctionTerms())).toEqual({ kind: 'opened' });
    const bid = { bidId: 'bid:1', guildId: auctionTerms().guildId, bidderId: 'ann', bidderName: 'Ann', amountCents: 1_000, maxCents: 1_000 };
    const placed = await book.placeBid({ auctionId: 'a1' }, { ...bid, responseToken: 't', atMs: t0 + 1_000, receivedAtMs: t0 + 1_000 });
    expect(placed.outcome).toBe('leading');
    expect(injected).toHaveLength(1);
  });
});
