/**
 * Join pressed again before a card is saved: the earlier link is expired at Stripe, so no card
 * is saved where the pledge no longer looks, and the new answer says the old link no longer
 * works. A card already saved on the earlier link (its event not come yet) counts, and the
 * member is told that pledge stands. Found from outside: a card saved on the older link was
 * dropped silently and the buyer believed they were in.
 */
import { modalSubmit } from '../../../test/support/interactions';
import { joinGroupBuy } from '../use-cases/join-group-buy';
import { members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann] = members;

describe('a Join pressed again before a card is saved', () => {
  it('expires the earlier link at Stripe: paying it saves nothing, the answer says to use the new one, and the new one counts', async () => {
    const w = await pledgeWorld();
    const first = await w.join(ann, '1');
    const second = await w.join(ann, '2');
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.answer.content).toContain('The link I gave you before no longer works: use this one.');
    expect((await w.deps.payments.session(first.sessionId))?.session.status).toBe('expired');
    // The buyer opens the first link anyway: Stripe's page takes no card on an expired session.
    expect(await w.saveCard(first.sessionId)).toEqual([]);
    await w.deliver(await w.saveCard(second.sessionId));
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged', quantity: 2, setupSessionId: second.sessionId });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 2, pledgers: 1 });
  });

  it('counts a card saved on the earlier link whose event has not come, tells the member that pledge stands, and makes no new link', async () => {
    const w = await pledgeWorld();
    const first = await w.join(ann, '2');
    const held = await w.saveCard(first.sessionId);
    const sessionsBefore = (await w.deps.payments.listSessions()).length;
    const again = await w.join(ann, '3');
    expect(again.answer.content).toContain('Your card was already saved on the link I gave you before, so that pledge stands: you’re in for **2 units**');
    expect(again.answer.components ?? []).toEqual([]);
    expect(await w.deps.payments.listSessions()).toHaveLength(sessionsBefore);
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged', quantity: 2, setupSessionId: first.sessionId });
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 2, pledgers: 1 });
    // Stripe's event, late, counts nothing twice and tells nothing twice.
    await w.deliver(held);
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 2, pledgers: 1 });
    expect(w.dmsTo(ann)).toEqual([expect.stringContaining('You’re in: **2 units** of **Tofu65**')]);
  });

  it('does not expire the link of the very same Join delivered again', async () => {
    const w = await pledgeWorld();
    const press = modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '1' }, ann);
    await joinGroupBuy(w.deps, press);
    await joinGroupBuy(w.deps, press);
    const sessionId = (await w.pledge(ann))?.setupSessionId as string;
    expect((await w.deps.payments.session(sessionId))?.session.status).toBe('open');
  });
});
