/**
 * @module randomness-beacon
 * A public randomness beacon (drand's League of Entropy): a chain that publishes, every
 * `period`, a numbered round whose randomness nobody knows before its time and nobody can
 * choose, signed by a threshold of independent parties. A giveaway names a future round when
 * it starts and draws from it once it is out, so whoever runs C500 cannot steer the draw.
 */

/** A beacon chain as its `/info` describes it. */
export interface BeaconChain {
  /** The chain's hash: it names the chain in its URLs and in what a giveaway publishes. */
  chainHash: string;
  /** Where its HTTP API is (`<base>/<chain hash>`): `/info`, `/public/<round>`. */
  url: string;
  genesisTimeMs: number;
  periodMs: number;
  publicKey: string;
  schemeId: string;
}

/** One published round. drand defines `randomness` as SHA-256 of `signature`. */
export interface BeaconRound {
  round: number;
  randomness: string;
  signature: string;
}

export interface RandomnessBeacon {
  chain(): Promise<BeaconChain>;
  /**
   * The round, its signature verified against the chain's public key; `undefined` while
   * its time has not come (nobody, the beacon's own nodes included, knows it yet).
   * A beacon that cannot be reached or answers a round that does not verify throws.
   */
  round(round: number): Promise<BeaconRound | undefined>;
}

/** The time round `round` is published at (drand: genesis + (round - 1) × period). */
export const beaconRoundTimeMs = (chain: Pick<BeaconChain, 'genesisTimeMs' | 'periodMs'>, round: number): number =>
  chain.genesisTimeMs + (round - 1) * chain.periodMs;

/** The first round published at `atMs` or later. */
export function firstBeaconRoundFrom(chain: Pick<BeaconChain, 'genesisTimeMs' | 'periodMs'>, atMs: number): number {
  if (atMs <= chain.genesisTimeMs) return 1;
  return Math.ceil((atMs - chain.genesisTimeMs) / chain.periodMs) + 1;
}
