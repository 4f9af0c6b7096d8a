/**
 * @module drand-beacon
 * The randomness beacon through drand's own client (`drand-client`): `/info` read once and,
 * where the chain is pinned (`chainHash`, `publicKey`), refused unless it matches; each
 * round fetched from `/public/<round>` and its BLS signature verified against the chain's
 * public key (and its randomness checked to be SHA-256 of the signature) before it is used.
 * The same adapter runs against drand's League of Entropy (quicknet) and against the local
 * runtime's stand-in, which serves the same HTTP API.
 *
 * @example
 * const beacon = createDrandBeacon({ ...quicknet, now: Date.now }); // quicknet from shared/beacon-chains
 * const round = await beacon.round(12_345_678); // undefined until its time
 */
import type { BeaconChain, BeaconRound, RandomnessBeacon } from '../../ports';
import { beaconRoundTimeMs } from '../../ports';

export interface DrandBeaconOptions {
  /** The chain's base URL, `<host>/<chain hash>`. */
  url: string;
  /** Pin the chain: its `/info` must name this hash and public key, or nothing is drawn from it. */
  chainHash?: string;
  publicKey?: string;
  now: () => number;
}

export function createDrandBeacon(options: DrandBeaconOptions): RandomnessBeacon {
  const url = options.url.replace(/\/+$/, '');
  // Loaded on first use: only the giveaway's start and draw need it.
  const client = async () => {
    // drand-client ships CommonJS beside ESM: required, so Jest and the functions load the same build.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: only a giveaway's start and draw load it
    const drand = require('drand-client') as typeof import('drand-client');
    const pinned = options.chainHash && options.publicKey ? { chainVerificationParams: { chainHash: options.chainHash, publicKey: options.publicKey } } : {};
    const chainOptions = { ...drand.defaultChainOptions, ...pinned };
    return { drand, client: new drand.HttpChainClient(new drand.HttpCachingChain(url, chainOptions), chainOptions) };
  };
  let made: ReturnType<typeof client> | undefined;
  const ready = () => (made ??= client());
  const chain = async (): Promise<BeaconChain> => {
    const info = await (await ready()).client.chain().info();
    return {
      chainHash: info.hash,
      url,
      genesisTimeMs: info.genesis_time * 1000,
      periodMs: info.period * 1000,
      publicKey: info.public_key,
      schemeId: info.schemeID,
    };
  };
  return {
    chain,
    async round(round: number): Promise<BeaconRound | undefined> {
      if (options.now() < beaconRoundTimeMs(await chain(), round)) return undefined;
      const { drand, client: http } = await ready();
      // fetchBeacon throws unless the round's signature verifies against the chain's key.
      const beacon = await drand.fetchBeacon(http, round);
      return { round: beacon.round, randomness: beacon.randomness, signature: beacon.signature };
    },
  };
}
