/**
 * An interest check against the embedded store and Discord's outbox: the builder posts it,
 * members say how many they would buy (changing it by pressing again, taking it back with
 * Not interested), the post counts people and units as they come, and the builder alone reads
 * who. Each step run twice, as at-least-once delivery runs it, counts once.
 */
import type { DiscordMessage } from '../../ports';
import { buttonPress, command, modalSubmit } from '../../../test/support/interactions';
import { postInterestCheck } from '../use-cases/post-interest-check';
import { markInterest, withdrawInterest } from '../use-cases/mark-interest';
import { listInterest } from '../use-cases/list-interest';
import { interestCheckPath, interestPath } from '../rules/interest-check';
import { builder, groupBuyDeps, members, onPost } from './group-buy-deps';
import { RecordedTasks } from './recorded-tasks';

const [ann, ben, cat] = members;

async function world() {
  const { deps } = await groupBuyDeps(new RecordedTasks());
  const post = command({ name: 'groupbuy', path: ['interest'], options: { title: 'GMK Olivia', price: 120, moq: 50 }, userId: builder });
  const posted = await postInterestCheck(deps, post);
  const checkId = /`([0-9a-z]{8})`/.exec(posted.content ?? '')?.[1] as string;
  const interested = (member: string, quantity: string) => markInterest(deps, modalSubmit(`gbiq:${checkId}`, { quantity }, member));
  const check = async () => deps.store.get(interestCheckPath(checkId));
  const lastPost = () => deps.discord.entries.filter((e) => e.messageId !== undefined || e.kind === 'channel').at(-1)?.message as DiscordMessage;
  return { deps, post, checkId, interested, check, lastPost };
}

const textOf = (message: DiscordMessage) =>
  [message.content ?? '', ...(message.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n');

describe('an interest check', () => {
  it('is posted once with Interested, Not interested and Who’s interested, however often its command is delivered', async () => {
    const w = await world();
    await postInterestCheck(w.deps, w.post);
    const posts = w.deps.discord.entries.filter((e) => e.kind === 'channel');
    expect(posts).toHaveLength(1);
    const labels = (posts[0]?.message.components as Array<{ components: Array<{ label: string }> }>)[0]?.components.map((c) => c.label);
    expect(labels).toEqual(['Interested', 'Not interested', 'Who’s interested']);
    expect(textOf(posts[0]?.message as DiscordMessage)).toContain('$120.00');
    expect((await w.check())?.messageId).toEqual(expect.any(String));
  });

  it('refuses a member who does not sell on C500, and a price with three decimals, saying what to type', async () => {
    const { deps } = await groupBuyDeps(new RecordedTasks());
    const by = (userId: string, price: number) => command({ name: 'groupbuy', path: ['interest'], options: { title: 'Keys', price, moq: 5 }, userId });
    expect((await postInterestCheck(deps, by(ann, 120))).content).toContain('Only a builder who sells on C500');
    expect((await postInterestCheck(deps, by(builder, 1.234))).content).toContain('`price`');
  });

  it('counts people and units as members say how many, and edits the post to show it', async () => {
    const w = await world();
    expect((await w.interested(ann, '2')).content).toContain('down for **2 units**');
    await w.interested(ben, '1');
    expect(await w.check()).toMatchObject({ interestedPeople: 2, interestedUnits: 3 });
    expect(textOf(w.lastPost())).toContain('**2 people**, **3 units** of 50');
  });

  it('changes a member’s quantity when they press again, counting them once', async () => {
    const w = await world();
    await w.interested(ann, '2');
    expect((await w.interested(ann, '5')).content).toContain('Changed: you’re down for **5 units**');
    expect(await w.check()).toMatchObject({ interestedPeople: 1, interestedUnits: 5 });
  });

  it('counts a redelivered submission once', async () => {
    const w = await world();
    const submit = modalSubmit(`gbiq:${w.checkId}`, { quantity: '3' }, ann);
    await markInterest(w.deps, submit);
    await markInterest(w.deps, submit);
    expect(await w.check()).toMatchObject({ interestedPeople: 1, interestedUnits: 3 });
  });

  it('refuses a quantity of zero or more than the most a member may take, and the builder’s own interest', async () => {
    const w = await world();
    expect((await w.interested(ann, '0')).content).toContain('whole number from 1 to 20');
    expect((await w.interested(ann, '21')).content).toContain('whole number from 1 to 20');
    expect((await w.interested(builder, '1')).content).toContain('your own interest check');
    expect(await w.check()).toMatchObject({ interestedPeople: 0, interestedUnits: 0 });
  });

  it('takes a member’s interest back with Not interested, and says so when there was none', async () => {
    const w = await world();
    await w.interested(ann, '2');
    await w.interested(ben, '1');
    expect((await withdrawInterest(w.deps, buttonPress(`gbnot:${w.checkId}`, ann, onPost))).content).toContain('Taken back');
    expect(await w.deps.store.get(interestPath(w.checkId, ann))).toBeUndefined();
    expect(await w.check()).toMatchObject({ interestedPeople: 1, interestedUnits: 1 });
    expect((await withdrawInterest(w.deps, buttonPress(`gbnot:${w.checkId}`, cat, onPost))).content).toContain('nothing to take back');
    expect(textOf(w.lastPost())).toContain('**1 person**, **1 unit** of 50');
  });

  it('takes nothing back for a press claiming another channel of the server', async () => {
    const w = await world();
    await w.interested(ann, '2');
    const elsewhere = await withdrawInterest(w.deps, buttonPress(`gbnot:${w.checkId}`, ann, { channelId: '910000000000000099' }));
    expect(elsewhere.content).toBe('That interest check is not here any more.');
    expect(await w.check()).toMatchObject({ interestedPeople: 1, interestedUnits: 2 });
  });

  it('shows the builder alone who is interested, with names and quantities; anyone else is refused', async () => {
    const w = await world();
    await w.interested(ann, '2');
    await w.interested(ben, '4');
    const list = await listInterest(w.deps, buttonPress(`gbwho:${w.checkId}`, builder, onPost));
    expect(list.flags).toBe(64);
    expect(list.content).toMatch(new RegExp(`<@${ben}> \\(User \\d{4}\\): 4 units\\n• <@${ann}> \\(User \\d{4}\\): 2 units`));
    const refused = await listInterest(w.deps, buttonPress(`gbwho:${w.checkId}`, cat, onPost));
    expect(refused).toMatchObject({ flags: 64, content: expect.stringContaining('Only the builder who posted this interest check') });
  });
});
