/**
 * @module second-chance
 * What a runner-up is offered when the winner does not pay: the price the proxy rule would
 * have set had the winner (and any runner-up before them) never bid, never their hidden max.
 * A max is what a bidder would pay at most to beat others, not a price they named: holding
 * them to it lets a seller's friend outbid sealed, lapse, and harvest the max (issue 76).
 */
import { incrementAt, type IncrementStep, type Standing } from './auction-book';
import { resultWithout, type WithdrawnResult } from './withdrawn-bidders';

/** A runner-up as the auction keeps them: their standing, and the price they would be offered. */
export interface RunnerUp extends Standing {
  /** The proxy rule's price without everyone ranked above them; absent on auctions closed before offers were priced. */
  offerCents?: number;
}

/**
 * Prices each runner-up (best first, the winner not among them) over the closed auction:
 * the proxy rule again without the winner and the runner-ups above them, never over their max.
 */
export function pricedRunnerUps(
  closed: Omit<WithdrawnResult, 'standings'> & { standings: readonly Standing[] },
  runnerUps: readonly Standing[],
  ladder: readonly IncrementStep[],
): RunnerUp[] {
  const above = new Set<string>(closed.snapshot.leaderId !== undefined ? [closed.snapshot.leaderId] : []);
  return runnerUps.map((standing) => {
    const without = resultWithout(above, closed, ladder).snapshot;
    above.add(standing.bidderId);
    const offerCents = without.leaderId === standing.bidderId ? Math.min(without.priceCents, standing.topCents) : standing.topCents;
    return { ...standing, offerCents };
  });
}

/**
 * The price a runner-up is offered: as priced at the close, or (closed before offers were
 * priced) one step over the next runner-up's max, never under the start nor over their own.
 */
export function offerPriceOf(
  runnerUps: readonly RunnerUp[],
  index: number,
  start: { startCents: number; reserveCents: number },
  ladder: readonly IncrementStep[],
): number {
  const standing = runnerUps[index];
  if (!standing) throw new RangeError(`no runner-up at ${index}`);
  if (standing.offerCents !== undefined) return standing.offerCents;
  const next = runnerUps[index + 1];
  const proxy = next ? Math.min(standing.topCents, next.topCents + incrementAt(next.topCents, ladder)) : start.startCents;
  const floor = start.reserveCents > 0 && standing.topCents >= start.reserveCents ? Math.max(start.startCents, start.reserveCents) : start.startCents;
  return Math.min(standing.topCents, Math.max(proxy, floor));
}
