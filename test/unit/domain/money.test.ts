import fc from 'fast-check';
import { formatMoney } from '../../../shared/domain/money';

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
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
      const shown = formatMoney({ cents, currency: 'usd' }).replace(/[$,]/g, '');
      expect(Math.round(Number(shown) * 100)).toBe(cents);
    }));
  });
});
