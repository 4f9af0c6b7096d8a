import { earningOf } from '../rules/earnings-chart';
import { guildPage } from '../rules/pages/guild-page';
import { builderPage, type BuilderPageData } from '../rules/pages/builder-page';
import { anOrder } from './dashboard-fixtures';
import { panelOf, rowsOf, signedInFrame } from './page-html';
import type { Order } from '../../orders';
import { counted } from './order-money-fixtures';
import { emptyGuildPage } from './page-fixtures';

const terms = {
  slots: 3,
  leadWeeks: 6,
  oneAtATime: false,
  tranches: [
    { milestone: 'parts-in' as const, percent: 30 },
    { milestone: 'done' as const, percent: 70 },
  ],
};
const sent = { milestone: 'parts-in' as const, idempotencyKey: 'tranche:o1:parts-in', amountCents: 2_700, transferId: 'tr_1' };
// $100 paid, a $90 share.
const commission = (over: Partial<Order> = {}, c: Partial<NonNullable<Order['commission']>> = {}) =>
  anOrder({
    orderId: 'o1',
    amountCents: 10_000,
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    status: 'paid',
    ...over,
    commission: { terms, ticket: 1, ...c },
  });

describe('a commission on the dashboard', () => {
  it('counts a tranche sent before done as released, and only the rest as held', () => {
    expect(earningOf(counted(commission({}, { advances: [sent] }), { sent: 2_700 }))).toEqual({ heldCents: 6_300, releasedCents: 2_700 });
  });

  it('counts the tranches and the release together once done', () => {
    expect(earningOf(counted(commission({ status: 'building', payouts: { builder: { transferId: 'tr_2' } } }, { advances: [sent] }), { sent: 9_000 }))).toEqual(
      {
        heldCents: 0,
        releasedCents: 9_000,
      },
    );
  });

  it('holds nothing more for a cancelled commission, whose tranches stay released', () => {
    expect(earningOf(counted(commission({}, { advances: [sent], ended: 'cancelled', keptCents: 2_700 }), { refunded: 7_300, sent: 2_700 }))).toEqual({
      heldCents: 0,
      releasedCents: 2_700,
    });
  });

  it('lists a server’s late commissions for its admins, with the step proved and the date promised', () => {
    const late = commission(
      { title: 'Brass TKL', buyerName: 'Ada' },
      { milestone: 'assembly', promisedAt: '2026-11-01T00:00:00Z', delay: { weeks: 1, reason: 'r', at: 'x', fromPromisedAt: 'y' } },
    );
    const empty = emptyGuildPage();
    const panel = panelOf(guildPage(signedInFrame('guild'), { ...empty, late: [late] }), 'late');
    expect(rowsOf(panel)).toEqual([expect.objectContaining({ Item: 'Brass TKL', Buyer: 'Ada', 'Step proved': 'assembly' })]);
    expect(panel).toContain('moved once');
    expect(panelOf(guildPage(signedInFrame('guild'), empty), 'late')).toContain('No commission is past its promised date.');
  });

  it('shows a builder their record and how many wait, and no panel before their first queue', () => {
    const base: BuilderPageData = {
      state: 'all',
      orders: [],
      nextCursor: undefined,
      weeks: [],
      currency: 'usd',
      waiting: [],
      auctions: [],
      hasStripeAccount: true,
    };
    const record = { completed: 4, onTime: 3, onTimePercent: 75, medianLeadDays: 40.5 };
    const panel = panelOf(builderPage(signedInFrame('builder'), { ...base, queue: { record, inLine: 2, late: 1 } }), 'queue');
    expect(panel).toContain('4 builds done · 75% on time · median 40.5 days from payment to done');
    expect(panel).toContain('1 past the promised date');
    expect(
      builderPage(signedInFrame('builder'), {
        ...base,
        queue: { record: { completed: 0, onTime: 0, onTimePercent: undefined, medianLeadDays: undefined }, inLine: 0, late: 0 },
      }),
    ).not.toContain('Commission queue');
  });
});
