/**
 * commission.ts by hand-computed cases: where a split's odd cents start, and the guards on
 * negative or fractional pools and sales.
 */
import { createHash } from 'node:crypto';
import { reversalsFor, splitCommission } from '../rules/commission';

/** The place the odd cents start at, as the rule states it: the seed's SHA-256, first four bytes big-endian, modulo the grid. */
const startOf = (seed: string, n: number) => parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) % n;

describe('where a split’s odd cents go', () => {
  it('starts at the place the sale’s key picks and goes on in grid order, wrapping around', () => {
    const grid = ['a', 'b', 'c', 'd', 'e'];
    // A seed whose start is 3 of 5: two odd cents go to d and e; three go to d, e and a.
    const seed = Array.from({ length: 100 }, (_, i) => `sale-${i}`).find((s) => startOf(s, 5) === 3) as string;
    expect(splitCommission(1_002, grid, seed).map((p) => p.cents)).toEqual([200, 200, 200, 201, 201]);
    expect(splitCommission(1_003, grid, seed).map((p) => p.cents)).toEqual([201, 200, 200, 201, 201]);
  });

  it('starts at the first place for a seed that picks it', () => {
    const seed = Array.from({ length: 100 }, (_, i) => `sale-${i}`).find((s) => startOf(s, 4) === 0) as string;
    expect(splitCommission(2, ['a', 'b', 'c', 'd'], seed).map((p) => p.cents)).toEqual([1, 1, 0, 0]);
  });

  it('splits among nobody as no parts', () => {
    expect(splitCommission(100, [], 's')).toEqual([]);
    expect(splitCommission(0, [], 's')).toEqual([]);
  });

  it('says why it refuses a racer on the grid twice', () => {
    expect(() => splitCommission(100, ['a', 'b', 'a'], 's')).toThrow('a racer can hold only one place on the grid');
  });

  it('refuses a negative or fractional pool, naming it', () => {
    expect(() => splitCommission(-1, ['a'], 's')).toThrow('a pool is whole non-negative cents, got -1');
    expect(() => splitCommission(10.5, ['a'], 's')).toThrow(RangeError);
    expect(() => splitCommission(-3, [], 's')).toThrow(RangeError);
  });
});

describe('the guards of a refund’s reversals', () => {
  const credits = [
    { racerId: 'a', cents: 100 },
    { racerId: 'b', cents: 100 },
  ];

  it('refuses a sale of nothing, a negative sale or a fractional one, naming it', () => {
    expect(() => reversalsFor(credits, 0, 0, 0)).toThrow('a sale is a positive amount of cents, got 0');
    expect(() => reversalsFor(credits, -500, 0, 100)).toThrow(RangeError);
    expect(() => reversalsFor(credits, 500.5, 0, 100)).toThrow(RangeError);
  });

  it('takes back nothing for a refund that did not grow, and a share of a sale of one cent', () => {
    expect(reversalsFor(credits, 1_000, 400, 400)).toEqual([
      { racerId: 'a', cents: 0 },
      { racerId: 'b', cents: 0 },
    ]);
    expect(reversalsFor([{ racerId: 'a', cents: 1 }], 1, 0, 1)).toEqual([{ racerId: 'a', cents: 1 }]);
  });
});
