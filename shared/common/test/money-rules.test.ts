/**
 * money.ts against Stripe's own tables and a person's typing: every currency Stripe counts
 * without decimals or with three, the least it charges, the refusals' wording of the amount
 * typed, and the guards on negative or fractional amounts.
 */
import { amountText, formatMoney, minimumCharge, minorDigits, minorUnitsOf, parseAmount, percentOf, percentToBps, shareOf } from '../rules/money';

/** Stripe's published lists (docs: "Zero-decimal currencies", "Three-decimal currencies"), copied by hand. */
const stripeZeroDecimal = ['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const stripeThreeDecimal = ['BHD', 'JOD', 'KWD', 'OMR', 'TND'];

const reasonOf = (raw: number | string, currency?: string): string => {
  const result = parseAmount(raw, currency);
  if (result.ok) throw new Error(`expected ${String(raw)} to be refused, got ${result.cents}`);
  return result.reason;
};

describe('the currencies Stripe counts in whole units or in thousandths', () => {
  it.each(stripeZeroDecimal)('reads %s in whole units, never times a hundred', (code) => {
    expect(minorDigits(code)).toBe(0);
    expect(minorDigits(code.toLowerCase())).toBe(0);
    expect(parseAmount('2400', code.toLowerCase())).toEqual({ ok: true, cents: 2_400 });
    expect(minorUnitsOf('2400', code.toLowerCase())).toBe(2_400);
    expect(formatMoney({ cents: 2_400, currency: code.toLowerCase() })).toBe(`2,400 ${code}`);
  });

  it.each(stripeThreeDecimal)('reads %s in thousandths', (code) => {
    expect(minorDigits(code)).toBe(3);
    expect(parseAmount('12.5', code.toLowerCase())).toEqual({ ok: true, cents: 12_500 });
    expect(minorUnitsOf('12.5', code.toLowerCase())).toBe(12_500);
    expect(formatMoney({ cents: 12_345, currency: code.toLowerCase() })).toBe(`12.345 ${code}`);
  });

  it.each(['usd', 'eur', 'gbp', 'cad', 'chf'])('reads %s in hundredths', (code) => {
    expect(minorDigits(code)).toBe(2);
  });
});

describe('the least Stripe charges', () => {
  it('takes the amount from Stripe’s table for a currency it lists, whatever the case of its code', () => {
    expect(minimumCharge('gbp')).toEqual({ cents: 30, currency: 'gbp' });
    expect(minimumCharge('GBP')).toEqual({ cents: 30, currency: 'gbp' });
    expect(minimumCharge('huf')).toEqual({ cents: 17_500, currency: 'huf' });
    expect(minimumCharge('jpy')).toEqual({ cents: 50, currency: 'jpy' });
  });

  it('asks 50 of the major unit’s hundredths elsewhere: 0.50 of a two-decimal currency, 0.500 of a three-decimal one', () => {
    expect(minimumCharge('usd')).toEqual({ cents: 50, currency: 'usd' });
    expect(minimumCharge('kwd')).toEqual({ cents: 500, currency: 'kwd' });
    expect(minimumCharge('KRW')).toEqual({ cents: 50, currency: 'krw' });
  });
});

describe('showing amounts', () => {
  it('writes a negative amount with its sign, as digits a person types back', () => {
    expect(amountText({ cents: -250, currency: 'usd' })).toBe('-2.50');
    expect(amountText({ cents: -2_400, currency: 'jpy' })).toBe('-2400');
    expect(amountText({ cents: 5, currency: 'kwd' })).toBe('0.005');
  });

  it('names the amount it refuses to show', () => {
    expect(() => formatMoney({ cents: 10.5, currency: 'usd' })).toThrow('an amount must be whole minor units, got 10.5');
  });

  it('writes a rate without trailing zeros', () => {
    expect(percentOf(1_250)).toBe('12.5%');
    expect(percentOf(2_000)).toBe('20%');
    expect(percentOf(725)).toBe('7.25%');
    expect(percentOf(10_000)).toBe('100%');
  });

  it('reads a typed rate as basis points, above 0 and at most 100 %', () => {
    expect(percentToBps(' 12.5% ')).toBe(1_250);
    expect(percentToBps('7.25')).toBe(725);
    expect(percentToBps('0')).toBeUndefined();
    expect(percentToBps('100.01')).toBeUndefined();
  });
});

describe('what a refusal of a typed amount says', () => {
  it('says the cent for dollars and the smallest unit for any other currency', () => {
    expect(reasonOf('12.345', 'usd')).toBe('`12.345` has more than two decimals: money goes to the cent. Type an amount like `25` or `25.50`.');
    expect(reasonOf('12.345', 'eur')).toContain('money goes to its smallest unit');
    expect(reasonOf('12.3456', 'kwd')).toBe('`12.3456` has more than three decimals: money goes to its smallest unit. Type an amount like `25` or `25.500`.');
  });

  it('gives a three-decimal example for a three-decimal currency', () => {
    expect(reasonOf('abc', 'kwd')).toBe('`abc` isn’t an amount. Type an amount like `25` or `25.500`.');
  });

  it('shows a blank between the backticks when nothing was typed', () => {
    expect(reasonOf('', 'usd')).toBe('` ` isn’t an amount. Type an amount like `25` or `25.50`.');
    expect(reasonOf('   ', 'usd')).toMatch(/^` ` isn’t an amount/);
  });

  it('echoes at most 40 characters of what was typed', () => {
    const long = `x${'y'.repeat(60)}`;
    expect(reasonOf(long)).toBe(`\`${long.slice(0, 40)}\` isn’t an amount. Type an amount like \`25\` or \`25.50\`.`);
    const decimals = `1.${'5'.repeat(60)}`;
    expect(reasonOf(decimals)).toBe(
      `\`${decimals.slice(0, 40)}\` has more than two decimals: money goes to the cent. Type an amount like \`25\` or \`25.50\`.`,
    );
  });

  it('shows a tiny number Discord sends in exponent notation as its decimals, without trailing zeros', () => {
    expect(reasonOf(1e-7)).toMatch(/^`0\.0000001` has more than two decimals/);
    expect(parseAmount(1e-7)).toMatchObject({ problem: 'decimals' });
  });

  it('calls a number that is not finite not an amount', () => {
    expect(parseAmount(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false, problem: 'unreadable', reason: expect.stringMatching(/^`NaN` isn’t an amount/) });
    expect(parseAmount(Number.NaN)).toMatchObject({ ok: false, problem: 'unreadable' });
  });
});

describe('reading what a person typed', () => {
  it('ignores spaces around the amount', () => {
    expect(parseAmount(' 25.50 ')).toEqual({ ok: true, cents: 2_550 });
  });

  it('takes a currency sign only in front of the amount', () => {
    expect(parseAmount('€25')).toEqual({ ok: true, cents: 2_500 });
    expect(parseAmount('25$')).toMatchObject({ ok: false, problem: 'unreadable' });
  });

  it('calls an amount negative only when it starts with a minus', () => {
    expect(parseAmount('-5')).toMatchObject({ ok: false, problem: 'negative' });
    expect(parseAmount('5-')).toMatchObject({ ok: false, problem: 'unreadable' });
  });

  it('calls it too many decimals only when the whole text is a decimal number', () => {
    expect(parseAmount('1.555')).toMatchObject({ ok: false, problem: 'decimals' });
    expect(parseAmount('a1.555')).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(parseAmount('1.555x')).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(parseAmount('2400.5', 'jpy')).toMatchObject({ ok: false, problem: 'decimals' });
  });
});

describe('reading a shop’s amount', () => {
  it('ignores spaces around it', () => {
    expect(minorUnitsOf(' 12.50 ', 'usd')).toBe(1_250);
  });

  it('takes zeros past the currency’s decimals as nothing', () => {
    expect(minorUnitsOf('12.500', 'usd')).toBe(1_250);
    expect(minorUnitsOf('12.5000', 'kwd')).toBe(12_500);
    expect(minorUnitsOf('12.501', 'usd')).toBeUndefined();
  });

  it('reads nothing from a number that is not finite, or from what is neither text nor a number', () => {
    expect(minorUnitsOf(Number.NaN, 'usd')).toBeUndefined();
    expect(minorUnitsOf(Number.POSITIVE_INFINITY, 'usd')).toBeUndefined();
    expect(minorUnitsOf(null, 'usd')).toBeUndefined();
    expect(minorUnitsOf({ amount: 12 }, 'usd')).toBeUndefined();
  });
});

describe('the guards of a share in basis points', () => {
  it('refuses a negative amount, naming it', () => {
    expect(() => shareOf(-100, 1_000)).toThrow('amount must be whole non-negative cents, got -100');
    expect(() => shareOf(10.5, 1_000)).toThrow(RangeError);
  });

  it('refuses a rate outside 0 to 10,000, naming it', () => {
    expect(() => shareOf(100, 10_001)).toThrow('rate must be 0 to 10,000 basis points, got 10001');
    expect(() => shareOf(100, 12.5)).toThrow(RangeError);
  });

  it('takes all of the amount at 100 % and none at 0 %', () => {
    expect(shareOf(12_345, 10_000)).toBe(12_345);
    expect(shareOf(12_345, 0)).toBe(0);
  });
});
