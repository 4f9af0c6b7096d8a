/**
 * @module draw
 * How a giveaway is provably drawn, so that no one can steer it. At the start C500 makes a
 * secret seed (32 random bytes), keeps it sealed under a key of ours from Secret Manager (so
 * whoever can read the store learns nothing of it) and publishes its SHA-256: the
 * commitment. When entry closes, the list of entries is fixed and its hash published; the
 * winners are drawn from both, so neither a late entry nor knowledge of the stored record
 * changes who wins, and anyone can recompute them from public data alone:
 *
 * 1. Sort the entries' pseudonyms (64 lowercase hex characters each) in ascending order.
 * 2. The entries' hash: SHA-256 of the sorted pseudonyms joined by a line feed (no trailing one).
 * 3. For round r = 1, 2, …: HMAC-SHA256 with the seed's 32 bytes as the key over the ASCII
 *    text `draw:<entries hash>:<r>` gives 32 bytes; read them as one unsigned big-endian
 *    integer, take it modulo the number of entries still in the list, and the entry at that
 *    index (from 0) wins round r and leaves the list.
 *
 * The first rounds are the giveaway's winners; a winner who does not confirm in time is
 * replaced by the next round, from the same seed and list. A giveaway started before this
 * (`scheme` absent) was drawn over `draw:<r>` alone, and is recomputed that way.
 *
 * Whoever holds the seal keys could open the seed early and, knowing the recipe, add a sock
 * entry that wins. So a giveaway now (`beacon-bound`) also names, when it starts, a round of a
 * public randomness beacon (drand) published after entry closes: the HMAC key is then
 * SHA-256(seed bytes ‖ the round's randomness bytes). Nobody knows that randomness while an
 * entry can still be added, C500 and the League of Entropy's nodes alike, and the list's hash
 * is fixed before it is out.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 32 random bytes as 64 lowercase hex characters. */
export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

export const isHex64 = (text: unknown): text is string => typeof text === 'string' && /^[0-9a-f]{64}$/.test(text);

/** The SHA-256 of the seed's bytes, as published at the start. */
export function commitmentOf(seedHex: string): string {
  if (!isHex64(seedHex)) throw new Error('a seed is 64 hex characters');
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');
}

/** Whether a revealed seed is the one a commitment was made to. */
export function verifiesCommitment(seedHex: string, commitment: string): boolean {
  return isHex64(seedHex) && commitmentOf(seedHex) === commitment.toLowerCase();
}

/**
 * An entrant as the public list shows them: HMAC-SHA256 of `<giveaway id>:<entrant key>` keyed
 * by the giveaway's salt, 32 random bytes kept beside the seed and never revealed. Discord ids
 * are public (anyone in a server can list its members), so an unkeyed hash of one could be
 * matched back to the person; the salt makes the list name nobody. A giveaway started before
 * salts has none, and keeps the plain SHA-256 its entries were made with.
 */
export function pseudonymOf(giveawayId: string, entrantKey: string, saltHex?: string): string {
  if (saltHex === undefined) return createHash('sha256').update(`${giveawayId}:${entrantKey}`).digest('hex');
  if (!isHex64(saltHex)) throw new Error('a salt is 64 hex characters');
  return createHmac('sha256', Buffer.from(saltHex, 'hex')).update(`${giveawayId}:${entrantKey}`).digest('hex');
}

/** How a giveaway's rounds are drawn: bound to a beacon round and the entry list's hash, to the list alone, or (oldest) to the seed alone. */
export type DrawScheme = 'beacon-bound' | 'entries-bound' | 'seed-only';

/** The draw's key of a beacon-bound giveaway: SHA-256 of the seed's 32 bytes then the beacon round's randomness bytes. */
export function drawKeyOf(seedHex: string, beaconRandomnessHex: string): string {
  if (!isHex64(seedHex) || !isHex64(beaconRandomnessHex)) throw new Error('a seed and a beacon round’s randomness are 64 hex characters');
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(seedHex, 'hex'), Buffer.from(beaconRandomnessHex, 'hex')]))
    .digest('hex');
}

/** The entry list the draw is bound to: SHA-256 of the sorted, distinct pseudonyms joined by a line feed. */
export function entriesHashOf(pseudonyms: readonly string[]): string {
  return createHash('sha256')
    .update([...new Set(pseudonyms)].sort().join('\n'))
    .digest('hex');
}

/** The index round `round` picks among `remaining` entries; bound to the entries' hash unless drawn the older way. */
export function roundIndex(seedHex: string, round: number, remaining: number, entriesHash?: string): number {
  const text = entriesHash === undefined ? `draw:${round}` : `draw:${entriesHash}:${round}`;
  const digest = createHmac('sha256', Buffer.from(seedHex, 'hex')).update(text).digest('hex');
  return Number(BigInt(`0x${digest}`) % BigInt(remaining));
}

/**
 * The winners of rounds 1 to `rounds` (fewer when the entries run out), as pseudonyms in
 * round order. The entries may come in any order: they are sorted here. A beacon-bound draw
 * needs the beacon round's randomness.
 */
export function drawRounds(
  seedHex: string,
  pseudonyms: readonly string[],
  rounds: number,
  scheme: DrawScheme = 'entries-bound',
  beaconRandomness?: string,
): string[] {
  if (!isHex64(seedHex)) throw new Error('a seed is 64 hex characters');
  if (scheme === 'beacon-bound' && beaconRandomness === undefined) throw new Error('a beacon-bound draw needs its beacon round');
  const key = scheme === 'beacon-bound' ? drawKeyOf(seedHex, beaconRandomness as string) : seedHex;
  const pool = [...new Set(pseudonyms)].sort();
  const bound = scheme === 'seed-only' ? undefined : entriesHashOf(pool);
  const winners: string[] = [];
  for (let round = 1; round <= rounds && pool.length > 0; round++) {
    const [winner] = pool.splice(roundIndex(key, round, pool.length, bound), 1);
    winners.push(winner as string);
  }
  return winners;
}

/** What seals a giveaway's seed at rest: bound to the giveaway, so a sealed seed moved to another opens for none. */
export const seedSealPurpose = (giveawayId: string) => `giveaway-seed:${giveawayId}`;
