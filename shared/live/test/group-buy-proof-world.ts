/**
 * What a group buy's milestone tests run on: the group buy module's close world (the embedded
 * store, the local Stripe, Discord's outbox, a clock and a queue the test runs), closed and
 * funded with its orders charged, the builder linked to Twitch and live, and a Twitch that
 * makes the command's clip at once. `prove` is `/c500 live mode:groupbuy` past the live check
 * go-live makes; `runBatches` runs the `groupbuy-milestone` tasks as Cloud Tasks would, each
 * name once, the clock moved to each.
 */
import type { TwitchClip, TwitchGateway } from '../../ports';
import { builderPath, type Builder, type TwitchLink } from '../../onboarding';
import type { Milestone } from '../../orders';
import { closeTaskOf } from '../../groupbuys';
import { closeGroupBuy } from '../../groupbuys/use-cases/close-group-buy';
import { BUILDER, GUILD, buyer, closeWorld } from '../../groupbuys/test/close-world';
import { parseMilestoneTask, type MilestoneTask } from '../rules/group-buy-fan-out';
import { proveGroupBuy } from '../use-cases/prove-group-buy';
import { runMilestoneBatch } from '../use-cases/fan-out-milestone';

export { BUILDER, GUILD, buyer };

const twitchLink: TwitchLink = { userId: 'tw65', login: 'gbkeebs', displayName: 'GB Keebs', linkedAt: '2026-11-01T00:00:00.000Z' };

/** Twitch as a streamer with clips on: each Create Clip made and listed at once. */
function clippingTwitch() {
  let made = 0;
  return {
    createClip: async () => ({ clipId: `Clip${++made}` }),
    clipById: async (clipId: string): Promise<TwitchClip> => ({
      clipId,
      url: `https://clips.twitch.tv/${clipId}`,
      broadcasterId: twitchLink.userId,
      createdAt: '',
    }),
    archivesOf: async () => [],
  } as Partial<TwitchGateway> as TwitchGateway;
}

/** A group buy of `pledgers` members (one unit each, $125.00, 30 % at parts-in), closed and funded. */
export async function fundedWorld(pledgers: number) {
  const w = await closeWorld();
  const groupBuy = await w.seed({ moq: 1, pledges: Array.from({ length: pledgers }, (_, i) => ({ buyerId: buyer(i + 1) })) });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  await w.deliver();
  if ((await w.groupBuy()).status !== 'funded') throw new Error('the group buy was not funded');
  await w.store.update(builderPath(BUILDER), { twitch: twitchLink });
  const builder = { ...((await w.store.get(builderPath(BUILDER))) as Builder), twitch: twitchLink };
  const deps = { ...w.deps, twitch: clippingTwitch(), clipWait: { everyMs: 1, forMs: 5 } };
  const ran = new Set<string>();

  const prove = (milestone: Milestone, interactionId: string, groupBuyId = 'gb65', guildId = GUILD) =>
    proveGroupBuy(deps, builder, { guildId, groupBuyId, milestone, interactionId }, { streamId: 'st65', startedAt: '2026-12-10T17:00:00.000Z' });

  const milestoneTasks = () => w.scheduled.filter((t) => t.queue === 'groupbuy-milestone');
  const taskOf = (name: string): MilestoneTask => {
    const task = parseMilestoneTask(milestoneTasks().find((t) => t.name === name)?.payload);
    if (!task) throw new Error(`no milestone task ${name}`);
    return task;
  };

  /** The milestone tasks due, in the order scheduled, the clock moved to each, until none is left. */
  async function runBatches(most = 100): Promise<number> {
    for (let count = 0; count <= most; count++) {
      const next = milestoneTasks().find((t) => !ran.has(t.name));
      if (!next) return count;
      w.advance(Math.max(0, next.runAt.getTime() - w.now().getTime()));
      await runMilestoneBatch(w.deps, taskOf(next.name));
      ran.add(next.name);
    }
    throw new Error('the milestone’s batches never end');
  }

  return { ...w, builder, prove, runBatches, milestoneTasks, taskOf, runBatch: (name: string) => runMilestoneBatch(w.deps, taskOf(name)) };
}

export type FundedWorld = Awaited<ReturnType<typeof fundedWorld>>;
