#!/usr/bin/env node
/**
 * Checks a C500 giveaway's draw from public data alone, with Node's crypto and nothing of
 * C500's code:
 *   node docs/verify-giveaway.mjs https://<site>/giveaway/<id>
 *   node docs/verify-giveaway.mjs giveaway.json        (the page's JSON, with an `entries` array)
 *
 * It reads the giveaway's public JSON (`<url>.json`) and its entries (`<url>/entries.txt`),
 * fetches the drand round the giveaway named when it started (from the beacon's own HTTP API,
 * `<beacon url>/info` and `/public/<round>`), then checks that
 *  1. the revealed seed's SHA-256 is the commitment published when the giveaway started;
 *  2. the entries listed are the ones entry closed with: their SHA-256 (sorted, one a line)
 *     is the entries' hash published at the close, and there are as many as were counted;
 *  3. the beacon round is published after entry closed (so nobody knew it while an entry could
 *     be added), its randomness is SHA-256 of its signature (drand's definition), and it is the
 *     randomness the draw used;
 *  4. every round, in order, is the pseudonym the recipe picks: HMAC-SHA256 keyed by
 *     SHA-256(seed ‖ beacon randomness) (or the seed alone for a giveaway started before
 *     beacons) over `draw:<entries hash>:<r>` (or `draw:<r>` for one started before entries
 *     were bound), as a big-endian integer modulo what is left of the sorted list.
 * The round's BLS signature (that the League of Entropy, not someone else, made it) is checked
 * with drand's own client when `drand-client` can be imported (it is in C500's repository);
 * without it the verifier says it did not check that, and checks the rest.
 * It prints what it checked and exits 0 when all hold, 1 when one does not, 2 when it could
 * not read the giveaway or its beacon round.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** The draw's HMAC key: the seed, or for a beacon-bound giveaway SHA-256 of the seed's bytes then the round's randomness. */
export function drawKey(seedHex, beaconRandomnessHex) {
  const seed = Buffer.from(seedHex, 'hex');
  return beaconRandomnessHex
    ? createHash('sha256')
        .update(Buffer.concat([seed, Buffer.from(beaconRandomnessHex, 'hex')]))
        .digest()
    : seed;
}

/** The winners of rounds 1..rounds, as the rules page words it. */
export function recompute(seedHex, entries, rounds, entriesHash, beaconRandomnessHex) {
  const pool = [...new Set(entries)].sort();
  const key = drawKey(seedHex, beaconRandomnessHex);
  const winners = [];
  for (let r = 1; r <= rounds && pool.length > 0; r++) {
    const text = entriesHash ? `draw:${entriesHash}:${r}` : `draw:${r}`;
    const h = createHmac('sha256', key).update(text).digest('hex');
    winners.push(pool.splice(Number(BigInt(`0x${h}`) % BigInt(pool.length)), 1)[0]);
  }
  return winners;
}

/**
 * Every check on a giveaway's public JSON, its entries and (beacon-bound) the round fetched
 * from the beacon (`{ round, randomness, signature, publishedAt }`), each `{ what, ok }`.
 */
export function checks(giveaway, entries, fetched) {
  const sorted = [...new Set(entries)].sort();
  const bound = giveaway.scheme === 'entries-bound' || giveaway.scheme === 'beacon-bound';
  const beacon = giveaway.scheme === 'beacon-bound' ? giveaway.beacon : undefined;
  const listed = sha256(sorted.join('\n'));
  const rounds = giveaway.rounds ?? [];
  const randomness = beacon ? fetched?.randomness : undefined;
  const recomputed = recompute(giveaway.seed, sorted, rounds.length, bound ? giveaway.entriesHash : undefined, randomness);
  const beaconChecks = beacon
    ? [
        { what: `drand round ${beacon.round} was fetched from ${beacon.url}`, ok: fetched?.round === beacon.round },
        {
          what: 'its randomness is the SHA-256 of its signature, as drand defines it',
          ok: !!fetched && sha256(Buffer.from(fetched.signature, 'hex')) === fetched.randomness,
        },
        {
          what: `it was published (${fetched?.publishedAt ?? '?'}) after entry closed (${giveaway.endsAt})`,
          ok: !!fetched && Date.parse(fetched.publishedAt) > Date.parse(giveaway.endsAt),
        },
        { what: 'its randomness is the one the draw says it used', ok: !!fetched && fetched.randomness === beacon.randomness },
      ]
    : [];
  return [
    { what: 'the seed’s SHA-256 is the commitment published at the start', ok: sha256(Buffer.from(giveaway.seed, 'hex')) === giveaway.commitment },
    ...(bound ? [{ what: 'the entries listed hash to the entries’ hash published at the close', ok: listed === giveaway.entriesHash }] : []),
    { what: `${sorted.length} entries listed, as many as were counted (${giveaway.entrants})`, ok: sorted.length === giveaway.entrants },
    ...beaconChecks,
    ...rounds.map((round, i) => ({
      what: `round ${round.round}: ${round.pseudonym} is the one the recipe picks (${recomputed[i] ?? 'none'})`,
      ok: recomputed[i] === round.pseudonym,
    })),
  ];
}

