/**
 * What `/c500 live mode:groupbuy:<id> milestone:<m>` refuses, in plain words and changing
 * nothing: a group buy of another server or none, another builder's, one not funded yet (still
 * open, or still charging), a step at or before the last proved, and a step while the last one
 * still reaches its orders.
 */
import { groupBuyPath, type GroupBuyStatus } from '../../groupbuys';
import { fundedWorld } from './group-buy-proof-world';

describe('proving a group buy’s milestone, refused', () => {
  it('reads another server’s group buy, or none, as none there', async () => {
    const w = await fundedWorld(1);
    expect((await w.prove('parts-in', 'i1', 'gb65', '900000000000000099')).content).toContain('There is no group buy `gb65` in this server.');
    expect((await w.prove('parts-in', 'i2', 'zzzzzzzz')).content).toContain('There is no group buy `zzzzzzzz` in this server.');
    expect((await w.groupBuy()).milestones).toBeUndefined();
    expect(w.milestoneTasks()).toEqual([]);
  });

  it('leaves another builder’s group buy alone', async () => {
    const w = await fundedWorld(1);
    await w.store.update(groupBuyPath('gb65'), { builderId: '800000000000000099' });
    expect((await w.prove('parts-in', 'i1')).content).toContain('is another builder’s group buy: only its builder proves its production.');
    expect((await w.groupBuy()).milestones).toBeUndefined();
  });

  it.each<[GroupBuyStatus, string]>([
    ['open', 'is still open until'],
    ['charging', 'is not funded yet: its pledges are still being charged, or some buyers have a pay link still open.'],
    ['not-met', 'was never funded (its minimum was not met): nobody was charged'],
    ['cancelled', 'was never funded (called off)'],
  ])('waits for a %s group buy to be funded', async (status, words) => {
    const w = await fundedWorld(1);
    await w.store.update(groupBuyPath('gb65'), { status });
    expect((await w.prove('parts-in', 'i1')).content).toContain(words);
    expect((await w.groupBuy()).milestones).toBeUndefined();
    expect(w.milestoneTasks()).toEqual([]);
  });

  it('never goes back a step, nor proves one twice, naming the steps still to prove', async () => {
    const w = await fundedWorld(1);
    await w.prove('assembly', 'i1');
    await w.runBatches();
    expect((await w.prove('parts-in', 'i2')).content).toContain('**parts-in** can’t be proved now: **assembly** was proved for **Tofu65 case** (`gb65`)');
    expect((await w.prove('assembly', 'i3')).content).toContain('Prove a later one: `sound-test`, `done`.');
    expect((await w.groupBuy()).milestones?.map((m) => m.milestone)).toEqual(['assembly']);
  });

  it('proves the next step only once the last has reached every order', async () => {
    const w = await fundedWorld(1);
    await w.prove('parts-in', 'i1');
    expect((await w.prove('assembly', 'i2')).content).toContain('**parts-in** is still reaching the orders of **Tofu65 case** (`gb65`).');
    await w.runBatches();
    expect((await w.prove('assembly', 'i3')).content).toContain('✅ **assembly** proved live');
    expect((await w.groupBuy()).milestones?.map((m) => [m.milestone, m.byInteraction])).toEqual([
      ['parts-in', 'i1'],
      ['assembly', 'i3'],
    ]);
  });
});
