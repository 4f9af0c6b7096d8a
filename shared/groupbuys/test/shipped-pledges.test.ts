/**
 * Joining a group buy that ships under the builder's shipping profile: the consent says what
 * shipping will be, the rates quoted are fixed on the pledge, and the address given when the
 * card is saved fixes the shipping the close charges, whatever the builder changes later. An
 * address the builder does not ship to counts for nothing, and the member is told what to do.
 */
import type { StripeShippingDetails } from '../../ports';
import { shippingProfilePath, type ShippingProfile } from '../../shipping';
import { groupBuyPath } from '../rules/group-buy';
import { builder, members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';
import { aProfile } from '../../shipping/test/profile-fixtures';

const [ann, ben] = members;
const guild = '900000000000000001';

const profile = (over: Partial<ShippingProfile> = {}): ShippingProfile =>
  aProfile({ guildId: guild, builderId: builder, updatedAt: '2026-11-01T00:00:00Z', ...over });

const addressIn = (country: string): StripeShippingDetails => ({
  name: 'Ann Key',
  address: { line1: '1 Switch Lane', line2: null, city: 'Somewhere', state: null, postal_code: '12345', country },
});

/** A group buy that ships under the builder's profile (as the start sets it when they have one). */
async function shippedWorld() {
  const w = await pledgeWorld();
  await w.deps.store.update(groupBuyPath(w.groupBuyId), { shippingProfileId: `${guild}:${builder}` });
  await w.deps.store.set(shippingProfilePath(guild, builder), profile());
  return w;
}

describe('a pledge to a group buy shipped under the builder’s profile', () => {
  it('says in the consent what shipping will be for the quantity, and fixes those rates on the pledge', async () => {
    const w = await shippedWorld();
    const { answer, sessionId } = await w.join(ann, '2');
    const consent =
      'You will be charged $500.00 plus shipping to the address you give ($11.00 within US, or $35.00 to CA or GB) only if Tofu65 reaches its minimum of 3 by its close on 8 December 2026';
    expect(answer.content).toContain(consent);
    const session = (await w.deps.payments.session(sessionId))?.session;
    expect(session?.custom_text.submit?.message).toContain(consent);
    expect(session?.shipping_address_collection).toEqual({ allowed_countries: ['CA', 'GB', 'US'] });
    expect(await w.pledge(ann)).toMatchObject({
      status: 'saving-card',
      shippingTerms: { homeCountry: 'US', to: ['CA', 'GB', 'US'], domesticCents: 1_100, internationalCents: 3_500 },
    });
  });

  it('fixes the shipping to the address given at the rates consented to, though the builder raised them since', async () => {
    const w = await shippedWorld();
    const { sessionId } = await w.join(ann, '2');
    await w.deps.store.set(shippingProfilePath(guild, builder), profile({ internationalCents: 9_000, internationalExtraCents: 5_000 }));
    await w.deliver(await w.saveCard(sessionId, 'works', addressIn('CA')));
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged', shippingCents: 3_500, shippingAddress: { country: 'CA' } });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 2, pledgers: 1 });
    expect(w.dmsTo(ann)).toEqual([expect.stringContaining('You’re in: **2 units** of **Tofu65** ($535.00, with $35.00 shipping)')]);
  });

  it('counts nothing for an address the builder stopped shipping to since the Join, and tells the member to join again with one they ship to', async () => {
    const w = await shippedWorld();
    const { sessionId } = await w.join(ann);
    await w.deps.store.set(shippingProfilePath(guild, builder), profile({ to: ['CA', 'US'] }));
    const sent = await w.saveCard(sessionId, 'works', addressIn('GB'));
    await w.deliver(sent);
    await w.deliver(sent.map((e) => ({ ...e, id: `${e.id}-again` })));
    const pledge = await w.pledge(ann);
    expect(pledge?.status).toBe('saving-card');
    expect(pledge?.shippingCents).toBeUndefined();
    expect(pledge?.shippingAddress).toBeUndefined();
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 0, pledgers: 0 });
    expect(w.dmsTo(ann)).toEqual([
      'Your card was saved for **Tofu65**, but its builder does not ship to GB, so you are not in: nothing counts and nothing will be charged. To join, press **Join** on its post again and give an address in one of these countries: CA, US.',
    ]);
    // Joined again with an address the builder ships to, the pledge counts.
    const again = await w.join(ann);
    await w.deliver(await w.saveCard(again.sessionId, 'works', addressIn('US')));
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged', shippingCents: 800 });
  });

  it('charges no shipping to a pledge whose Join quoted none: the consent named only the price', async () => {
    const w = await pledgeWorld();
    await w.joined(ben);
    expect((await w.pledge(ben))?.shippingCents).toBeUndefined();
    expect((await w.pledge(ben))?.shippingTerms).toBeUndefined();
  });
});
