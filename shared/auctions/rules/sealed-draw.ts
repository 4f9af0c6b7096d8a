/**
 * @module sealed-draw
 * How a tie between equal maxes in the sealed final call is decided: never by who was faster
 * (how late a viewer watches must not matter), but by a draw fixed before the auction opened.
 * Each auction keeps a secret seed in the book; its commitment (SHA-256 of the seed) is shown
 * when the final call begins and the seed itself with the result, so anyone can check the
 * draw: a bidder's rank is the SHA-1 of `seed:bidderId` in hex (what Redis's Lua computes as
 * `redis.sha1hex`), and of two equal maxes the lower rank wins.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A bidder's place in the draw: lower wins a tie. */
export function drawRank(seed: string, bidderId: string): string {
  return createHash('sha1').update(`${seed}:${bidderId}`).digest('hex');
}

/** Whether `challenger` wins a tie of equal maxes against `holder` (two different bidders). */
export function winsDraw(seed: string, challenger: string, holder: string): boolean {
  return drawRank(seed, challenger) < drawRank(seed, holder);
}

/** What the final call publishes before any sealed bid can be seen: the seed's SHA-256, hex. */
export function drawCommitment(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** Whether a revealed seed is the one committed to: what a viewer checks after the result. */
export function seedMatches(seed: string, commitment: string): boolean {
  return drawCommitment(seed) === commitment.toLowerCase();
}

/** A new auction's seed: 128 random bits, drawn once when it starts. */
export function newDrawSeed(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The standings as a runner-up is offered the item: best max first. Equal maxes where any was
 * set in the final call (at or after `endsAtMs`, the stated end it began at) are ranked by the
 * draw, as the winner's tie was, so the faster viewer has no edge for second chance either;
 * equal maxes all set in open bidding keep their order there, the earlier first (as the book
 * ranked them). Ranked by tie group, so the order is total whatever the mix.
 */
export function drawnStandings<T extends { bidderId: string; topCents: number; atMs: number }>(
  standings: readonly T[],
  final: { endsAtMs: number; drawSeed?: string },
): T[] {
  const seed = final.drawSeed ?? '';
  const groups = new Map<number, T[]>();
  for (const standing of standings) groups.set(standing.topCents, [...(groups.get(standing.topCents) ?? []), standing]);
  const byTime = (a: T, b: T) => a.atMs - b.atMs || compareIds(a.bidderId, b.bidderId);
  const byDraw = (a: T, b: T) => compareIds(drawRank(seed, a.bidderId), drawRank(seed, b.bidderId));
  return [...groups.entries()].sort(([a], [b]) => b - a).flatMap(([, group]) => [...group].sort(group.some((s) => s.atMs >= final.endsAtMs) ? byDraw : byTime));
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
