/**
 * An interest check's post in each of its states: open with its three buttons; opened as a
 * group buy, "Now open" with the link to the group buy's post; ended unopened, saying so. Once
 * it takes no interest its buttons are gone, and a press on an old one hears why. Then the
 * builder's list of who is interested, and the DM each interested member gets when it opens.
 */
import type { DiscordMessage } from '../../ports';
import type { Interest, InterestCheck } from '../rules/interest-check';
import { interestAnswers, interestList, interestPost, openedDm } from '../rules/interest-messages';
import { anInterestCheck } from './group-buy-fixture';

const check: InterestCheck = anInterestCheck();
const converted: InterestCheck = { ...check, status: 'converted', groupBuyId: 'gb12cd34', convertedAt: '2026-12-05T12:00:00.000Z' };
const ended: InterestCheck = { ...check, status: 'ended', endedAt: '2026-12-31T12:00:00.000Z' };
const groupBuyPost = { channelId: '910000000000000002', messageId: '920000000000000001' };
const link = 'https://discord.com/channels/900000000000000001/910000000000000002/920000000000000001';

const embedOf = (message: DiscordMessage) => (message.embeds ?? [])[0] ?? {};
const buttonsOf = (message: DiscordMessage) =>
  (message.components as Array<{ components: Array<{ label: string; custom_id?: string; style: number }> }>).flatMap((row) => row.components);

describe('an interest check’s post', () => {
  it('while open, counts so far and carries Interested, Not interested and Who’s interested for this check', () => {
    const post = interestPost(check);
    expect(buttonsOf(post).map((b) => [b.label, b.custom_id, b.style])).toEqual([
      ['Interested', 'gbint:ab12cd34', 3],
      ['Not interested', 'gbnot:ab12cd34', 2],
      ['Who’s interested', 'gbwho:ab12cd34', 2],
    ]);
    expect(embedOf(post).title).toBe('👀 Interest check: GMK Olivia');
    expect(embedOf(post).description).toContain('Interested so far: **2 people**, **5 units** of 50.');
    expect(embedOf(post).description).toContain('Press **Interested**');
    expect(embedOf(post).footer).toEqual({ text: 'Interest check ab12cd34' });
    expect(post.allowed_mentions).toEqual({ parse: [] });
  });

  it('once opened, says "Now open" with the link to the group buy’s post, names the group buy, and has no buttons', () => {
    const post = interestPost(converted, groupBuyPost);
    expect(embedOf(post).description).toContain(`**Now open:** ${link}.`);
    expect(embedOf(post).description).toContain('Interested: **2 people**, **5 units** of 50.');
    expect(embedOf(post).description).not.toContain('Press **Interested**');
    expect(embedOf(post).footer).toEqual({ text: 'Interest check ab12cd34 · group buy gb12cd34' });
    expect(post.components).toEqual([]);
  });

  it('once opened, before the group buy’s post is known, names the group buy instead of a link', () => {
    const post = interestPost(converted, { channelId: groupBuyPost.channelId });
    expect(embedOf(post).description).toContain('**Now open:** group buy `gb12cd34`.');
    expect(embedOf(post).description).not.toContain('https://');
    expect(interestPost(converted).components).toEqual([]);
  });

  it('once ended, says when and that who was interested is no longer kept, with no buttons', () => {
    const post = interestPost(ended);
    expect(embedOf(post).title).toBe('👀 Interest check (ended): GMK Olivia');
    expect(embedOf(post).description).toContain(`ended <t:${Date.parse('2026-12-31T12:00:00.000Z') / 1000}:D> without opening`);
    expect(embedOf(post).description).toContain('no longer kept');
    expect(embedOf(post).footer).toEqual({ text: 'Interest check ab12cd34' });
    expect(post.components).toEqual([]);
    expect(embedOf(interestPost({ ...ended, endedAt: undefined } as InterestCheck)).description).toContain('This interest check ended without opening');
  });

  it('answers a press on an old button with where the group buy is, or that the check ended', () => {
    expect(interestAnswers.closed(converted)).toMatchObject({ flags: 64, content: expect.stringContaining('opened as a group buy (`gb12cd34`)') });
    expect(interestAnswers.closed(ended)).toMatchObject({ flags: 64, content: expect.stringContaining('has ended') });
  });
});

