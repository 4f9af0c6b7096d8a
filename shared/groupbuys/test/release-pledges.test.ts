/**
 * A close short of its MOQ lets every pledge go, a batch of DMs at a time: the close's own
 * task tells nobody, each batch tells at most 20 pledgers and arms the next, a batch that
 * fails midway is run again and tells nobody twice, and the builder hears once, after the last.
 */
import type { ScheduledTask } from '../../ports';
import { closeTaskOf, parseGroupBuyTask, releasePace, type GroupBuyTask } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { runGroupBuyTask } from '../use-cases/run-group-buy-task';
import { BUILDER, buyer, closeWorld, type CloseWorld } from './close-world';

const pledgers = Array.from({ length: 45 }, (_, i) => buyer(i + 1));
const releaseTasks = (w: CloseWorld) => w.scheduled.filter((t) => t.name.startsWith('groupbuy-release-'));
const dmsToPledgers = (w: CloseWorld) => w.discord.entries.filter((e) => e.kind === 'dm' && e.userId !== BUILDER).length;

async function run(w: CloseWorld, task: ScheduledTask | undefined): Promise<void> {
  if (!task) throw new Error('no task to run');
  w.advance(Math.max(0, task.runAt.getTime() - w.now().getTime()));
  await runGroupBuyTask(w.deps, parseGroupBuyTask(task.payload) as GroupBuyTask);
}

async function closedShort(): Promise<CloseWorld> {
  const w = await closeWorld();
  const groupBuy = await w.seed({
    moq: 100,
    pledges: [...pledgers.slice(0, 40).map((buyerId) => ({ buyerId })), ...pledgers.slice(40).map((buyerId) => ({ buyerId, status: 'waitlisted' as const }))],
  });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  return w;
}

describe('the pledges a close short of its MOQ lets go', () => {
  it('are told a batch at a time, none by the close’s own task, each pledger once and the builder after the last', async () => {
    const w = await closedShort();
    expect((await w.groupBuy()).status).toBe('not-met');
    expect(dmsToPledgers(w)).toBe(0);
    const told: number[] = [];
    for (let n = 1; n <= 4; n++) {
      const before = dmsToPledgers(w);
      await run(w, releaseTasks(w)[n - 1]);
      told.push(dmsToPledgers(w) - before);
      // The builder hears only once everyone who joined was told.
      expect(w.dmsTo(BUILDER)).toHaveLength(n === 4 ? 1 : 0);
    }
    expect(told).toEqual([releasePace.batchSize, releasePace.batchSize, 5, 0]);
    expect(releaseTasks(w).map((t) => t.name)).toEqual([1, 2, 3, 4].map((n) => `groupbuy-release-gb65-${n}`));
    // Each next batch a second after the last ended.
    const [, second, third] = releaseTasks(w);
    expect((third?.runAt.getTime() ?? 0) - (second?.runAt.getTime() ?? 0)).toBeGreaterThanOrEqual(releasePace.spacingMs);
    for (const buyerId of pledgers) expect(w.dmsTo(buyerId)).toEqual([expect.stringContaining('Nobody was charged')]);
    expect((await w.pledges()).every((p) => p.status === 'released' && p.releasedAt !== undefined)).toBe(true);
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringContaining('closed short of its minimum: 40 units from 40 members, of 100 units')]);
  });

  it('tells nobody twice when a batch fails midway (Discord’s 429) and is run again', async () => {
    const w = await closedShort();
    const sendDm = w.discord.sendDm.bind(w.discord);
    let calls = 0;
    w.discord.sendDm = async (userId, message) => {
      calls += 1;
      if (calls === 7) throw Object.assign(new Error('You are being rate limited.'), { status: 429 });
      return sendDm(userId, message);
    };
    await expect(run(w, releaseTasks(w)[0])).rejects.toThrow('rate limited');
    // Told so far, not let go yet: the pledges are the cursor, and the batch comes back whole.
    expect(dmsToPledgers(w)).toBe(6);
    expect((await w.pledges()).filter((p) => p.status === 'released')).toEqual([]);
    await run(w, releaseTasks(w)[0]);
    await w.runCharging();
    for (const buyerId of pledgers) expect(w.dmsTo(buyerId)).toHaveLength(1);
    expect(w.dmsTo(BUILDER)).toHaveLength(1);
  });

  it('leaves the rest to the next batch when a batch is delivered again after it armed it', async () => {
    const w = await closedShort();
    await run(w, releaseTasks(w)[0]);
    const [dms, armed] = [dmsToPledgers(w), releaseTasks(w).length];
    await run(w, releaseTasks(w)[0]);
    expect(dmsToPledgers(w)).toBe(dms);
    expect(releaseTasks(w)).toHaveLength(armed);
    expect((await w.groupBuy()).releaseBatchArmed).toBe(1);
  });

  it('starts again from the pledges when the close itself is delivered again, and tells nobody twice', async () => {
    const w = await closedShort();
    await w.runCharging();
    const dms = w.discord.entries.filter((e) => e.kind === 'dm').length;
    await closeGroupBuy(w.deps, closeTaskOf(await w.groupBuy()).payload);
    await w.runCharging();
    expect(w.discord.entries.filter((e) => e.kind === 'dm')).toHaveLength(dms);
  });
});
