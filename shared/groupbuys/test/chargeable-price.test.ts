/**
 * A group buy takes no price Stripe would refuse at its close: below Stripe's least charge in
 * the currency, or (at the most units a member may pledge, with the most shipping quoted)
 * above its largest. Refused at `start` with words, and nothing is opened. Found from outside:
 * a $0.25 group buy met its MOQ and every charge of 25 cents was refused as amount_too_small.
 */
import { command } from '../../../test/support/interactions';
import { shippingProfilePath } from '../../shipping';
import { startGroupBuy } from '../use-cases/start-group-buy';
import { unchargeablePrice } from '../rules/chargeable';
import { builder, groupBuyDeps } from './group-buy-deps';
import { RecordedTasks } from './recorded-tasks';

const start = (options: Record<string, string | number>) => command({ name: 'groupbuy', path: ['start'], options, userId: builder });
const full = { title: 'Tofu65 e-white', moq: 3, closes: '14d', ships: '2027-06' };

describe('a group buy’s price, against what Stripe charges', () => {
  it('refuses at start a price below Stripe’s least charge, saying the least, and opens nothing', async () => {
    const { deps } = await groupBuyDeps(new RecordedTasks());
    const answer = await startGroupBuy(deps, start({ ...full, price: 0.25 }));
    expect(answer.content).toContain('the lowest price Stripe can charge is `0.50` ($0.50), like `price:0.50`');
    expect(deps.discord.entries.filter((e) => e.kind === 'channel')).toEqual([]);
  });

  it('refuses at start a price whose largest pledge passes Stripe’s largest charge, saying the highest unit price it takes', async () => {
    const { deps } = await groupBuyDeps(new RecordedTasks());
    const answer = await startGroupBuy(deps, start({ ...full, price: 50_000 }));
    expect(answer.content).toContain('a member may pledge 20 units, and 20 at this price is $1,000,000.00, more than Stripe charges at once ($999,999.99)');
    expect(answer.content).toContain('at most $49,999.99');
    expect(deps.discord.entries.filter((e) => e.kind === 'channel')).toEqual([]);
    expect((await startGroupBuy(deps, start({ ...full, price: 49_999.99 }))).content).toContain('is open until');
  });

  it('counts the most shipping the builder’s rates quote for the largest pledge', async () => {
    const { deps } = await groupBuyDeps(new RecordedTasks());
    await deps.store.set(shippingProfilePath('900000000000000001', builder), {
      guildId: '900000000000000001',
      builderId: builder,
      currency: 'usd',
      homeCountry: 'US',
      to: 'worldwide',
      handlingDays: 3,
      updatedAt: '2026-11-01T00:00:00Z',
      domesticCents: 1_000,
      domesticExtraCents: 500,
      internationalCents: 3_000,
      internationalExtraCents: 1_000,
    });
    const answer = await startGroupBuy(deps, start({ ...full, price: 49_999.99 }));
    expect(answer.content).toContain('with shipping');
  });

  it('holds other currencies to Stripe’s own least charge there (GBP 0.30, JPY 50)', () => {
    expect(unchargeablePrice(20, 'gbp')).toContain('`0.30` (0.30 GBP)');
    expect(unchargeablePrice(30, 'gbp')).toBeUndefined();
    expect(unchargeablePrice(10, 'jpy')).toContain('`50`');
    expect(unchargeablePrice(50, 'jpy')).toBeUndefined();
  });
});
