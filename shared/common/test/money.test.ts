import fc from 'fast-check';
import { amountText, formatMoney, maxAmountCents, minorDigits, minorUnitsOf, parseAmount, shareOf } from '../rules/money';

describe('formatting money', () => {
  it.each([
    [0, 'usd', '$0.00'],
    [5, 'usd', '$0.05'],
    [4550, 'usd', '$45.50'],
    [123456789, 'usd', '$1,234,567.89'],
    [-250, 'usd', '-$2.50'],
    [1999, 'eur', '19.99 EUR'],
  ])('shows %i %s as %s', (cents, currency, shown) => {
    expect(formatMoney({ cents, currency })).toBe(shown);
  });

  it('refuses an amount that is not whole cents', () => {
    expect(() => formatMoney({ cents: 10.5, currency: 'usd' })).toThrow(RangeError);
  });

  it('shows exactly the cents it was given, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const shown = formatMoney({ cents, currency: 'usd' }).replace(/[$,]/g, '');
        expect(Math.round(Number(shown) * 100)).toBe(cents);
      }),
    );
  });
});

describe('reading an amount a person typed', () => {
  it.each([
    [25, 2500],
    [25.5, 2550],
    ['25.50', 2550],
    ['$1,200', 120000],
    ['0.50', 50],
    [0.07, 7],
  ])('reads %p as %i cents', (raw, cents) => {
    expect(parseAmount(raw)).toEqual({ ok: true, cents });
  });

  it.each([
    [12.345, 'more than two decimals'],
    ['12.345', 'more than two decimals'],
    [-5, 'negative'],
    ['-5', 'negative'],
    [0, 'more than zero'],
    ['abc', 'isn’t an amount'],
    ['', 'isn’t an amount'],
    [1e12, 'more than'],
  ])('refuses %p with a message saying why (%s)', (raw, why) => {
    const result = parseAmount(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(why);
      expect(result.reason).toContain('`25.50`');
    }
  });

  it('reads any whole-cent amount back exactly, as a number or as text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: maxAmountCents }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(parseAmount(text)).toEqual({ ok: true, cents });
        expect(parseAmount(Number(text))).toEqual({ ok: true, cents });
      }),
    );
  });

  it('refuses one minor unit above the largest amount Stripe charges, in any currency', () => {
    expect(parseAmount('999999.99')).toEqual({ ok: true, cents: 99_999_999 });
    expect(parseAmount('1000000')).toMatchObject({ ok: false, reason: expect.stringContaining('$999,999.99') });
    expect(parseAmount('99999999', 'jpy')).toEqual({ ok: true, cents: 99_999_999 });
    expect(parseAmount('100000000', 'jpy')).toMatchObject({ ok: false, reason: expect.stringContaining('99,999,999 JPY') });
  });
});

describe('currencies whose minor unit is not the cent', () => {
  it('knows zero-decimal and three-decimal currencies as Stripe counts them', () => {
    expect([minorDigits('usd'), minorDigits('JPY'), minorDigits('krw'), minorDigits('kwd'), minorDigits('eur')]).toEqual([2, 0, 0, 3, 2]);
  });

  it('reads a yen amount as whole yen, never times a hundred', () => {
    expect(parseAmount('2400', 'jpy')).toEqual({ ok: true, cents: 2400 });
    expect(parseAmount('¥2,400', 'jpy')).toEqual({ ok: true, cents: 2400 });
    expect(parseAmount(2400, 'jpy')).toEqual({ ok: true, cents: 2400 });
  });

  it('refuses decimals in a zero-decimal currency with an example to type', () => {
    const result = parseAmount('2400.5', 'jpy');
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('JPY has none') });
    expect(result.ok || result.reason).toContain('`2400`');
  });

  it('shows a yen amount without decimals and a dinar amount with three', () => {
    expect(formatMoney({ cents: 2400, currency: 'jpy' })).toBe('2,400 JPY');
    expect(formatMoney({ cents: 12_500, currency: 'kwd' })).toBe('12.500 KWD');
    expect(amountText({ cents: 2400, currency: 'jpy' })).toBe('2400');
    expect(amountText({ cents: 2550, currency: 'usd' })).toBe('25.50');
  });

  it('reads a shop amount in its currency and refuses digits finer than its unit', () => {
    expect(minorUnitsOf('2400.00', 'jpy')).toBe(2400);
    expect(minorUnitsOf('2400.50', 'jpy')).toBeUndefined();
    expect(minorUnitsOf('12.5', 'usd')).toBe(1250);
    expect(minorUnitsOf(12.5, 'kwd')).toBe(12_500);
    expect(minorUnitsOf('-1', 'usd')).toBeUndefined();
  });

  it('writes and reads any amount as plain decimal text with its currency’s digits, in every digit count', () => {
    // Stripe's own table of minor digits, restated here rather than read from the module.
    const digits = { usd: 2, eur: 2, jpy: 0, krw: 0, kwd: 3 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: maxAmountCents }), fc.constantFrom(...(Object.keys(digits) as Array<keyof typeof digits>)), (cents, currency) => {
        const unit = 10 ** digits[currency];
        const text = digits[currency] === 0 ? String(cents) : `${Math.floor(cents / unit)}.${String(cents % unit).padStart(digits[currency], '0')}`;
        expect(amountText({ cents, currency })).toBe(text);
        // A typed amount in thousandths ends in 0, as Stripe takes card amounts (see amount-step's tests); a shop's need not.
        if (digits[currency] === 3 && cents % 10 !== 0) expect(parseAmount(text, currency)).toMatchObject({ ok: false, problem: 'step' });
        else expect(parseAmount(text, currency)).toEqual({ ok: true, cents });
        expect(minorUnitsOf(text, currency)).toBe(cents);
      }),
    );
  });
});

describe('taking a share in basis points', () => {
  it('rounds half cents up', () => {
    expect(shareOf(25, 1000)).toBe(3); // 2.5 -> 3
    expect(shareOf(24, 1000)).toBe(2); // 2.4 -> 2
    expect(shareOf(12345, 2000)).toBe(2469);
  });

  it('never takes more than the amount and leaves the rest whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const fee = shareOf(amount, bps);
        expect(Number.isInteger(fee)).toBe(true);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(fee).toBeLessThanOrEqual(amount);
        expect(Math.abs(fee - (amount * bps) / 10_000)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('refuses a rate outside 0 to 10,000 basis points', () => {
    expect(() => shareOf(100, 10_001)).toThrow(RangeError);
    expect(() => shareOf(100, -1)).toThrow(RangeError);
  });
});
