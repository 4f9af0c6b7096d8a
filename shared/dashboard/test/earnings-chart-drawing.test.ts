import { earningOf, earningsChartSvg, narrowChart, type EarningOrder, type WeekEarnings } from '../rules/earnings-chart';
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

describe('what an order being built or shipped earns its builder', () => {
  it('holds the share of an order being built or shipped whose transfer has not gone out', () => {
    expect(earningOf({ ...base, status: 'building' })).toEqual({ heldCents: 9_000, releasedCents: 0 });
    expect(earningOf({ ...base, status: 'shipped' })).toEqual({ heldCents: 9_000, releasedCents: 0 });
  });

  it('counts released only what the journal’s transfers sent, and nothing held once the release is recorded', () => {
    expect(earningOf({ ...base, status: 'building', payouts: { builder: {} } })).toEqual({ heldCents: 9_000, releasedCents: 0 });
    expect(earningOf({ ...base, status: 'building', payouts: { builder: { transferId: 'tr_1' } }, money: moneyOf({ sent: 9_000 }) })).toEqual({
      heldCents: 0,
      releasedCents: 9_000,
    });
  });
});

/** Three weeks: $30 released and $10 held, nothing, then $20 held: the axis tops out at $50. */
const weeks: WeekEarnings[] = [
  { weekStart: '2026-11-02', releasedCents: 3_000, heldCents: 1_000 },
  { weekStart: '2026-11-09', releasedCents: 0, heldCents: 0 },
  { weekStart: '2026-11-16', releasedCents: 0, heldCents: 2_000 },
];

const gridOf = (svg: string) =>
  [...svg.matchAll(/<line x1="([^"]*)" x2="([^"]*)" y1="([^"]*)" y2="([^"]*)" class="grid"\/>(<text[^>]*>[^<]*<\/text>)/g)].map((m) => m.slice(1).join(' '));
const barsOf = (svg: string) => [...svg.matchAll(/<g class="week"[^>]*>.*?<\/g>/g)].map((m) => m[0]);
const labelsOf = (svg: string) => [...svg.matchAll(/<\/g>(<text[^>]*>[^<]*<\/text>)/g)].map((m) => m[1]);

describe('the earnings chart as drawn', () => {
  const svg = earningsChartSvg(weeks, 'usd');

  it('draws five grid lines across the plot, each with its amount at the left, from $0 to the rounded top', () => {
    const at = (y: string, amount: string) =>
      `72 708 ${y} ${y} <text x="66" y="${y}" class="axis" font-size="12" text-anchor="end" dominant-baseline="middle">${amount}</text>`;
    expect(gridOf(svg)).toEqual([at('224.0', '$0.00'), at('172.0', '$12.50'), at('120.0', '$25.00'), at('68.0', '$37.50'), at('16.0', '$50.00')]);
    expect(svg).toContain(`${at('224.0', '$0.00').replace(/^72 708 224.0 224.0 /, '<line x1="72" x2="708" y1="224.0" y2="224.0" class="grid"/>')}<line`);
  });

  it('stacks each week’s held on its released, in its own slot, titled with both figures', () => {
    expect(barsOf(svg)).toEqual([
      '<g class="week" data-week="2026-11-02" data-held="1000" data-released="3000"><title>Week of Nov 2: $30.00 released, $10.00 held</title><rect class="released" x="112.5" y="99.2" width="131" height="124.8"/><rect class="held" x="112.5" y="57.6" width="131" height="41.6"/></g>',
      '<g class="week" data-week="2026-11-09" data-held="0" data-released="0"><title>Week of Nov 9: $0.00 released, $0.00 held</title><rect class="released" x="324.5" y="224.0" width="131" height="0.0"/><rect class="held" x="324.5" y="224.0" width="131" height="0.0"/></g>',
      '<g class="week" data-week="2026-11-16" data-held="2000" data-released="0"><title>Week of Nov 16: $0.00 released, $20.00 held</title><rect class="released" x="536.5" y="224.0" width="131" height="0.0"/><rect class="held" x="536.5" y="140.8" width="131" height="83.2"/></g>',
    ]);
  });

  it('writes the latest week’s date under its bar, and every other week’s back from it', () => {
    expect(labelsOf(svg)).toEqual([
      '<text x="178.0" y="248" class="axis" font-size="12" text-anchor="middle">Nov 2</text>',
      '<text x="602.0" y="248" class="axis" font-size="12" text-anchor="middle">Nov 16</text>',
    ]);
    expect(svg).toMatch(/<\/g><g class="week" data-week="2026-11-16"/);
    expect(svg.endsWith('Nov 16</text></svg>')).toBe(true);
  });

  it('on the narrow chart labels every fourth week back from the latest, in larger type', () => {
    const eight = Array.from({ length: 8 }, (_, i): WeekEarnings => ({
      weekStart: `2026-10-${String(5 + i).padStart(2, '0')}`,
      releasedCents: 0,
      heldCents: 0,
    }));
    const narrow = earningsChartSvg(eight, 'usd', narrowChart, 'narrow');
    expect(labelsOf(narrow).map((l) => l.replace(/<text x="[^"]*" /, ''))).toEqual([
      'y="238" class="axis" font-size="14" text-anchor="middle">Oct 8</text>',
      'y="238" class="axis" font-size="14" text-anchor="middle">Oct 12</text>',
    ]);
  });

  it('keeps a bar at least 4 wide when the weeks are many', () => {
    const many = Array.from({ length: 200 }, (): WeekEarnings => ({ weekStart: '2026-11-02', releasedCents: 100, heldCents: 0 }));
    expect(earningsChartSvg(many, 'usd')).toContain('width="4"');
  });
});
