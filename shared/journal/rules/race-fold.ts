/**
 * @module race-fold
 * What each race earned a racer, folded from their `racer-payable` postings on earning entries
 * (a sale's credit, a refund's reversal), grouped by the lobby each entry names (issue 75: the
 * journal is the only ledger, so per-race figures are its fold, not a second record).
 */
import type { JournalEntry } from './entry';

/**
 * The group of earnings whose entries name no lobby: those written before entries carried one
 * (issue 75) and not yet given theirs by the race ledger's retirement (an index field, set once;
 * no posting changes). A reader shows them as one line, "Earlier races". Never a lobby id (those
 * are short ids of letters and digits).
 */
export const earlierRaces = '(earlier races)';

export interface RaceEarned {
  /** Credited less reversed in this race (or group), in the currency's minor units. */
  earnedCents: number;
  /** The first and last of its entries' times: a race's earnings fall in its window, a reversal later. */
  firstAt: string;
  lastAt: string;
}

/** Per lobby (or `earlierRaces`), what a racer's posted earning entries in one currency add up to. */
export function racerEarningsByRace(entries: readonly JournalEntry[], currency: string, personId: string): Map<string, RaceEarned> {
  const wanted = currency.toLowerCase();
  const races = new Map<string, RaceEarned>();
  for (const entry of entries) {
    if (entry.kind !== 'racer-earning' || entry.pending || entry.currency !== wanted) continue;
    const moved = entry.postings.reduce((sum, p) => (p.account === 'racer-payable' && p.personId === personId ? sum - p.amountCents : sum), 0);
    if (moved === 0) continue;
    const key = entry.lobbyId ?? earlierRaces;
    const seen = races.get(key);
    races.set(key, {
      earnedCents: (seen?.earnedCents ?? 0) + moved,
      // Stryker disable next-line EqualityOperator: at equal times either branch is the same string (`<=` is equivalent; its flip `>=` the tests kill, goes with it)
      firstAt: seen && seen.firstAt < entry.at ? seen.firstAt : entry.at,
      // Stryker disable next-line EqualityOperator: at equal times either branch is the same string (`>=` is equivalent; its flip `<=` the tests kill, goes with it)
      lastAt: seen && seen.lastAt > entry.at ? seen.lastAt : entry.at,
    });
  }
  return races;
}
