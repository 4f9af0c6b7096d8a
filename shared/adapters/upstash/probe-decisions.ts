/**
 * @module probe-decisions
 * The synthetic probe's bid decisions, beside the book: one short-lived string key per probe
 * bid, about no one, written by the bid subscriber and read by the probe.
 */
import type { Redis } from '@upstash/redis';
import { probeDecisionKeptMs, type AuctionBook } from '../../ports';
import { optionalString } from './auction-book-replies';

export function probeDecisions(redis: Redis, probeKey: (probeId: string) => string): Pick<AuctionBook, 'noteProbeDecision' | 'probeDecision'> {
  return {
    async noteProbeDecision(probeId: string, decision: string): Promise<void> {
      await redis.set(probeKey(probeId), decision, { px: probeDecisionKeptMs });
    },
    async probeDecision(probeId: string): Promise<string | undefined> {
      return optionalString(await redis.get<string>(probeKey(probeId)));
    },
  };
}
