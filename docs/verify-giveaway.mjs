#!/usr/bin/env node
/**
 * Checks a C500 giveaway's draw from public data alone, with Node's crypto and nothing of
 * C500's code: node docs/verify-giveaway.mjs https://<site>/giveaway/<id>
 *
 * It reads the giveaway's public JSON (`<url>.json`) and its entries (`<url>/entries.txt`),
 * then checks that
 *  1. the revealed seed's SHA-256 is the commitment published when the giveaway started;
 *  2. the entries listed are the ones entry closed with: their SHA-256 (sorted, one a line)
 *     is the entries' hash published at the close, and there are as many as were counted;
 *  3. every round, in order, is the pseudonym the recipe picks: HMAC-SHA256 keyed by the
 *     seed over `draw:<entries hash>:<r>` (or `draw:<r>` for a giveaway started before
 *     entries were bound), as a big-endian integer modulo what is left of the sorted list.
 * It prints what it checked and exits 0 when all hold, 1 when one does not, 2 when it could
 * not read the giveaway.
 */
import { createHash, createHmac } from 'node:crypto';

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** The winners of rounds 1..rounds, as the rules page words it. */
export function recompute(seedHex, entries, rounds, entriesHash) {
  const pool = [...new Set(entries)].sort();
  const seed = Buffer.from(seedHex, 'hex');
  const winners = [];
  for (let r = 1; r <= rounds && pool.length > 0; r++) {
    const text = entriesHash ? `draw:${entriesHash}:${r}` : `draw:${r}`;
    const h = createHmac('sha256', seed).update(text).digest('hex');
    winners.push(pool.splice(Number(BigInt(`0x${h}`) % BigInt(pool.length)), 1)[0]);
  }
  return winners;
}

/** Every check on a giveaway's public JSON and its entries, each `{ what, ok }`. */
export function checks(giveaway, entries) {
  const sorted = [...new Set(entries)].sort();
  const bound = giveaway.scheme === 'entries-bound';
  const listed = sha256(sorted.join('\n'));
  const rounds = giveaway.rounds ?? [];
  const recomputed = recompute(giveaway.seed, sorted, rounds.length, bound ? giveaway.entriesHash : undefined);
  return [
    { what: 'the seed’s SHA-256 is the commitment published at the start', ok: sha256(Buffer.from(giveaway.seed, 'hex')) === giveaway.commitment },
    ...(bound ? [{ what: 'the entries listed hash to the entries’ hash published at the close', ok: listed === giveaway.entriesHash }] : []),
    { what: `${sorted.length} entries listed, as many as were counted (${giveaway.entrants})`, ok: sorted.length === giveaway.entrants },
    ...rounds.map((round, i) => ({
      what: `round ${round.round}: ${round.pseudonym} is the one the recipe picks (${recomputed[i] ?? 'none'})`,
      ok: recomputed[i] === round.pseudonym,
    })),
  ];
}

async function main(url) {
  const base = url.replace(/\/+$/, '').replace(/\.json$/, '');
  const [jsonRes, entriesRes] = await Promise.all([fetch(`${base}.json`), fetch(`${base}/entries.txt`)]);
  if (!jsonRes.ok || !entriesRes.ok) {
    console.error(`could not read the giveaway at ${base} (${jsonRes.status}, ${entriesRes.status})`);
    return 2;
  }
  const giveaway = await jsonRes.json();
  if (!giveaway.seed) {
    console.error('the giveaway has not been drawn yet: its seed is still secret');
    return 2;
  }
  const entries = (await entriesRes.text()).split('\n').filter((line) => line.trim() !== '');
  const results = checks(giveaway, entries);
  for (const { what, ok } of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(failed === 0 ? 'the draw holds' : `${failed} check(s) failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: node docs/verify-giveaway.mjs https://<site>/giveaway/<id>');
    process.exit(2);
  }
  main(url).then((code) => process.exit(code));
}
