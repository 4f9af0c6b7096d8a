/**
 * A group buy's start against the embedded store, Discord's outbox and a recorded task queue:
 * typed in full, or opened from an interest check in one step (what the check said taken
 * unless typed, the check converted, everyone interested told once); every term checked with
 * a clear answer; its close a named task; delivered twice, it opens, posts and tells once.
 */
import type { DiscordMessage } from '../../ports';
import { command, modalSubmit } from '../../../test/support/interactions';
import { shippingProfilePath } from '../../shipping';
import { postInterestCheck } from '../use-cases/post-interest-check';
import { markInterest } from '../use-cases/mark-interest';
import { startGroupBuy } from '../use-cases/start-group-buy';
import { groupBuyPath } from '../rules/group-buy';
import { interestCheckPath } from '../rules/interest-check';
import { builder, groupBuyDeps, members } from './group-buy-deps';
import { RecordedTasks } from './recorded-tasks';

const [ann, ben, cat] = members;
const start = (options: Record<string, string | number>, userId = builder) => command({ name: 'groupbuy', path: ['start'], options, userId });
const full = { title: 'Tofu65 e-white', price: 250, moq: 3, closes: '14d', ships: '2027-06' };
const idOf = (answer: DiscordMessage) => /Group buy `([0-9a-z]{8})`/.exec(answer.content ?? '')?.[1] as string;
const textOf = (message: DiscordMessage | undefined) =>
  [message?.content ?? '', ...(message?.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n');

async function world() {
  const tasks = new RecordedTasks();
  const { deps, advance } = await groupBuyDeps(tasks);
  return { deps, tasks, advance, posts: () => deps.discord.entries.filter((e) => e.kind === 'channel') };
}

describe('a group buy’s start', () => {
  it('opens once with Join and Leave, the price, progress to its MOQ, the time left, the ship estimate and the refund terms, and schedules its close by name', async () => {
    const w = await world();
    const interaction = start({ ...full, tranches: '30% at parts-in', cap: 10 });
    const answer = await startGroupBuy(w.deps, interaction);
    await startGroupBuy(w.deps, interaction);
    const groupBuyId = idOf(answer);
    expect(w.posts()).toHaveLength(1);
    const post = w.posts()[0]?.message;
    const text = textOf(post);
    for (const words of ['$250.00', '`░░░░░░░░░░` **0 / 3 units**', 'Closes <t:', ':R>', 'estimated June 2027', '30% at parts-in'])
      expect(text).toContain(words);
    expect(text).toContain('Nothing is charged unless the minimum is reached by the close. Leave free any time before the close.');
    expect(text).toContain('If it has not shipped by the end of June 2027, you may ask for a refund of what was not yet sent to the builder.');
    expect(JSON.stringify(post?.components)).toContain(`"custom_id":"gbjoin:${groupBuyId}"`);
    expect(JSON.stringify(post?.components)).toContain(`"custom_id":"gbleave:${groupBuyId}"`);
    const groupBuy = await w.deps.store.get(groupBuyPath(groupBuyId));
    expect(groupBuy).toMatchObject({ status: 'open', priceCents: 25_000, moq: 3, cap: 10, pledgedUnits: 0, pledgers: 0, shipsMonth: '2027-06' });
    expect(groupBuy?.tranches).toEqual([
      { milestone: 'parts-in', percent: 30 },
      { milestone: 'done', percent: 70 },
    ]);
    const closesAtMs = Date.parse(groupBuy?.closesAt ?? '');
    expect([...w.tasks.named.keys()]).toEqual([`groupbuy-close-${groupBuyId}-${closesAtMs}`]);
    expect(w.tasks.named.get(`groupbuy-close-${groupBuyId}-${closesAtMs}`)).toMatchObject({ queue: 'groupbuy-close', payload: { groupBuyId, closesAtMs } });
  });

  it.each([
    ['a price of zero', { ...full, price: 0 }, '`price`'],
    ['an MOQ of zero', { ...full, moq: 0 }, '`moq` is a whole number of units from 1 to 10,000'],
    ['a cap below the MOQ', { ...full, cap: 2 }, 'The cap (2) is below the MOQ (3)'],
    ['a window shorter than an hour', { ...full, closes: '30m' }, 'at least an hour'],
    ['a window longer than 60 days', { ...full, closes: '61d' }, 'at most 60 days'],
    ['a window that is not a duration', { ...full, closes: 'soon' }, 'isn’t a duration'],
    ['a ship month before the close’s month', { ...full, closes: '45d', ships: '2026-12' }, 'It can’t ship before it closes'],
    ['a ship month more than two years out', { ...full, ships: '2029-01' }, 'at most 24 months from now'],
    ['a ship month that is not YYYY-MM', { ...full, ships: 'June' }, 'a month written `YYYY-MM`'],
    ['a tranche at no milestone', { ...full, tranches: '30% at soon' }, 'isn’t a milestone'],
    ['no title and no check to take it from', { closes: '14d', ships: '2027-06', price: 10, moq: 2 }, 'Say what it is'],
  ])('refuses %s, saying what to type instead', async (_what, options, problem) => {
    const w = await world();
    const answer = await startGroupBuy(w.deps, start(options));
    expect(answer).toMatchObject({ flags: 64, content: expect.stringContaining(problem) });
    expect(w.posts()).toHaveLength(0);
    expect(w.tasks.named.size).toBe(0);
  });

  it('refuses a member who does not sell on C500', async () => {
    const w = await world();
    expect((await startGroupBuy(w.deps, start(full, ann))).content).toContain('Only a builder who sells on C500');
  });

  it('keeps the builder’s shipping profile, when they have one here', async () => {
    const w = await world();
    await w.deps.store.set(shippingProfilePath('900000000000000001', builder), {
      guildId: '900000000000000001',
      builderId: builder,
      currency: 'usd',
      homeCountry: 'US',
      to: ['CA', 'US'],
      domesticCents: 800,
      handlingDays: 3,
      updatedAt: '2026-11-01T00:00:00Z',
    });
    const groupBuyId = idOf(await startGroupBuy(w.deps, start(full)));
    expect((await w.deps.store.get(groupBuyPath(groupBuyId)))?.shippingProfileId).toBe(`900000000000000001:${builder}`);
  });
});

describe('a group buy opened from an interest check', () => {
  async function checked() {
    const w = await world();
    const posted = await postInterestCheck(
      w.deps,
      command({
        name: 'groupbuy',
        path: ['interest'],
        options: { title: 'GMK Olivia', price: 120, moq: 3, image: 'https://img.example/olivia.png' },
        userId: builder,
      }),
    );
    const checkId = /`([0-9a-z]{8})`/.exec(posted.content ?? '')?.[1] as string;
    for (const [member, quantity] of [
      [ann, '1'],
      [ben, '1'],
      [cat, '1'],
    ] as const)
      await markInterest(w.deps, modalSubmit(`gbiq:${checkId}`, { quantity }, member));
    return { ...w, checkId };
  }

  it('takes the title, price, MOQ and picture from the check, converts it, and tells everyone interested once, with a link to the post', async () => {
    const w = await checked();
    const interaction = start({ from: w.checkId, closes: '7d', ships: '2027-03' });
    const answer = await startGroupBuy(w.deps, interaction);
    await startGroupBuy(w.deps, interaction);
    const groupBuyId = idOf(answer);
    expect(answer.content).toContain('The 3 people interested in check');
    const groupBuy = await w.deps.store.get(groupBuyPath(groupBuyId));
    expect(groupBuy).toMatchObject({ title: 'GMK Olivia', priceCents: 12_000, moq: 3, imageUrl: 'https://img.example/olivia.png', fromCheckId: w.checkId });
    expect(await w.deps.store.get(interestCheckPath(w.checkId))).toMatchObject({ status: 'converted', groupBuyId });
    const dms = w.deps.discord.entries.filter((e) => e.kind === 'dm');
    expect(dms.map((d) => d.userId).sort()).toEqual([ann, ben, cat].sort());
    const link = `https://discord.com/channels/900000000000000001/910000000000000001/${groupBuy?.messageId}`;
    expect(dms.every((d) => (d.message.content ?? '').includes(link))).toBe(true);
    const checkPost = w.deps.discord.entries.filter((e) => e.kind === 'edit' && e.messageId !== groupBuy?.messageId).at(-1)?.message;
    expect(textOf(checkPost)).toContain(`**Now open:** ${link}`);
    expect(checkPost?.components).toEqual([]);
  });

  it('takes what is typed over what the check said', async () => {
    const w = await checked();
    const groupBuyId = idOf(await startGroupBuy(w.deps, start({ from: w.checkId, closes: '7d', ships: '2027-03', price: 110, moq: 5, cap: 8 })));
    expect(await w.deps.store.get(groupBuyPath(groupBuyId))).toMatchObject({ title: 'GMK Olivia', priceCents: 11_000, moq: 5, cap: 8 });
  });

  it('refuses a check that already opened, one of another builder, and one that does not exist', async () => {
    const w = await checked();
    await startGroupBuy(w.deps, start({ from: w.checkId, closes: '7d', ships: '2027-03' }));
    expect((await startGroupBuy(w.deps, start({ from: w.checkId, closes: '7d', ships: '2027-03' }))).content).toContain('already opened as group buy');
    expect((await startGroupBuy(w.deps, start({ from: 'zzzzzzzz', closes: '7d', ships: '2027-03' }))).content).toContain('no interest check `zzzzzzzz`');
    const w2 = await checked();
    await w2.deps.store.set(interestCheckPath(w2.checkId), { builderId: ann }, { merge: true });
    expect((await startGroupBuy(w2.deps, start({ from: w2.checkId, closes: '7d', ships: '2027-03' }))).content).toContain('no interest check');
  });
});
