/**
 * "You’re in" is told once per pledge, even when the delivery that sent it was cut off after
 * Discord made the DM and before the record said so, and Stripe's event comes back later than
 * Discord remembers the DM's nonce. Found by the soak (seed 1): a `checkout.session.completed`
 * whose first attempt stopped mid-send was delivered again half an hour later (by the soak's
 * clock), and the member got the same DM twice, under the same nonce.
 */
import { members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann] = members;
const minute = 60_000;

/** The next DM is made by Discord, but the delivery sending it never hears back (its instance was stopped). */
function cutOffAfterNextDm(w: Awaited<ReturnType<typeof pledgeWorld>>): void {
  const sendDm = w.deps.discord.sendDm.bind(w.deps.discord);
  w.deps.discord.sendDm = async (userId, message) => {
    w.deps.discord.sendDm = sendDm;
    await sendDm(userId, message);
    return new Promise<never>(() => undefined);
  };
}

/** Lets a delivery that never settles run until Discord has made `count` DMs (a bounded number of turns, no clock). */
async function untilDms(w: Awaited<ReturnType<typeof pledgeWorld>>, member: string, count: number): Promise<void> {
  for (let turn = 0; turn < 1_000 && w.dmsTo(member).length < count; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('a pledge’s “You’re in” DM', () => {
  it('is not sent again by a redelivery that comes after Discord forgot the nonce of a send that was cut off', async () => {
    const w = await pledgeWorld();
    const { sessionId } = await w.join(ann, '1');
    const sent = await w.saveCard(sessionId);
    cutOffAfterNextDm(w);
    void w.deliver(sent);
    await untilDms(w, ann, 1);
    expect(w.dmsTo(ann)).toEqual([expect.stringContaining('You’re in: **1 unit** of **Tofu65**')]);

    w.advance(30 * minute);
    await w.deliver(sent);
    expect(w.dmsTo(ann)).toHaveLength(1);
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 1, pledgers: 1 });
  });

  it('is sent by a redelivery when the first try failed and said so', async () => {
    const w = await pledgeWorld();
    const { sessionId } = await w.join(ann, '1');
    const sent = await w.saveCard(sessionId);
    const sendDm = w.deps.discord.sendDm.bind(w.deps.discord);
    w.deps.discord.sendDm = async () => {
      w.deps.discord.sendDm = sendDm;
      throw new Error('503 Service Unavailable');
    };
    await expect(w.deliver(sent)).rejects.toThrow('503');

    w.advance(30 * minute);
    await w.deliver(sent);
    expect(w.dmsTo(ann)).toEqual([expect.stringContaining('You’re in: **1 unit** of **Tofu65**')]);
  });

  it('is told again to a member who left and joined again: a new pledge', async () => {
    const w = await pledgeWorld();
    await w.joined(ann, '1');
    await w.leave(ann);
    await w.joined(ann, '1');
    expect(w.dmsTo(ann).filter((dm) => dm.startsWith('You’re in'))).toHaveLength(2);
  });
});
