/**
 * An interest check ends on its own: opened as a group buy, its post says "Now open" with the
 * group buy's link and loses its buttons; never opened, its end (a named task armed at its
 * posting) comes 30 days on, and its post says it ended. Either way who was interested, kept
 * only for the check's job, is deleted then.
 */
import type { DiscordMessage } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { buttonPress, command, modalSubmit } from '../../../test/support/interactions';
import { postInterestCheck } from '../use-cases/post-interest-check';
import { markInterest } from '../use-cases/mark-interest';
import { listInterest } from '../use-cases/list-interest';
import { startGroupBuy } from '../use-cases/start-group-buy';
import { runGroupBuyTask } from '../use-cases/run-group-buy-task';
import type { GroupBuyCloseDeps } from '../use-cases/close-deps';
import { interestCheckPath, interestCollection } from '../rules/interest-check';
import { parseGroupBuyTask, type GroupBuyTask } from '../rules/charge-tasks';
import { groupBuyPath } from '../rules/group-buy';
import { builder, groupBuyDeps, members, onPost } from './group-buy-deps';
import { RecordedTasks } from './recorded-tasks';

const [ann, ben] = members;
const day = 86_400_000;

async function world() {
  const tasks = new RecordedTasks();
  const { deps, advance } = await groupBuyDeps(tasks);
  const post = command({ name: 'groupbuy', path: ['interest'], options: { title: 'GMK Olivia', price: 120, moq: 50 }, userId: builder });
  const posted = await postInterestCheck(deps, post);
  const checkId = /`([0-9a-z]{8})`/.exec(posted.content ?? '')?.[1] as string;
  await markInterest(deps, modalSubmit(`gbiq:${checkId}`, { quantity: '2' }, ann));
  await markInterest(deps, modalSubmit(`gbiq:${checkId}`, { quantity: '3' }, ben));
  const endTask = () => tasks.named.get(`interest-check-end-${checkId}`);
  // Only the store, Discord and the clock are read by an interest check's end, whichever function's task it rides.
  const runEnd = () => runGroupBuyTask(deps as unknown as GroupBuyCloseDeps, parseGroupBuyTask(endTask()?.payload) as GroupBuyTask);
  const check = () => deps.store.get(interestCheckPath(checkId));
  const interest = async () => (await deps.store.query(interestCollection(checkId))).map((d) => d.data.memberId);
  const checkPost = () => deps.discord.entries.filter((e) => e.kind === 'edit' && e.channelId === onPost.channelId).at(-1)?.message as DiscordMessage;
  return { deps, tasks, advance, post, checkId, endTask, runEnd, check, interest, checkPost };
}

const textOf = (message: DiscordMessage) => (message.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');

describe('an interest check never opened', () => {
  it('has its end armed at its posting, 30 days on, once however often its command is delivered', async () => {
    const w = await world();
    await postInterestCheck(w.deps, w.post);
    const ends = [...w.tasks.named.values()].filter((t) => t.name.startsWith('interest-check-end-'));
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ queue: 'groupbuy-close', payload: { checkId: w.checkId } });
    expect(ends[0]?.runAt.getTime()).toBe(Date.parse((await w.check())?.createdAt as string) + 30 * day);
  });

  it('is not ended before its time: the task is refused, to be run again', async () => {
    const w = await world();
    w.advance(30 * day - 1);
    await expect(w.runEnd()).rejects.toBeInstanceOf(TaskNotDueYet);
    expect(await w.check()).toMatchObject({ status: 'open' });
    expect(await w.interest()).toHaveLength(2);
  });

  it('ends at 30 days: the post says so without buttons, who was interested is deleted, the count stays', async () => {
    const w = await world();
    w.advance(30 * day);
    await w.runEnd();
    expect(await w.check()).toMatchObject({ status: 'ended', endedAt: w.deps.clock.now().toISOString(), interestedPeople: 2, interestedUnits: 5 });
    expect(await w.interest()).toEqual([]);
    const post = w.checkPost();
    expect(textOf(post)).toContain('Interest check (ended): GMK Olivia');
    expect(textOf(post)).toContain('ended');
    expect(textOf(post)).toContain('**2 people**, **5 units** of 50');
    expect(post.components).toEqual([]);
    // Delivered again, it changes nothing.
    await w.runEnd();
    expect(await w.check()).toMatchObject({ status: 'ended', endedAt: (await w.check())?.endedAt });
  });

  it('takes no interest after its end, and tells the builder who was interested is no longer kept', async () => {
    const w = await world();
    w.advance(30 * day);
    await w.runEnd();
    expect((await markInterest(w.deps, modalSubmit(`gbiq:${w.checkId}`, { quantity: '1' }, ann))).content).toContain('has ended');
    expect(await w.interest()).toEqual([]);
    expect((await listInterest(w.deps, buttonPress(`gbwho:${w.checkId}`, builder, onPost))).content).toContain('no longer kept');
  });
});

describe('an interest check opened as a group buy', () => {
  it('says "Now open" with the group buy post’s link, loses its buttons, and deletes who was interested once they are told', async () => {
    const w = await world();
    const started = await startGroupBuy(
      w.deps,
      command({ name: 'groupbuy', path: ['start'], options: { from: w.checkId, closes: '7d', ships: '2027-03' }, userId: builder }),
    );
    const groupBuyId = /Group buy `([0-9a-z]{8})`/.exec(started.content ?? '')?.[1] as string;
    const groupBuy = await w.deps.store.get(groupBuyPath(groupBuyId));
    expect(w.deps.discord.entries.filter((e) => e.kind === 'dm').map((e) => e.userId)).toEqual(expect.arrayContaining([ann, ben]));
    expect(await w.interest()).toEqual([]);
    const post = w.checkPost();
    expect(textOf(post)).toContain(`**Now open:** https://discord.com/channels/900000000000000001/${onPost.channelId}/${groupBuy?.messageId}`);
    expect(post.components).toEqual([]);
    // Its end, when it comes, finds it opened: it stays converted.
    w.advance(30 * day);
    await w.runEnd();
    expect(await w.check()).toMatchObject({ status: 'converted', groupBuyId });
    expect(textOf(w.checkPost())).toContain('**Now open:**');
  });
});
