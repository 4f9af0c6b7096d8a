/**
 * The local randomness beacon speaks drand's HTTP API, and drand's own client (through the
 * production adapter) takes its rounds as it takes quicknet's: BLS signature verified against
 * the chain's public key, randomness = SHA-256(signature). It refuses, as drand does, a round
 * whose time has not come.
 */
import { createHash } from 'node:crypto';
import { createDrandBeacon } from '../../shared/adapters/drand/drand-beacon';
import { LocalBeaconSigner, localBeaconDefaults, mountDrandStandIn } from '../../shared/local/drand-stand-in';
import { localBeaconPath } from '../../shared/beacon-chains';
import { beaconRoundTimeMs } from '../../shared/ports';
import { serveApp } from '../support/twitch-chat';

const signer = new LocalBeaconSigner();
let nowMs = Date.parse('2026-11-26T12:00:00Z');
const clock = { now: () => new Date(nowMs) };
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await serveApp((app) => mountDrandStandIn(app, { clock, signer }));
});
afterAll(() => server.close());

const beaconAt = (pin: { chainHash?: string; publicKey?: string } = {}) =>
  createDrandBeacon({ url: `${server.url}${localBeaconPath}`, now: () => nowMs, ...pin });

test('a published round comes back verified by drand’s client, its randomness the SHA-256 of its signature', async () => {
  const beacon = beaconAt({ chainHash: signer.info().hash, publicKey: signer.publicKey });
  const chain = await beacon.chain();
  expect(chain).toMatchObject({ periodMs: 3_000, genesisTimeMs: localBeaconDefaults.genesisTimeMs, schemeId: 'bls-unchained-g1-rfc9380' });
  const round = await beacon.round(1_000);
  expect(round?.round).toBe(1_000);
  expect(round?.randomness).toBe(
    createHash('sha256')
      .update(Buffer.from(round?.signature ?? '', 'hex'))
      .digest('hex'),
  );
});

test('a round whose time has not come is refused with 425 Too Early, and the adapter says it is not out yet', async () => {
  const chain = await beaconAt().chain();
  const future = Math.floor((nowMs - chain.genesisTimeMs) / chain.periodMs) + 10;
  expect(beaconRoundTimeMs(chain, future)).toBeGreaterThan(nowMs);
  const answer = await fetch(`${server.url}${localBeaconPath}/public/${future}`);
  expect(answer.status).toBe(425);
  await expect(beaconAt().round(future)).resolves.toBeUndefined();
  nowMs = beaconRoundTimeMs(chain, future);
  await expect(beaconAt().round(future)).resolves.toMatchObject({ round: future });
});

test('a beacon signed by another key is refused by drand’s client: a pinned chain’s info must match', async () => {
  const other = new LocalBeaconSigner({ ...localBeaconDefaults, keySeed: 'someone else' });
  await expect(beaconAt({ chainHash: other.info().hash, publicKey: other.publicKey }).round(5)).rejects.toThrow(/verification params/);
});

test('a round whose signature is not the chain’s is refused by drand’s client', async () => {
  const other = new LocalBeaconSigner({ ...localBeaconDefaults, keySeed: 'someone else' });
  const forged = await serveApp((app) => {
    app.get(`${localBeaconPath}/info`, (_req, res) => void res.json(signer.info()));
    app.get(`${localBeaconPath}/public/:round`, (req, res) => void res.json(other.round(Number(req.params.round))));
  });
  try {
    const beacon = createDrandBeacon({ url: `${forged.url}${localBeaconPath}`, now: () => nowMs });
    await expect(beacon.round(5)).rejects.toThrow(/not valid/);
  } finally {
    await forged.close();
  }
});