describe('an interest check’s post, whatever its state', () => {
  it('shows the description first and the picture, when the builder gave them', () => {
    const post = interestPost({ ...check, description: 'Cherry profile, 8 kits.', imageUrl: 'https://img.example/olivia.png' });
    expect(embedOf(post).description?.split('\n\n')[0]).toBe('Cherry profile, 8 kits.');
    expect(embedOf(post).image).toEqual({ url: 'https://img.example/olivia.png' });
    const bare = interestPost(check);
    expect(embedOf(bare).description?.split('\n\n')[0]).toMatch(/^\*\*\$120\.00\*\* a unit expected/);
    expect(embedOf(bare)).not.toHaveProperty('image');
  });

  it('names a group buy in its footer only once opened as one, and only when it knows which', () => {
    expect(embedOf(interestPost({ ...check, groupBuyId: 'gb12cd34' })).footer).toEqual({ text: 'Interest check ab12cd34' });
    const unknown = { ...converted, groupBuyId: undefined } as unknown as InterestCheck;
    expect(embedOf(interestPost(unknown)).footer).toEqual({ text: 'Interest check ab12cd34' });
    expect(embedOf(interestPost(unknown)).description).toContain('**Now open:** group buy ``.');
    expect(interestAnswers.closed(unknown).content).toContain('(``)');
  });
});

describe('the builder’s list of who is interested', () => {
  const one = (n: number, quantity: number, memberName = `Member ${n}`): Interest => ({
    checkId: 'ab12cd34',
    memberId: `82100000000000${String(n).padStart(4, '0')}`,
    memberName,
    quantity,
    at: new Date(Date.parse('2026-12-01T12:00:00.000Z') + n * 1000).toISOString(),
    byInteraction: String(n),
  });

  it('says nobody is interested yet when nobody is', () => {
    expect(interestList(check, [], 20)).toMatchObject({
      flags: 64,
      content: expect.stringContaining('Nobody has said they’re interested in **GMK Olivia** yet'),
    });
  });

  it('lists most units first, the earlier first at equal units, with names stripped of what Discord would format', () => {
    const list = interestList(check, [one(1, 1), one(2, 3, '*Ann*_`~|\\<@everyone>'), one(3, 1)], 20).content ?? '';
    const lines = list.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toEqual([
      `• <@821000000000000002> (Anneveryone): 3 units`,
      `• <@821000000000000001> (Member 1): 1 unit`,
      `• <@821000000000000003> (Member 3): 1 unit`,
    ]);
    expect(list).toContain('**GMK Olivia**: 2 people, 5 units of the 50 you need.');
    expect(list).toContain('/groupbuy start from:ab12cd34');
    expect(list).not.toContain('more.');
  });

  it('lists at most as many as it is told, and says how many more there are', () => {
    const many = Array.from({ length: 22 }, (_, i) => one(i + 1, 1));
    const list = interestList(check, many, 20).content ?? '';
    expect(list.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(20);
    expect(list).toContain('\n…and 2 people more.');
    const exactly = interestList(check, many.slice(0, 20), 20).content ?? '';
    expect(exactly.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(20);
    expect(exactly).not.toContain('more.');
  });
});

describe('the DM each interested member gets when the check opens', () => {
  it('links the group buy’s post in words and with a button, and pings nobody', () => {
    const dm = openedDm(check, 'GMK Olivia', link);
    expect(dm.content).toContain(`Join here: ${link}`);
    expect(dm.content).toContain('by <@811000000000000651>');
    expect(JSON.stringify(dm.components)).toContain(link);
    expect(dm.allowed_mentions).toEqual({ parse: [] });
  });

  it('says where to join only when the post is known', () => {
    const dm = openedDm(check, 'GMK Olivia', undefined);
    expect(dm.content).not.toContain('Join here');
    expect(dm).not.toHaveProperty('components');
  });
});
