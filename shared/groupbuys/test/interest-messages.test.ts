/**
 * An interest check's post in each of its states: open with its three buttons; opened as a
 * group buy, "Now open" with the link to the group buy's post; ended unopened, saying so. Once
 * it takes no interest its buttons are gone, and a press on an old one hears why.
 */
import type { DiscordMessage } from '../../ports';
import type { InterestCheck } from '../rules/interest-check';
import { interestAnswers, interestPost } from '../rules/interest-messages';

const check: InterestCheck = {
  checkId: 'ab12cd34',
  guildId: '900000000000000001',
  channelId: '910000000000000001',
  builderId: '811000000000000651',
  builderName: 'Bo',
  title: 'GMK Olivia',
  priceCents: 12_000,
  currency: 'usd',
  moq: 50,
  status: 'open',
  interestedPeople: 2,
  interestedUnits: 5,
  byInteraction: '1',
  createdAt: '2026-12-01T12:00:00.000Z',
};
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
