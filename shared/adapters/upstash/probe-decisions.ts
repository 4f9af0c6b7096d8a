/**
 * @module probe-decisions
 * The synthetic probe's bid decisions, beside the book: one short-lived string key per probe
 * bid, about no one, written by the bid subscriber and read by the probe; and one counter a
 * minute of the probe's bids, its rate limit (shared/probe/rules/probe-rate.ts).
 */
import type { Redis } from '@upstash/redis';
import { probeCountKeptMs, probeDecisionKeptMs, type AuctionBook } from '../../ports';
import { optionalString } from './auction-book-replies';

export function probeDecisions(
  redis: Redis,
  probeKey: (probeId: string) => string,
  probeCountKey: (minuteMs: number) => string,
): Pick<AuctionBook, 'noteProbeDecision' | 'probeDecision' | 'countProbeBid'> {
  return {
    // One request (a pipeline, run in order): the count and its expiry together, so no counter outlives its minute for want of a PEXPIRE.
    async countProbeBid(minuteMs: number): Promise<number> {
      const key = probeCountKey(minuteMs);
      const [count] = await redis.pipeline().incr(key).pexpire(key, probeCountKeptMs).exec<[number, number]>();
      return Number(count);
    },
    async noteProbeDecision(probeId: string, decision: string): Promise<void> {
      await redis.set(probeKey(probeId), decision, { px: probeDecisionKeptMs });
    },
    async probeDecision(probeId: string): Promise<string | undefined> {
      return optionalString(await redis.get<string>(probeKey(probeId)));
    },
  };
}
