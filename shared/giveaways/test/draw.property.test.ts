/**
 * The draw is a pure function of the seed and the entries: anyone holding the revealed seed
 * and the list of pseudonyms gets the same winners, whatever order the list came in.
 */
import fc from 'fast-check';
import { createHash, createHmac } from 'node:crypto';
import { commitmentOf, drawRounds, newSeed, pseudonymOf, verifiesCommitment, entriesHashOf } from '../rules/draw';

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const entriesArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 })
  .map((ids) => ids.map((id) => pseudonymOf('abcd2345', id)));

describe('the draw', () => {
  it('picks the same winners from the same seed and entries, in whatever order the entries come', () => {
    fc.assert(
      fc.property(seedArb, entriesArb, fc.integer({ min: 1, max: 10 }), fc.nat(), (seed, entries, rounds, shuffle) => {
        const shuffled = [...entries].sort((a, b) => ((a.charCodeAt(shuffle % 64) ^ shuffle) % 7) - ((b.charCodeAt(shuffle % 64) ^ shuffle) % 7));
        expect(drawRounds(seed, shuffled, rounds)).toEqual(drawRounds(seed, entries, rounds));
        expect(drawRounds(seed, [...entries].reverse(), rounds)).toEqual(drawRounds(seed, entries, rounds));
      }),
    );
  });

  it('picks only entrants, never one twice, as many as asked while entries last', () => {
    fc.assert(
      fc.property(seedArb, entriesArb, fc.integer({ min: 1, max: 80 }), (seed, entries, rounds) => {
        const winners = drawRounds(seed, entries, rounds);
        expect(winners).toHaveLength(Math.min(rounds, entries.length));
        expect(new Set(winners).size).toBe(winners.length);
        for (const w of winners) expect(entries).toContain(w);
      }),
    );
  });

  it('redraws someone else: the next round extends the earlier rounds and picks a new entrant', () => {
    fc.assert(
      fc.property(seedArb, entriesArb, fc.integer({ min: 1, max: 10 }), (seed, entries, rounds) => {
        fc.pre(entries.length > rounds);
        const first = drawRounds(seed, entries, rounds);
        const more = drawRounds(seed, entries, rounds + 1);
        expect(more.slice(0, rounds)).toEqual(first);
        expect(first).not.toContain(more[rounds]);
      }),
    );
  });

  it('follows the rules page’s words exactly: HMAC-SHA256(seed, "draw:<entries hash>:<r>") as a big-endian integer, modulo what is left of the sorted list', () => {
    const seed = '00'.repeat(31) + '2a';
    const entries = ['c', 'a', 'b', 'd'].map((id) => pseudonymOf('abcd2345', id));
    const pool = [...entries].sort();
    // The entries' hash: SHA-256 of the sorted pseudonyms, one a line, no line feed after the last.
    const hash = createHash('sha256').update(pool.join('\n')).digest('hex');
    expect(entriesHashOf(entries)).toBe(hash);
    const expected: string[] = [];
    for (let r = 1; r <= 3; r++) {
      const h = createHmac('sha256', Buffer.from(seed, 'hex')).update(`draw:${hash}:${r}`).digest('hex');
      expected.push(pool.splice(Number(BigInt(`0x${h}`) % BigInt(pool.length)), 1)[0] as string);
    }
    expect(drawRounds(seed, entries, 3)).toEqual(expected);
  });

  it('draws a giveaway started before entries were bound over "draw:<r>" alone, as it was', () => {
    const seed = '00'.repeat(31) + '2a';
    const entries = ['c', 'a', 'b', 'd'].map((id) => pseudonymOf('abcd2345', id));
    const pool = [...entries].sort();
    const expected: string[] = [];
    for (let r = 1; r <= 3; r++) {
      const h = createHmac('sha256', Buffer.from(seed, 'hex')).update(`draw:${r}`).digest('hex');
      expected.push(pool.splice(Number(BigInt(`0x${h}`) % BigInt(pool.length)), 1)[0] as string);
    }
    expect(drawRounds(seed, entries, 3, 'seed-only')).toEqual(expected);
  });

  it('keeps the plain SHA-256 of the giveaway and the entrant for a giveaway started before salts', () => {
    expect(pseudonymOf('abcd2345', '830000000000000001')).toBe(createHash('sha256').update('abcd2345:830000000000000001').digest('hex'));
    expect(pseudonymOf('abcd2345', 'twitch:1')).not.toBe(pseudonymOf('abcd2346', 'twitch:1'));
  });

  it('keys a salted giveaway’s pseudonyms by its salt, so a public id cannot be hashed to find its entry', () => {
    const salt = 'ab'.repeat(32);
    const salted = pseudonymOf('abcd2345', '830000000000000001', salt);
    expect(salted).toBe(createHmac('sha256', Buffer.from(salt, 'hex')).update('abcd2345:830000000000000001').digest('hex'));
    expect(salted).toMatch(/^[0-9a-f]{64}$/);
    expect(salted).not.toBe(pseudonymOf('abcd2345', '830000000000000001'));
    expect(salted).not.toBe(pseudonymOf('abcd2345', '830000000000000001', 'cd'.repeat(32)));
    expect(() => pseudonymOf('abcd2345', '830000000000000001', 'not a salt')).toThrow('a salt is 64 hex characters');
  });
});

describe('the SHA-256 commitment', () => {
  it('verifies the seed it was made from, as 64 hex characters', () => {
    const seed = newSeed();
    const commitment = commitmentOf(seed);
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(commitment).toBe(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'));
    expect(verifiesCommitment(seed, commitment)).toBe(true);
  });

  it('refuses any other seed, and a seed that is not 32 bytes of hex', () => {
    fc.assert(
      fc.property(seedArb, seedArb, (a, b) => {
        fc.pre(a !== b);
        expect(verifiesCommitment(b, commitmentOf(a))).toBe(false);
      }),
    );
    expect(verifiesCommitment('xyz', commitmentOf(newSeed()))).toBe(false);
    expect(() => commitmentOf('abc')).toThrow('64 hex');
  });
});
