/**
 * The values the bid engine trades in (`auction-book.ts`), against hand-computed tables: the
 * increment ladder and the least a bid may be, the ladder as the Lua script reads it, the
 * order of standings (ties included), Twitch login aliases, a server with no rules, and
 * the cooldown.
 */
import fc from 'fast-check';
import {
  compareStandings,
  defaultLadder,
  incrementAt,
  ladderText,
  nextMinimum,
  noGuildTrust,
  tooSoon,
  twitchLoginAlias,
  type Standing,
} from '../rules/auction-book';

describe('the increment ladder', () => {
  it('steps $1 under $30, then $2, $3, $5, $10, $20 and $50 from each rung’s own price', () => {
    const table: [number, number][] = [
      [0, 100],
      [2_999, 100],
      [3_000, 200],
      [4_999, 200],
      [5_000, 300],
      [9_999, 300],
      [10_000, 500],
      [29_999, 500],
      [30_000, 1_000],
      [99_999, 1_000],
      [100_000, 2_000],
      [199_999, 2_000],
      [200_000, 5_000],
      [9_999_999, 5_000],
    ];
    for (const [price, step] of table) expect([price, incrementAt(price)]).toEqual([price, step]);
  });

  it('travels to the Lua script as `from:step` pairs, rung by rung', () => {
    expect(ladderText(defaultLadder)).toBe('0:100,3000:200,5000:300,10000:500,30000:1000,100000:2000,200000:5000');
    expect(ladderText([])).toBe('');
  });

  it('steps by the first rung below a ladder’s first price, and by $1 with no ladder at all', () => {
    expect(incrementAt(50, [{ fromCents: 100, stepCents: 7 }])).toBe(7);
    expect(incrementAt(500, [])).toBe(100);
  });

  it('asks the start price before the first bid, then the price plus the step at that price', () => {
    expect(nextMinimum({ priceCents: 2_900, startCents: 2_900 })).toBe(2_900);
    expect(nextMinimum({ leaderId: 'ann', priceCents: 2_900, startCents: 1_000 })).toBe(3_000);
    expect(nextMinimum({ leaderId: 'ann', priceCents: 10_000, startCents: 1_000 })).toBe(10_500);
  });
});

describe('the order of standings', () => {
  const standing = (bidderId: string, topCents: number, atMs: number): Standing => ({ bidderId, bidderName: bidderId, topCents, atMs });

  it('puts the higher max first, then the earlier one, then the lower bidder id', () => {
    expect(compareStandings(standing('b', 2_000, 5), standing('a', 1_000, 1))).toBeLessThan(0);
    expect(compareStandings(standing('a', 1_000, 1), standing('b', 2_000, 5))).toBeGreaterThan(0);
    expect(compareStandings(standing('b', 1_000, 1), standing('a', 1_000, 2))).toBeLessThan(0);
    expect(compareStandings(standing('a', 1_000, 2), standing('b', 1_000, 1))).toBeGreaterThan(0);
    expect(compareStandings(standing('amy', 1_000, 1), standing('bob', 1_000, 1))).toBe(-1);
    expect(compareStandings(standing('bob', 1_000, 1), standing('amy', 1_000, 1))).toBe(1);
    expect(compareStandings(standing('amy', 1_000, 1), standing('amy', 1_000, 1))).toBe(0);
  });

  it('sorts any standings, whatever order they come in, as a plain ranking by max, time and id does', () => {
    const ids = ['amy', 'bob', 'cat', 'dee', 'eve', 'fay'];
    const rows = fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), top: fc.constantFrom(1_000, 2_000), at: fc.constantFrom(1, 2) }), {
      selector: (r) => r.id,
      minLength: 2,
    });
    fc.assert(
      fc.property(rows, (drawn) => {
        // The ranking written out: a key that sorts as text in the order the rule gives.
        const key = (r: { id: string; top: number; at: number }) => `${9_999 - r.top / 1_000}-${r.at}-${r.id}`;
        const expected = [...drawn].map(key).sort();
        const sorted = drawn.map((r) => standing(r.id, r.top, r.at)).sort(compareStandings);
        expect(sorted.map((s) => key({ id: s.bidderId, top: s.topCents, at: s.atMs }))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a Twitch chatter’s login alias', () => {
  it('is their login trimmed and lower case', () => {
    expect(twitchLoginAlias('  KeebFan ')).toBe('twitch-login:keebfan');
  });
});

describe('a server whose rules the book was never given', () => {
  it('limits no bidder, has no cooldown, blocks nobody, and is older than any rules a server can have', () => {
    expect(noGuildTrust).toStrictEqual({ version: -1, newBidderLimitCents: 0, cooldownMs: 0, blocked: [] });
  });
});

describe('the cooldown between one bidder’s bids', () => {
  const at = (atMs: number, bidId = `b${atMs}`) => ({ atMs, bidId });

  it('is too soon under the cooldown from the last bid, before or after it, and not at the cooldown', () => {
    expect(tooSoon(at(5_000), at(5_999), 1_000)).toBe(true);
    expect(tooSoon(at(5_000), at(4_001), 1_000)).toBe(true);
    expect(tooSoon(at(5_000), at(6_000), 1_000)).toBe(false);
    expect(tooSoon(at(5_000), at(4_000), 1_000)).toBe(false);
  });

  it('never holds back a first bid, the same bid delivered again, or any bid without a cooldown', () => {
    expect(tooSoon(undefined, at(5_000), 1_000)).toBe(false);
    expect(tooSoon(at(5_000, 'x'), at(5_000, 'x'), 1_000)).toBe(false);
    expect(tooSoon(at(5_000), at(5_000, 'other'), 0)).toBe(false);
  });
});
