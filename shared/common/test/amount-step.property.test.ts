/**
 * Three-decimal currencies move in steps of 10 minor units: Stripe's docs ("Three-decimal
 * currencies") take card amounts in BHD, JOD, KWD, OMR and TND only when their last digit is 0.
 * An amount a person types off that step is refused with the valid amounts either side of it.
 */
import fc from 'fast-check';
import { amountStep, amountText, maxAmountCents, nearestOnStep, parseAmount, shareOf } from '../rules/money';

const threeDecimal = ['bhd', 'jod', 'kwd', 'omr', 'tnd'];
const others = ['usd', 'eur', 'gbp', 'jpy', 'krw', 'clp'];
const anyCurrency = fc.constantFrom(...threeDecimal, ...others, ...threeDecimal.map((c) => c.toUpperCase()));

describe('the step an amount moves in', () => {
  it.each(threeDecimal)('is 10 fils for %s, whatever the case of its code', (code) => {
    expect(amountStep(code)).toBe(10);
    expect(amountStep(code.toUpperCase())).toBe(10);
  });

  it.each(others)('is one minor unit for %s', (code) => {
    expect(amountStep(code)).toBe(1);
  });
});

describe('an amount typed in a three-decimal currency', () => {
  it('refuses 5.125 KWD and says to type 5.120 or 5.130 instead', () => {
    const read = parseAmount('5.125', 'kwd');
    expect(read).toMatchObject({ ok: false, problem: 'step', nearest: [5_120, 5_130] });
    expect(read.ok || read.reason).toContain('`5.120` or `5.130`');
  });

  it('offers only the step above when the step below is zero', () => {
    expect(parseAmount('0.005', 'bhd')).toMatchObject({ ok: false, problem: 'step', nearest: [10] });
  });

  it('takes 5.12 and 5.120 KWD alike', () => {
    expect(parseAmount('5.12', 'kwd')).toEqual({ ok: true, cents: 5_120 });
    expect(parseAmount(5.12, 'kwd')).toEqual({ ok: true, cents: 5_120 });
  });

  it('takes any amount on its currency’s step and refuses any other, offering the valid amounts either side', () => {
    fc.assert(
      fc.property(anyCurrency, fc.integer({ min: 1, max: maxAmountCents }), (currency, cents) => {
        const read = parseAmount(amountText({ cents, currency }), currency);
        const step = threeDecimal.includes(currency.toLowerCase()) ? 10 : 1;
        if (cents % step === 0) {
          expect(read).toEqual({ ok: true, cents });
          return;
        }
        expect(read).toMatchObject({ ok: false, problem: 'step' });
        const nearest = read.ok ? [] : (read.nearest ?? []);
        expect(nearest.length).toBeGreaterThan(0);
        for (const valid of nearest) {
          expect(valid % 10).toBe(0);
          expect(Math.abs(valid - cents)).toBeLessThan(10);
          expect(parseAmount(amountText({ cents: valid, currency }), currency)).toEqual({ ok: true, cents: valid });
        }
      }),
    );
  });

  it('names an amount already on the step as its own nearest', () => {
    expect(nearestOnStep(5_120, 'kwd')).toEqual([5_120]);
    expect(nearestOnStep(5_125, 'usd')).toEqual([5_125]);
  });
});

describe('a share taken on a step', () => {
  it('rounds half up to the step', () => {
    expect(shareOf(12_340, 1_000, 10)).toBe(1_230); // 1,234 -> 1,230
    expect(shareOf(12_350, 1_000, 10)).toBe(1_240); // 1,235 -> 1,240
  });

  it('is always on the step and within half a step of the exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxAmountCents }), fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(1, 10), (amount, bps, step) => {
        const share = shareOf(amount, bps, step);
        expect(share % step).toBe(0);
        expect(Math.abs(share - (amount * bps) / 10_000)).toBeLessThanOrEqual(step / 2);
      }),
    );
  });
});
