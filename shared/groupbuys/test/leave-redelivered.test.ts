/**
 * A Leave delivered again (Pub/Sub redelivers a command whose first run's answer was lost to a
 * crash or to Discord) answers as the first did: the member left. Found by the soak, where the
 * redelivery told a member who had just left that they had never joined.
 */
import { buttonPress } from '../../../test/support/interactions';
import { leaveGroupBuy } from '../use-cases/leave-group-buy';
import { members, onPost } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann] = members;

describe('a Leave delivered again', () => {
  it('answers that the member left, as its first delivery did, and changes nothing more', async () => {
    const w = await pledgeWorld();
    await w.joined(ann, '2');
    const press = buttonPress(`gbleave:${w.groupBuyId}`, ann, onPost);
    expect((await leaveGroupBuy(w.deps, press)).content).toContain('You’ve left **Tofu65**');
    const after = await w.groupBuy();
    expect((await leaveGroupBuy(w.deps, press)).content).toContain('You’ve left **Tofu65**');
    expect(await w.groupBuy()).toEqual(after);
    expect(await w.pledge(ann)).toMatchObject({ status: 'withdrawn' });
    // Another press of Leave, later, is told there is nothing to leave.
    expect((await w.leave(ann)).content).toContain('nothing to leave');
  });
});
