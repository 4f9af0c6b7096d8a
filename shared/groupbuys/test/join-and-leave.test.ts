/**
 * Joining a group buy saves a card and charges nothing: Join answers a link to Stripe Checkout
 * in setup mode with the consent in words; the pledge counts once Stripe's
 * `checkout.session.completed` arrives through the Stripe subscriber (pledged, or waitlisted
 * beyond the cap), whatever is redelivered or comes out of order; a card saved once the group
 * buy has closed saves nothing and the member is told. Leave before the close withdraws.
 */
import { builder, members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';
import { stripeCustomerPath } from '../rules/card-setup';
import { closeSettleMs } from '../rules/close-task';
import { groupBuyPath } from '../rules/group-buy';
import { shippingProfilePath } from '../../shipping';
import { buttonPress, inChannel, modalSubmit } from '../../../test/support/interactions';
import { joinGroupBuy } from '../use-cases/join-group-buy';
import { leaveGroupBuy } from '../use-cases/leave-group-buy';
import { openCardLink } from '../use-cases/open-card-link';
import { personPseudonym } from '../../log';
import { guildAuctionsPath } from '../../auctions';
import { buyRefusals } from '../../marketplace';

const guild = '900000000000000001';

const [ann, ben, cat, dan] = members;
const daysMs = 86_400_000;

describe('joining a group buy', () => {
  it('answers a link to Stripe Checkout in setup mode with the consent in words, and counts nothing yet', async () => {
    const w = await pledgeWorld();
    const { answer, sessionId } = await w.join(ann, '2');
    expect(answer.flags).toBe(64);
    expect(answer.content).toContain(
      'You will be charged $500.00 only if Tofu65 reaches its minimum of 3 by its close on 8 December 2026 (its builder may move the close later once, by up to 30 days; you will be told). The charge is made at the close; if you are on the waitlist then, only if a place opens for you, which can be days after the close (you will be told). If your bank asks for you, you have 72 hours to pay on a link. Leave before the close and nothing is charged.',
    );
    const session = (await w.deps.payments.session(sessionId))?.session;
    expect(session).toMatchObject({ mode: 'setup', metadata: { kind: 'groupbuy-pledge', group_buy_id: w.groupBuyId, buyer_pseudonym: personPseudonym(ann) } });
    expect(session?.custom_text.submit?.message).toContain(
      'You will be charged $500.00 only if Tofu65 reaches its minimum of 3 by its close on 8 December 2026',
    );
    // The button is C500's short link, which sends the buyer on to Stripe's page.
    expect(JSON.stringify(answer.components)).toContain(`${w.deps.publicBaseUrl}/groupbuy/${w.groupBuyId}?card=${sessionId}`);
    expect(await openCardLink(w.deps, w.groupBuyId, sessionId)).toEqual({ status: 303, location: session?.url });
    expect(await w.pledge(ann)).toMatchObject({ status: 'saving-card', quantity: 2 });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 0, pledgers: 0 });
    expect(await w.deps.payments.listPaymentIntents()).toEqual([]);
  });

  it('asks Stripe for the very same setup session when the Join is delivered again a minute later (its deadline counted from the press, not the redelivery)', async () => {
    const w = await pledgeWorld();
    const press = modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '2' }, ann);
    const first = await joinGroupBuy(w.deps, press);
    w.advance(60_000);
    const again = await joinGroupBuy(w.deps, press);
    expect(again.content).toBe(first.content);
    expect((await w.pledge(ann))?.status).toBe('saving-card');
  });

  it('asks Stripe for a session it takes when a Join pressed near the close reaches its job ten minutes late (retried that long)', async () => {
    const w = await pledgeWorld({ closes: '1h' });
    w.advance(40 * 60_000);
    const press = modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '1' }, ann);
    w.advance(10 * 60_000);
    const answer = await joinGroupBuy(w.deps, press);
    const pledge = await w.pledge(ann);
    expect(pledge).toMatchObject({ status: 'saving-card' });
    const session = (await w.deps.payments.session(pledge?.setupSessionId as string))?.session;
    expect(JSON.stringify(answer.components)).toContain(`?card=${pledge?.setupSessionId as string}`);
    expect((await openCardLink(w.deps, w.groupBuyId, pledge?.setupSessionId as string)).location).toBe(session?.url);
    // At least Stripe's 30 minutes from its making, and the same whenever the Join comes again.
    expect((session?.expires_at ?? 0) * 1000 - w.deps.clock.now().getTime()).toBeGreaterThanOrEqual(30 * 60_000);
    w.advance(4 * 60_000);
    expect((await joinGroupBuy(w.deps, press)).content).toBe(answer.content);
  });

  it('makes nothing for a Join that reaches its job after its answer could be shown, and says to press again', async () => {
    const w = await pledgeWorld();
    const press = modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '1' }, ann);
    w.advance(15 * 60_000);
    expect((await joinGroupBuy(w.deps, press)).content).toContain('Press **Join** again');
    expect(await w.pledge(ann)).toBeUndefined();
    expect(await w.deps.store.get(stripeCustomerPath(ann))).toBeUndefined();
  });

  it('keeps one Stripe customer a member, reused by every Join', async () => {
    const w = await pledgeWorld();
    await w.join(ann);
    const customerId = (await w.deps.store.get(stripeCustomerPath(ann)))?.customerId;
    await w.join(ann, '3');
    expect((await w.pledge(ann))?.customerId).toBe(customerId);
  });

  it('counts the pledge once the card is saved, edits the post and tells the member what it will cost and when, once however often Stripe redelivers', async () => {
    const w = await pledgeWorld();
    const { sessionId } = await w.join(ann, '2');
    const sent = await w.saveCard(sessionId);
    await w.deliver(sent);
    await w.deliver(sent.map((e) => ({ ...e, id: `${e.id}-again` })));
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged', paymentMethodId: expect.stringMatching(/^pm_/) });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 2, pledgers: 1 });
    expect(w.lastPostText()).toContain('**2 / 3 units** pledged by 1 person');
    expect(w.dmsTo(ann)).toEqual([expect.stringContaining('You’re in: **2 units** of **Tofu65** ($500.00)')]);
    expect(await w.deps.payments.listPaymentIntents()).toEqual([]);
  });

  it('counts a card whose event was sent before pseudonyms, naming the member by their Discord id, as it always did', async () => {
    const w = await pledgeWorld();
    const { sessionId } = await w.join(ann, '2');
    const sent = await w.saveCard(sessionId);
    // As a deploy before pseudonyms made the session: its metadata names the member by id, and has no pseudonym.
    const before = sent.map((e) => {
      const object = e.data.object as { metadata?: Record<string, string> };
      if (!object.metadata?.buyer_pseudonym) return e;
      const { buyer_pseudonym: _pseudonym, ...rest } = object.metadata;
      return { ...e, data: { ...e.data, object: { ...object, metadata: { ...rest, buyer_id: ann } } } } as unknown as typeof e;
    });
    expect(before.some((e) => (e.data.object as { metadata?: Record<string, string> }).metadata?.buyer_id === ann)).toBe(true);
    await w.deliver(before);
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged', paymentMethodId: expect.stringMatching(/^pm_/) });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 2, pledgers: 1 });
  });

  it('finds the pledge by its setup session when the event names the member by pseudonym only, and detaches a card no pledge waits on', async () => {
    const w = await pledgeWorld();
    const first = await w.join(ann, '1');
    const second = await w.join(ann, '2');
    const late = await w.saveCard(first.sessionId);
    expect(JSON.stringify(late)).not.toContain(ann);
    await w.deliver(late);
    const card = (await w.deps.payments.readCardSetup(first.sessionId)).paymentMethodId as string;
    const saved = (await w.deps.payments.listCustomers()).flatMap((c) => ('payment_methods' in c ? c.payment_methods.map((m) => m.id) : []));
    expect(saved).not.toContain(card);
    await w.deliver(await w.saveCard(second.sessionId));
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged', quantity: 2 });
  });

  it('counts only the newest Join’s card: the earlier link, expired at Stripe by the second Join, saves nothing', async () => {
    const w = await pledgeWorld();
    const first = await w.join(ann, '1');
    const second = await w.join(ann, '2');
    const late = await w.saveCard(first.sessionId);
    await w.deliver(await w.saveCard(second.sessionId));
    await w.deliver(late);
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged', quantity: 2, setupSessionId: second.sessionId });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 2, pledgers: 1 });
  });

  it('keeps the address given on Stripe’s page when the group buy ships under the builder’s profile', async () => {
    const w = await pledgeWorld();
    await w.deps.store.update(groupBuyPath(w.groupBuyId), { shippingProfileId: `900000000000000001:${builder}` });
    await w.deps.store.set(shippingProfilePath('900000000000000001', builder), {
      guildId: '900000000000000001',
      builderId: builder,
      currency: 'usd',
      homeCountry: 'US',
      to: ['CA', 'US'],
      handlingDays: 3,
      updatedAt: '2026-11-01T00:00:00Z',
    });
    const { sessionId } = await w.join(ann);
    expect((await w.deps.payments.session(sessionId))?.session.shipping_address_collection).toEqual({ allowed_countries: ['CA', 'US'] });
    const address = { name: 'Ann Key', address: { line1: '1 Switch Lane', line2: null, city: 'Toronto', state: 'ON', postal_code: 'M5V 2T6', country: 'CA' } };
    await w.deliver(await w.saveCard(sessionId, 'works', address));
    expect((await w.pledge(ann))?.shippingAddress).toEqual({
      name: 'Ann Key',
      line1: '1 Switch Lane',
      city: 'Toronto',
      state: 'ON',
      postalCode: 'M5V 2T6',
      country: 'CA',
    });
  });

  it('waitlists a pledge beyond the cap, counting it for nothing, and moves it in when a pledger leaves', async () => {
    const w = await pledgeWorld({ cap: 3 });
    await w.joined(ann, '2');
    await w.joined(ben, '2');
    expect(await w.pledge(ben)).toMatchObject({ status: 'waitlisted' });
    expect(w.dmsTo(ben)).toEqual([expect.stringContaining('on the waitlist for **2 units**')]);
    await w.joined(cat, '1');
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 3, pledgers: 2 });
    expect((await w.leave(ann)).content).toContain('You’ve left **Tofu65**');
    expect(await w.pledge(ben)).toMatchObject({ status: 'pledged' });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 3, pledgers: 2 });
    expect(w.dmsTo(ben).at(-1)).toContain('moved off the waitlist');
  });

  it('refuses a second Join once the card is saved, the builder’s own Join, and a quantity out of bounds', async () => {
    const w = await pledgeWorld();
    await w.joined(ann, '1');
    expect((await w.join(ann, '2')).answer.content).toContain('You’re already in for **1 unit**');
    expect((await w.join(builder)).answer.content).toContain('your own group buy');
    expect((await w.join(ben, '21')).answer.content).toContain('whole number from 1 to 20');
  });

  it('refuses a member C500 blocked after their chargeback, in Buy Now’s words (why, and that the admins can review it), and one an admin blocked, asking Stripe for nothing', async () => {
    const w = await pledgeWorld();
    const blockedAt = w.deps.clock.now().toISOString();
    await w.deps.store.set(guildAuctionsPath(guild), {
      auctions: {
        blocked: [
          { key: ann, label: `<@${ann}>`, blockedBy: ann, blockedAt, disputeId: 'dp_1' },
          { key: ben, label: `<@${ben}>`, blockedBy: builder, blockedAt },
        ],
        blockedIds: [ann, ben],
      },
    });
    expect((await w.join(ann, '1')).answer).toEqual(buyRefusals.blockedAfterDispute);
    expect(buyRefusals.blockedAfterDispute.content).toContain('disputed with your bank (a chargeback)');
    expect((await w.join(ben, '1')).answer).toEqual(buyRefusals.blocked);
    expect([await w.pledge(ann), await w.pledge(ben)]).toEqual([undefined, undefined]);
    expect((await w.join(cat, '1')).answer.content).toContain('You will be charged');
  });

  it('saves nothing for a card saved after the close (its page open a while from just before it), and tells the member', async () => {
    const w = await pledgeWorld({ closes: '1h' });
    w.advance(45 * 60_000);
    // Stripe keeps a setup page open 30 minutes at least: past the close, 15 minutes on.
    const { sessionId } = await w.join(dan);
    w.advance(15 * 60_000 + closeSettleMs / 2);
    await w.deliver(await w.saveCard(sessionId));
    expect(await w.pledge(dan)).toMatchObject({ status: 'saving-card' });
    expect((await w.pledge(dan))?.paymentMethodId).toBeUndefined();
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 0 });
    expect(w.dmsTo(dan)).toEqual([expect.stringContaining('saved after **Tofu65** closed, so it was not pledged')]);
  });

  it('saves nothing for a card saved on a group buy called off, and tells the member', async () => {
    const w = await pledgeWorld();
    const { sessionId } = await w.join(dan);
    await w.deps.store.update(groupBuyPath(w.groupBuyId), { status: 'cancelled' });
    await w.deliver(await w.saveCard(sessionId));
    expect((await w.pledge(dan))?.paymentMethodId).toBeUndefined();
    expect(w.dmsTo(dan)).toHaveLength(1);
  });
});

