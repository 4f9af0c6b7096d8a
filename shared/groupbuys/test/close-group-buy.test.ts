/**
 * The group buy's close: the MOQ decides, from the pledges with a saved card. Met (at the MOQ
 * exactly too), everyone pledged is charged; not met, nobody is, everyone is told and the post
 * says so. A redelivered close changes nothing more, an old close after an extension nothing
 * at all, and an early one is refused.
 */
import { TaskNotDueYet } from '../../errors';
import { closeTaskOf } from '../rules/charge-tasks';
import { groupBuyPath } from '../rules/group-buy';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { BUILDER, CHANNEL, buyer, closeWorld } from './close-world';

const three = [{ buyerId: buyer(1) }, { buyerId: buyer(2), quantity: 2 }, { buyerId: buyer(3) }];

describe('a group buy’s close', () => {
  it('charges every pledge when the MOQ is met, and the group buy ends funded with every unit', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 3, pledges: three });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    expect((await w.groupBuy()).status).toBe('charging');
    await w.runCharging();
    expect((await w.pledges()).map((p) => p.status)).toEqual(['charged', 'charged', 'charged']);
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 4, pledgedUnits: 4, pledgers: 3 });
    const intents = await w.paymentIntents();
    expect(intents.map((p) => p.amount).sort()).toEqual([12_500, 12_500, 25_000]);
    expect(intents.every((p) => p.status === 'succeeded')).toBe(true);
    // The builder hears once, of the whole close; each buyer gets a receipt.
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringContaining('is funded: **4 units**')]);
    expect(w.dmsTo(buyer(2))).toEqual([expect.stringContaining('your card was charged $250.00')]);
  });

  it('meets its MOQ at exactly the MOQ, and counts a waitlisted pledge for nothing', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 4, cap: 4, pledges: [...three, { buyerId: buyer(4), status: 'waitlisted' }] });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 4 });
    // Funded without a place opening: the waitlist is let go, told, and never charged.
    expect(await w.pledge(buyer(4))).toMatchObject({ status: 'released' });
    expect(w.dmsTo(buyer(4))).toEqual([expect.stringContaining('no place opened for the waitlist')]);
    expect(await w.paymentIntents()).toHaveLength(3);
  });

  it('charges nobody one unit short of the MOQ, lets every pledge go, tells each pledger and the builder, and edits the post', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 5, pledges: three });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    expect(await w.groupBuy()).toMatchObject({ status: 'not-met', pledgedUnits: 4 });
    expect((await w.pledges()).map((p) => p.status)).toEqual(['released', 'released', 'released']);
    expect(await w.paymentIntents()).toEqual([]);
    expect(await w.orders()).toEqual([]);
    for (const n of [1, 2, 3]) expect(w.dmsTo(buyer(n))).toEqual([expect.stringContaining('Nobody was charged')]);
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringContaining('closed short of its minimum: 4 units from 3 members, of 5 units')]);
    const edit = w.discord.entries.filter((e) => e.kind === 'edit' && e.channelId === CHANNEL).at(-1);
    expect(JSON.stringify(edit?.message)).toContain('short of its minimum: nobody was charged');
    expect(edit?.message.components).toEqual([]);
  });

  it('does nothing more when its task is delivered again, whichever way it went', async () => {
    for (const moq of [3, 5]) {
      const w = await closeWorld();
      const groupBuy = await w.seed({ moq, pledges: three });
      const task = closeTaskOf(groupBuy).payload;
      await closeGroupBuy(w.deps, task);
      await w.runCharging();
      const [dms, intents, stored] = [w.discord.entries.filter((e) => e.kind === 'dm').length, await w.paymentIntents(), await w.groupBuy()];
      w.advance(60_000);
      await closeGroupBuy(w.deps, task);
      await w.runCharging();
      expect(w.discord.entries.filter((e) => e.kind === 'dm')).toHaveLength(dms);
      expect(await w.paymentIntents()).toEqual(intents);
      expect(await w.groupBuy()).toEqual(stored);
    }
  });

  it('ignores the task of a close the builder moved later, and closes at the new time', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 3, pledges: three });
    const old = closeTaskOf(groupBuy).payload;
    const closesAt = new Date(w.now().getTime() + 86_400_000).toISOString();
    await w.store.update(groupBuyPath('gb65'), { closesAt, extended: { fromClosesAt: groupBuy.closesAt, at: w.now().toISOString() } });
    await closeGroupBuy(w.deps, old);
    await w.runCharging();
    expect((await w.groupBuy()).status).toBe('open');
    expect(await w.paymentIntents()).toEqual([]);
    const fresh = closeTaskOf({ groupBuyId: 'gb65', closesAt }).payload;
    // Before its time the new task is refused, to be run again by the queue.
    await expect(closeGroupBuy(w.deps, fresh)).rejects.toBeInstanceOf(TaskNotDueYet);
    w.advance(86_400_000);
    // At the new close, the settle window still runs: refused again until it has passed.
    await expect(closeGroupBuy(w.deps, fresh)).rejects.toBeInstanceOf(TaskNotDueYet);
    w.advance(60_000);
    await closeGroupBuy(w.deps, fresh);
    await w.runCharging();
    expect((await w.groupBuy()).status).toBe('funded');
  });
});
