/**
 * @module beacon-chains
 * The randomness beacon chains a deployment draws giveaways from (see ports/randomness-beacon):
 * drand's quicknet in the cloud, pinned by its hash and public key so a beacon URL pointed
 * elsewhere is refused; locally, the runtime's stand-in at a path of its own.
 */

/** drand's quicknet (League of Entropy): a round every 3 seconds, signatures on G1 (RFC 9380). */
export const quicknet = {
  url: 'https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
} as const;

/** The local stand-in's chain: SHA-256 of "c500 local drand stand-in", so it is never taken for a real chain. */
export const localBeaconChainHash = '986e9470c0ec86f2002705c61514065d5430b78e2ae22b547631feeb83d12f0e';
/** Where the local runtime serves drand's HTTP API (`<path>/info`, `<path>/public/<round>`). */
export const localBeaconPath = `/_local/drand/${localBeaconChainHash}`;

export interface BeaconSettings {
  url: string;
  /** Pinned: the chain's `/info` must match, or nothing is drawn. */
  chainHash?: string;
  publicKey?: string;
}