describe('leaving a group buy', () => {
  it('withdraws before the close: its units no longer count, and the post follows', async () => {
    const w = await pledgeWorld();
    await w.joined(ann, '2');
    await w.joined(ben, '1');
    expect((await w.leave(ann)).content).toContain('nothing will be charged');
    expect(await w.pledge(ann)).toMatchObject({ status: 'withdrawn' });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 1, pledgers: 1 });
    expect(w.lastPostText()).toContain('**1 / 3 units** pledged by 1 person');
    expect((await w.leave(ann)).content).toContain('nothing to leave');
  });

  it('is refused after the close, saying why', async () => {
    const w = await pledgeWorld();
    await w.joined(ann, '3');
    w.advance(7 * daysMs);
    await w.deps.store.update(groupBuyPath(w.groupBuyId), { status: 'charging' });
    const answer = await w.leave(ann);
    expect(answer.content).toContain('has closed, so you can’t leave it now: it met its minimum');
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged' });
  });
});

describe('a group buy’s buttons pressed anywhere but on its post', () => {
  it('find nothing: a Join or a Leave claiming another channel of the server joins and leaves nothing', async () => {
    const w = await pledgeWorld();
    await w.joined(ann);
    const elsewhere = '910000000000000099';
    const join = await joinGroupBuy(w.deps, inChannel(modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '1' }, ben), elsewhere));
    expect(join.content).toBe('That group buy is not here any more.');
    expect(await w.pledge(ben)).toBeUndefined();
    const leave = await leaveGroupBuy(w.deps, buttonPress(`gbleave:${w.groupBuyId}`, ann, { channelId: elsewhere }));
    expect(leave.content).toBe('That group buy is not here any more.');
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged' });
  });
});
