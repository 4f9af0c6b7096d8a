import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { commissionPool, reversalsFor, splitCommission } from '../rules/commission';

/**
 * The rule restated plainly, for the properties to compare with: everyone gets the pool's
 * floor share, and the odd cents go one each in grid order from the place the seed's
 * SHA-256 (first four bytes, big-endian, modulo the grid) picks, wrapping around.
 */
function referenceSplit(pool: number, ids: readonly string[], seed: string): Array<{ racerId: string; cents: number }> {
  const parts = ids.map((racerId) => ({ racerId, cents: Math.floor(pool / ids.length) }));
  let place = parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) % ids.length;
  for (let odd = pool % ids.length; odd > 0; odd--) {
    (parts[place] as { cents: number }).cents += 1;
    place = (place + 1) % ids.length;
  }
  return parts;
}

/** What a refund of `refunded` of a sale takes back of a credit, overall: the credit's share of it, half a cent up (exact in BigInt). */
function referenceTaken(credit: number, refunded: number, sale: number): number {
  const r = BigInt(Math.min(Math.max(refunded, 0), sale));
  const exact = BigInt(credit) * r; // taken = exact / sale, rounded half up
  const floor = exact / BigInt(sale);
  return Number(2n * (exact - floor * BigInt(sale)) >= BigInt(sale) ? floor + 1n : floor);
}

const racerIds = (n: number) => Array.from({ length: n }, (_, i) => `racer-${i}`);
const sum = (parts: Array<{ cents: number }>) => parts.reduce((total, p) => total + p.cents, 0);

describe('the commission pool', () => {
  it('is the rate of the sale rounded half up, in whole cents', () => {
    expect(commissionPool(1001, 2000)).toBe(200); // 200.2
    expect(commissionPool(1, 5000)).toBe(1); // 0.5 rounds up
    expect(commissionPool(3, 5000)).toBe(2); // 1.5 rounds up
    expect(commissionPool(12_345, 1250)).toBe(1543); // 1543.125
    expect(commissionPool(0, 2000)).toBe(0);
  });

  it('refuses fractional cents and rates outside 0 to 100 %', () => {
    expect(() => commissionPool(10.5, 2000)).toThrow(RangeError);
    expect(() => commissionPool(1000, 10_001)).toThrow(RangeError);
  });
});

describe('splitting a pool among racers (property)', () => {
  const split = fc.record({
    amount: fc.integer({ min: 0, max: 100_000_000 }),
    rate: fc.integer({ min: 0, max: 10_000 }),
    n: fc.integer({ min: 1, max: 25 }),
    seed: fc.string(),
  });

  it('gives parts that add up to the pool exactly, for any amount, rate and number of racers', () => {
    fc.assert(
      fc.property(split, ({ amount, rate, n, seed }) => {
        const pool = commissionPool(amount, rate);
        expect(sum(splitCommission(pool, racerIds(n), seed))).toBe(pool);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never lets two racers’ parts differ by more than one cent', () => {
    fc.assert(
      fc.property(split, ({ amount, rate, n, seed }) => {
        const cents = splitCommission(commissionPool(amount, rate), racerIds(n), seed).map((p) => p.cents);
        expect(Math.max(...cents) - Math.min(...cents)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives each racer the floor share and the odd cents one each from the place the sale’s key picks, as the plain statement of the rule does', () => {
    fc.assert(
      fc.property(split, ({ amount, n, seed }) => {
        expect(splitCommission(amount, racerIds(n), seed)).toEqual(referenceSplit(amount, racerIds(n), seed));
      }),
      { numRuns: 1_000 },
    );
  });

  it('splits the same sale the same way every time, in grid order', () => {
    fc.assert(
      fc.property(split, ({ amount, n, seed }) => {
        const first = splitCommission(amount, racerIds(n), seed);
        expect(splitCommission(amount, racerIds(n), seed)).toEqual(first);
        expect(first.map((p) => p.racerId)).toEqual(racerIds(n));
      }),
    );
  });

  it('hands the odd cents of different sales to different racers', () => {
    const firsts = new Set<string>();
    for (let i = 0; i < 50; i++) firsts.add(splitCommission(1, racerIds(4), `sale-${i}`).find((p) => p.cents === 1)?.racerId ?? '');
    expect(firsts.size).toBe(4);
  });

  it('refuses a racer holding two places on the grid', () => {
    expect(() => splitCommission(100, ['a', 'a'], 's')).toThrow(RangeError);
  });
});

describe('reversing credits for refunds (property)', () => {
  const refundSequence = fc
    .record({
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      rate: fc.integer({ min: 1, max: 10_000 }),
      n: fc.integer({ min: 1, max: 8 }),
      seed: fc.string(),
      steps: fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 6 }),
    })
    .map(({ amount, rate, n, seed, steps }) => {
      // Refunds of at most the sale, in the proportions the steps say.
      const weight = steps.reduce((a, b) => a + b, 0);
      const refunds = steps.map((s) => Math.floor((amount * s) / weight));
      return { amount, credits: splitCommission(commissionPool(amount, rate), racerIds(n), seed), refunds };
    });

  it('takes back no more than each racer was credited, never a negative amount, however the refunds come', () => {
    fc.assert(
      fc.property(refundSequence, ({ amount, credits, refunds }) => {
        const taken = new Map<string, number>();
        let refunded = 0;
        for (const r of refunds) {
          for (const part of reversalsFor(credits, amount, refunded, refunded + r)) {
            expect(part.cents).toBeGreaterThanOrEqual(0);
            taken.set(part.racerId, (taken.get(part.racerId) ?? 0) + part.cents);
          }
          refunded += r;
        }
        for (const c of credits) expect(taken.get(c.racerId) ?? 0).toBeLessThanOrEqual(c.cents);
      }),
      { numRuns: 1_000 },
    );
  });

  it('takes back from each racer what the new total takes of the credit less what the old total took, each rounded half up, as the plain statement does', () => {
    fc.assert(
      fc.property(refundSequence, fc.integer({ min: -100, max: 20_000_000 }), ({ amount, credits, refunds }, before) => {
        const after = before + (refunds[0] as number);
        const expected = credits.map(({ racerId, cents }) => ({
          racerId,
          cents: Math.max(0, referenceTaken(cents, after, amount) - referenceTaken(cents, before, amount)),
        }));
        expect(reversalsFor(credits, amount, before, after)).toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it('takes back the same in several partial refunds as in one refund of their total', () => {
    fc.assert(
      fc.property(refundSequence, ({ amount, credits, refunds }) => {
        let refunded = 0;
        const stepwise = new Map<string, number>();
        for (const r of refunds) {
          for (const part of reversalsFor(credits, amount, refunded, refunded + r)) stepwise.set(part.racerId, (stepwise.get(part.racerId) ?? 0) + part.cents);
          refunded += r;
        }
        const once = reversalsFor(credits, amount, 0, refunded);
        for (const part of once) expect(stepwise.get(part.racerId)).toBe(part.cents);
      }),
      { numRuns: 1_000 },
    );
  });

  it('takes back every credit exactly when the whole sale is refunded', () => {
    fc.assert(
      fc.property(refundSequence, ({ amount, credits }) => {
        expect(reversalsFor(credits, amount, 0, amount)).toEqual(credits);
        // A refund claimed above the sale is held to the sale.
        expect(reversalsFor(credits, amount, 0, amount * 2)).toEqual(credits);
      }),
    );
  });
});
