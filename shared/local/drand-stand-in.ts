/**
 * @module drand-stand-in
 * Local only: a randomness beacon with drand's HTTP API (`<chain>/info`, `<chain>/public/<round>`,
 * `<chain>/public/latest`), so the production adapter (drand's own client) runs against it
 * unchanged. It signs as drand's quicknet does (scheme `bls-unchained-g1-rfc9380`: a BLS12-381
 * signature on G1 over SHA-256 of the round's 8 big-endian bytes, public key on G2; the round's
 * randomness is SHA-256 of the signature), with one local key instead of a threshold of the
 * League of Entropy's, so drand-client verifies its rounds as it verifies quicknet's. What it
 * cannot stand in for: that no single party holds the key. Here C500's machine does.
 * Like drand, it refuses a round whose time has not come (425 Too Early), on the runtime's clock.
 */
import { createHash } from 'node:crypto';
import type express from 'express';
import type { BeaconRound, Clock, RandomnessBeacon } from '../ports';
import { beaconRoundTimeMs, firstBeaconRoundFrom } from '../ports';
import { localBeaconChainHash, localBeaconPath } from '../beacon-chains';

type Bls = typeof import('@noble/curves/bls12-381').bls12_381;
/** drand's domain separation tag for quicknet's signatures (RFC 9380 hash to G1). */
const dst = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

export interface LocalBeaconChain {
  genesisTimeMs: number;
  periodMs: number;
  /** The signing key's seed: the same seed signs the same rounds, so a restart keeps every past draw checkable. */
  keySeed: string;
}

export const localBeaconDefaults: LocalBeaconChain = {
  genesisTimeMs: Date.parse('2020-01-01T00:00:00Z'),
  periodMs: 3_000,
  keySeed: 'c500 local drand stand-in key',
};

/** Signs rounds with one local key. */
export class LocalBeaconSigner {
  private readonly secretKey: Uint8Array;
  private readonly bls: Bls;
  readonly publicKey: string;

  constructor(readonly chain: LocalBeaconChain = localBeaconDefaults) {
    // Required here: the BLS curve is only for this stand-in, never on a function's path.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the curve loads only when the stand-in signs
    this.bls = (require('@noble/curves/bls12-381') as typeof import('@noble/curves/bls12-381')).bls12_381;
    this.secretKey = createHash('sha256').update(chain.keySeed).digest();
    this.publicKey = Buffer.from(this.bls.getPublicKeyForShortSignatures(this.secretKey)).toString('hex');
  }

  round(round: number): BeaconRound {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(BigInt(round));
    const message = createHash('sha256').update(bytes).digest();
    const signature = Buffer.from(this.bls.signShortSignature(message, this.secretKey, { DST: dst })).toString('hex');
    return { round, signature, randomness: createHash('sha256').update(Buffer.from(signature, 'hex')).digest('hex') };
  }

  info() {
    return {
      public_key: this.publicKey,
      period: this.chain.periodMs / 1000,
      genesis_time: this.chain.genesisTimeMs / 1000,
      hash: localBeaconChainHash,
      groupHash: createHash('sha256').update(`group:${this.publicKey}`).digest('hex'),
      schemeID: 'bls-unchained-g1-rfc9380',
      metadata: { beaconID: 'c500-local' },
    };
  }
}

export function mountDrandStandIn(app: express.Express, deps: { clock: Clock; signer?: LocalBeaconSigner }): void {
  let signer = deps.signer;
  const ready = () => (signer ??= new LocalBeaconSigner());
  app.get(`${localBeaconPath}/info`, (_req, res) => void res.json(ready().info()));
  app.get(`${localBeaconPath}/public/:round`, (req, res) => {
    const s = ready();
    const now = deps.clock.now().getTime();
    const latest = firstBeaconRoundFrom(s.chain, now + 1) - 1;
    const round = req.params.round === 'latest' ? latest : /^\d{1,15}$/.test(req.params.round) ? Number(req.params.round) : NaN;
    if (!Number.isSafeInteger(round) || round < 1) return void res.status(400).type('text').send('invalid round');
    // drand answers a round from the future with 425 Too Early: its randomness does not exist yet.
    if (beaconRoundTimeMs(s.chain, round) > now) return void res.status(425).type('text').send('requested future beacon');
    res.json(s.round(round));
  });
}

/** The stand-in as the port, in process (the use-case tests): the same rounds, unverified, none before its time. */
export function inProcessBeacon(
  clock: Clock,
  signer: LocalBeaconSigner = new LocalBeaconSigner(),
  url = `http://127.0.0.1${localBeaconPath}`,
): RandomnessBeacon {
  const chain = {
    chainHash: localBeaconChainHash,
    url,
    genesisTimeMs: signer.chain.genesisTimeMs,
    periodMs: signer.chain.periodMs,
    publicKey: signer.publicKey,
    schemeId: 'bls-unchained-g1-rfc9380',
  };
  return {
    chain: async () => chain,
    round: async (round) => (beaconRoundTimeMs(chain, round) > clock.now().getTime() ? undefined : signer.round(round)),
  };
}
