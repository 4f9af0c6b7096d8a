import { axisTop, earningOf, earningsChartSvg, mainCurrency, weekStartOf, weeklyEarnings, type EarningOrder } from '../rules/earnings-chart';
import { moneyOf } from './order-money-fixtures';

const base: EarningOrder = {
  orderId: 'o1',
  status: 'paid',
  currency: 'usd',
  createdAt: '2026-11-16T10:00:00.000Z',
  paidAt: '2026-11-16T10:05:00.000Z',
  amountCents: 10_000,
  builderShareCents: 9_000,
  payouts: { builder: {} },
  money: moneyOf(),
};

describe('what an order earns its builder', () => {
  it('GIVEN paid and not released THEN the share is held', () => {
    expect(earningOf(base)).toEqual({ heldCents: 9_000, releasedCents: 0 });
  });

  it('GIVEN partly refunded before release THEN only the rest of the share is held', () => {
    expect(earningOf({ ...base, money: moneyOf({ refunded: 5_000 }) })).toEqual({ heldCents: 4_500, releasedCents: 0 });
  });

  it('GIVEN released THEN what was sent is released, less what reversals took back', () => {
    expect(earningOf({ ...base, status: 'building', payouts: { builder: { transferId: 'tr' } }, money: moneyOf({ sent: 9_000 }) })).toEqual({
      heldCents: 0,
      releasedCents: 9_000,
    });
    expect(earningOf({ ...base, status: 'refunded', payouts: { builder: { transferId: 'tr' } }, money: moneyOf({ sent: 9_000, reversed: 9_000 }) })).toEqual({
      heldCents: 0,
      releasedCents: 0,
    });
  });

  it('GIVEN a release that paid part of the builder’s debt THEN what it paid counts as released, as what the transfer sent does', () => {
    expect(earningOf({ ...base, status: 'building', payouts: { builder: { transferId: 'tr' } }, money: moneyOf({ sent: 1, netted: 8_999 }) })).toEqual({
      heldCents: 0,
      releasedCents: 9_000,
    });
  });

  it('GIVEN never paid, expired or refunded before release THEN nothing', () => {
    for (const status of ['awaiting-payment', 'expired', 'refunded'] as const)
      expect(earningOf({ ...base, status })).toEqual({ heldCents: 0, releasedCents: 0 });
  });

  it('GIVEN a show lot THEN the host’s cut is not the builder’s', () => {
    expect(earningOf({ ...base, builderShareCents: 7_500, hostCutCents: 1_500 })).toEqual({ heldCents: 7_500, releasedCents: 0 });
  });
});

describe('earnings by week', () => {
  it('starts weeks on Monday, UTC', () => {
    expect(new Date(weekStartOf(Date.parse('2026-11-22T23:59:59Z'))).toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(new Date(weekStartOf(Date.parse('2026-11-23T00:00:00Z'))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('puts each order in the week it was paid, over the last weeks only, in one currency, to the cent', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const weeks = weeklyEarnings(
      [
        base,
        {
          ...base,
          orderId: 'o2',
          paidAt: '2026-11-23T00:00:00.000Z',
          status: 'shipped',
          payouts: { builder: { transferId: 't' } },
          money: moneyOf({ sent: 1_234 }),
        },
        { ...base, orderId: 'o3', paidAt: '2025-01-01T00:00:00.000Z' },
        { ...base, orderId: 'o4', currency: 'eur' },
        { ...base, orderId: 'o5', paidAt: undefined, status: 'awaiting-payment' },
      ],
      now,
      'usd',
      4,
    );
    expect(weeks).toEqual([
      { weekStart: '2026-11-02', heldCents: 0, releasedCents: 0 },
      { weekStart: '2026-11-09', heldCents: 0, releasedCents: 0 },
      { weekStart: '2026-11-16', heldCents: 9_000, releasedCents: 0 },
      { weekStart: '2026-11-23', heldCents: 0, releasedCents: 1_234 },
    ]);
  });

  it('draws on the currency most orders are in', () => {
    expect(mainCurrency([{ currency: 'eur' }, { currency: 'usd' }, { currency: 'usd' }], 'jpy')).toBe('usd');
    expect(mainCurrency([], 'jpy')).toBe('jpy');
  });

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(axisTop(0)).toBe(1_000);
    expect(axisTop(9_000)).toBe(10_000);
    expect(axisTop(12_345)).toBe(20_000);
    expect(axisTop(40_000)).toBe(50_000);
  });
});

describe('the chart as SVG', () => {
  it('draws a bar group per week with its figures, titled for whoever cannot see it', () => {
    const weeks = weeklyEarnings([base], new Date('2026-11-25T12:00:00Z'), 'usd', 12);
    const svg = earningsChartSvg(weeks, 'usd');
    expect(svg.match(/<g class="week"/g)).toHaveLength(12);
    expect(svg).toContain('data-held="9000"');
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/<desc id="chart-desc-wide">Over the last 12 weeks: \$0\.00 released to you, \$90\.00 still held/);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('draws an empty chart without dividing by zero', () => {
    const svg = earningsChartSvg(weeklyEarnings([], new Date('2026-11-25T12:00:00Z'), 'usd'), 'usd');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
