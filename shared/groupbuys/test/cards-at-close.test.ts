/**
 * The close reads Stripe, not only its inbox: a card Stripe saved before the close counts toward
 * the MOQ whenever its event comes, and the buyer is told only what is true. Found from outside:
 * a card saved 20 s before the close whose event came 60 s after it closed the group buy not-met
 * (it was met), and the buyer was told they had saved after it closed.
 */
import { closeSettleMs } from '../rules/close-task';
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import type { GroupBuy } from '../rules/group-buy';
import { members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann, ben, cat] = members;

describe('the close of a group buy whose last card’s event is held back', () => {
  it('counts a card saved before the close toward the MOQ, and the late event tells the buyer they are in, once', async () => {
    const w = await pledgeWorld({ moq: 3, closes: '1h' });
    await w.joined(ann, '2');
    const { sessionId } = await w.join(ben, '1');
    const closesAtMs = Date.parse((await w.groupBuy())?.closesAt as string);
    w.advance(closesAtMs - w.deps.clock.now().getTime() - 20_000);
    const held = await w.saveCard(sessionId);
    w.advance(20_000 + closeSettleMs);
    await closeGroupBuy(w.closeDeps, closeTaskOf((await w.groupBuy()) as GroupBuy).payload);
    expect(await w.groupBuy()).toMatchObject({ status: 'charging', pledgedUnits: 3, pledgers: 2 });
    expect(await w.pledge(ben)).toMatchObject({ status: 'pledged', paymentMethodId: expect.stringMatching(/^pm_/) });

    w.advance(60_000);
    await w.deliver(held);
    expect(w.dmsTo(ben)).toEqual([expect.stringContaining('You’re in: **1 unit** of **Tofu65**')]);
    expect(w.dmsTo(ben).join('\n')).not.toContain('after');
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 3, pledgers: 2 });
  });

  it('counts nothing for a card saved after the close, and says so truly', async () => {
    const w = await pledgeWorld({ moq: 2, closes: '1h' });
    await w.joined(ann, '1');
    w.advance(45 * 60_000);
    const { sessionId } = await w.join(cat, '1');
    w.advance(15 * 60_000 + 10_000);
    const held = await w.saveCard(sessionId);
    w.advance(closeSettleMs);
    await closeGroupBuy(w.closeDeps, closeTaskOf((await w.groupBuy()) as GroupBuy).payload);
    expect(await w.groupBuy()).toMatchObject({ status: 'not-met', pledgedUnits: 1 });
    await w.deliver(held);
    expect(w.dmsTo(cat)).toEqual([expect.stringContaining('saved after **Tofu65** closed')]);
  });
});