/** The round from the beacon's HTTP API, and when its chain says it was published. */
async function fetchRound(beacon) {
  const [infoRes, roundRes] = await Promise.all([fetch(`${beacon.url}/info`), fetch(`${beacon.url}/public/${beacon.round}`)]);
  if (!infoRes.ok || !roundRes.ok) throw new Error(`the beacon answered ${infoRes.status}, ${roundRes.status}`);
  const info = await infoRes.json();
  const round = await roundRes.json();
  const publishedAt = new Date((info.genesis_time + (beacon.round - 1) * info.period) * 1000).toISOString();
  return { ...round, publishedAt, info };
}

/** drand's own client verifies the round's BLS signature against the chain's public key, when it is installed. */
async function blsCheck(beacon, info) {
  let drand;
  try {
    drand = await import('drand-client');
  } catch {
    return { what: 'the round’s BLS signature was NOT checked (drand-client is not installed here)', ok: true };
  }
  const pinned = { ...drand.defaultChainOptions, chainVerificationParams: { chainHash: beacon.chainHash, publicKey: info.public_key } };
  try {
    const client = new drand.HttpChainClient(new drand.HttpCachingChain(beacon.url, pinned), pinned);
    await drand.fetchBeacon(client, beacon.round);
    return { what: `the round’s BLS signature verifies against chain ${beacon.chainHash.slice(0, 12)}…’s public key (drand-client)`, ok: true };
  } catch (error) {
    return { what: `the round’s BLS signature verifies (drand-client: ${error.message})`, ok: false };
  }
}

async function read(target) {
  if (!/^https?:\/\//.test(target)) {
    const giveaway = JSON.parse(await readFile(target, 'utf8'));
    return { giveaway, entries: giveaway.entries ?? [] };
  }
  const base = target
    .replace(/\/+$/, '')
    .replace(/\.json$/, '')
    .replace(/\/rules$/, '');
  const [jsonRes, entriesRes] = await Promise.all([fetch(`${base}.json`), fetch(`${base}/entries.txt`)]);
  if (!jsonRes.ok || !entriesRes.ok) throw new Error(`could not read the giveaway at ${base} (${jsonRes.status}, ${entriesRes.status})`);
  const entries = (await entriesRes.text()).split('\n').filter((line) => line.trim() !== '');
  return { giveaway: await jsonRes.json(), entries };
}

async function main(target) {
  let giveaway, entries, fetched;
  try {
    ({ giveaway, entries } = await read(target));
    if (!giveaway.seed) throw new Error('the giveaway has not been drawn yet: its seed is still secret');
    if (giveaway.scheme === 'beacon-bound') fetched = await fetchRound(giveaway.beacon);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const results = checks(giveaway, entries, fetched);
  if (fetched) results.push(await blsCheck(giveaway.beacon, fetched.info));
  for (const { what, ok } of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(failed === 0 ? 'the draw holds' : `${failed} check(s) failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node docs/verify-giveaway.mjs https://<site>/giveaway/<id> | <giveaway.json>');
    process.exit(2);
  }
  main(target).then((code) => process.exit(code));
}
