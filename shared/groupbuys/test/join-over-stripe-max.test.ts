/**
 * A pledge Stripe could not charge is refused at Join (issue 77): `start` checks 20 units at the
 * price with the most shipping of the builder's rates of then; rates raised after start are met
 * only at Join, for the member's own units and shipping, with the same rule, before Stripe is
 * asked anything. The answer says what to do: fewer units, or (not one fits) a word to the builder.
 */
import { shippingProfilePath } from '../../shipping';
import { aProfile } from '../../shipping/test/profile-fixtures';
import { command, modalSubmit } from '../../../test/support/interactions';
import { mostPledgeCharge, pledgeOverStripeMax } from '../rules/chargeable';
import { pledgeShippingOf } from '../rules/pledge-shipping';
import { pledgePath } from '../rules/group-buy';
import { startGroupBuy } from '../use-cases/start-group-buy';
import { joinGroupBuy } from '../use-cases/join-group-buy';
import { builder, groupBuyDeps, members } from './group-buy-deps';
import { RecordedTasks } from './recorded-tasks';

const guild = '900000000000000001';
const [ann] = members;
const profile = aProfile({ guildId: guild, builderId: builder });

/** A group buy of $49,000.00 a unit started under the builder's profile ($25 + $10 a further unit abroad): 20 units with shipping fit Stripe's largest. */
async function startedUnderProfile() {
  const { deps } = await groupBuyDeps(new RecordedTasks());
  await deps.store.set(shippingProfilePath(guild, builder), profile);
  const started = await startGroupBuy(
    deps,
    command({ name: 'groupbuy', path: ['start'], options: { title: 'Brass65', price: 49_000, moq: 3, closes: '7d', ships: '2027-03' }, userId: builder }),
  );
  const groupBuyId = /Group buy `([0-9a-z]{8})`/.exec(started.content ?? '')?.[1];
  if (!groupBuyId) throw new Error(`not started: ${started.content ?? ''}`);
  const join = (quantity: string) => joinGroupBuy(deps, modalSubmit(`gbjq:${groupBuyId}`, { quantity }, ann));
  const raiseShipping = (over: Parameters<typeof aProfile>[0]) => deps.store.set(shippingProfilePath(guild, builder), { ...profile, ...over });
  return { deps, groupBuyId, join, raiseShipping };
}

describe('a Join whose pledge could come to more than Stripe charges at once', () => {
  it('GIVEN the builder raised their shipping after start WHEN a member joins with 20 units THEN the Join is refused in words naming the most units that fit, and Stripe is asked nothing', async () => {
    const w = await startedUnderProfile();
    await w.raiseShipping({ internationalExtraCents: 200_000 });
    const answer = await w.join('20');
    expect(answer.flags).toBe(64);
    expect(answer.content).toBe(
      '**20 units** of **Brass65** with shipping can come to $1,018,025.00, more than Stripe can charge at once ($999,999.99), so nothing was saved and nothing is charged. Press **Join** again with at most **19 units**.',
    );
    expect(await w.deps.store.get(pledgePath(w.groupBuyId, ann))).toBeUndefined();
    expect(await w.deps.payments.listSessions()).toEqual([]);

    const fewer = await w.join('19');
    expect(fewer.content).toContain('To pledge **19 units** of **Brass65**, save a card on Stripe’s page.');
    expect(await w.deps.store.get(pledgePath(w.groupBuyId, ann))).toMatchObject({ status: 'saving-card', quantity: 19 });
  });

  it('GIVEN rates raised so far that not even one unit fits THEN the Join says to ask the builder to lower them', async () => {
    const w = await startedUnderProfile();
    await w.raiseShipping({ internationalCents: 96_000_000 });
    expect((await w.join('1')).content).toBe(
      `**1 unit** of **Brass65** with shipping can come to $1,009,000.00, more than Stripe can charge at once ($999,999.99), so nothing was saved and nothing is charged. Not even one unit fits with the builder’s shipping rates as they are now: ask <@${builder}> to lower them, then press **Join** again.`,
    );
  });

  it('GIVEN the rates the group buy started under THEN a Join of 20 units is taken as before', async () => {
    const w = await startedUnderProfile();
    expect((await w.join('20')).content).toContain('To pledge **20 units** of **Brass65**');
  });
});

describe('the most a pledge can be charged', () => {
  const shippingFor = (over: Parameters<typeof aProfile>[0]) => (units: number) =>
    pledgeShippingOf(aProfile(over), { priceCents: 4_900_000, currency: 'usd' }, units);

  it('is its units at the price with the dearer of the shipping quoted for them, since the address is given after Join', () => {
    expect(mostPledgeCharge(4_900_000, 2, { homeCountry: 'US', to: ['US', 'GB'], domesticCents: 1_100, internationalCents: 3_500 })).toBe(9_803_500);
    expect(mostPledgeCharge(4_900_000, 2)).toBe(9_800_000);
  });

  it('names the most units that fit Stripe’s largest, and none when not one does', () => {
    expect(pledgeOverStripeMax(4_900_000, 20, shippingFor({}))).toBeUndefined();
    expect(pledgeOverStripeMax(4_900_000, 20, shippingFor({ internationalExtraCents: 200_000 }))).toEqual({ chargeCents: 101_802_500, mostUnits: 19 });
    expect(pledgeOverStripeMax(4_900_000, 3, shippingFor({ internationalCents: 96_000_000 }))).toEqual({ chargeCents: 110_702_000, mostUnits: 0 });
  });
});
