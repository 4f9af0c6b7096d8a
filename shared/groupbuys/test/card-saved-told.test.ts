/**
 * A saved card's event delivered again after telling the member failed (Discord's 429 on the
 * DM, a crash) tells them then: the pledge counted already, so nothing else changes. Found by
 * the soak, where the redelivery found the pledge no longer `saving-card`, passed it over, and
 * members under Discord's rate limit never heard they were in, or on the waitlist.
 */
import { members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann, ben] = members;

/** Discord refuses the next DM with a 429, then takes DMs again. */
function failNextDm(w: Awaited<ReturnType<typeof pledgeWorld>>): void {
  const sendDm = w.deps.discord.sendDm.bind(w.deps.discord);
  w.deps.discord.sendDm = async () => {
    w.deps.discord.sendDm = sendDm;
    throw new Error('429 Too Many Requests: You are being rate limited.');
  };
}

describe('a saved card whose member was not told', () => {
  it('tells them they are in when Stripe’s event comes again, counting the pledge once', async () => {
    const w = await pledgeWorld();
    const { sessionId } = await w.join(ann, '2');
    const sent = await w.saveCard(sessionId);
    failNextDm(w);
    await expect(w.deliver(sent)).rejects.toThrow('rate limited');
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged' });
    expect(w.dmsTo(ann)).toEqual([]);

    await w.deliver(sent);
    expect(w.dmsTo(ann)).toEqual([expect.stringContaining('You’re in: **2 units** of **Tofu65**')]);
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 2, pledgers: 1 });
  });

  it('tells a waitlisted member they wait, and nobody anything once their pledge has moved on', async () => {
    const w = await pledgeWorld({ cap: 3 });
    await w.joined(ben, '3');
    const { sessionId } = await w.join(ann, '1');
    const sent = await w.saveCard(sessionId);
    failNextDm(w);
    await expect(w.deliver(sent)).rejects.toThrow('rate limited');
    await w.deliver(sent);
    expect(w.dmsTo(ann)).toEqual([expect.stringContaining('you’re on the waitlist for **1 unit**')]);
    expect(await w.groupBuy()).toMatchObject({ pledgedUnits: 3, pledgers: 1 });

    // Left since: the event delivered once more tells nothing.
    await w.leave(ann);
    await w.deliver(sent);
    expect(w.dmsTo(ann)).toHaveLength(1);
  });
});
