import type { DiscordEmbed, DiscordMessage } from '../../ports';
import { clip, fitToDiscord } from '../rules/discord-limits';

const text = (n: number, c = 'x') => c.repeat(n);
type Component = Record<string, unknown>;
const rowsOf = (m: DiscordMessage) => m.components as Array<{ type: number; components: Component[] }>;

describe('fitting a message into Discord’s limits, part by part', () => {
  it('cuts before a whole emoji at the end, and keeps one that sits earlier in the text', () => {
    expect(clip('😀abcd', 4)).toBe('😀a…');
    expect(clip('a😀b', 3)).toBe('a…');
  });

  it('drops @everyone from a message’s own list of who it may ping, and keeps the rest of the list', () => {
    const fitted = fitToDiscord({ content: 'hi', allowed_mentions: { parse: ['everyone', 'users'], users: ['1'] } });
    expect(fitted.allowed_mentions).toEqual({ parse: ['users'], users: ['1'] });
  });

  it('cuts long content to 2,000 characters and keeps at most ten embeds', () => {
    const embeds = Array.from({ length: 11 }, (_, i) => ({ title: `t${i}` }));
    const fitted = fitToDiscord({ content: text(2_001), embeds });
    expect(fitted.content).toHaveLength(2_000);
    expect(fitted.embeds?.map((e) => e.title)).toEqual(embeds.slice(0, 10).map((e) => e.title));
  });

  it('cuts an embed’s title, description, footer and fields, and keeps at most 25 fields', () => {
    const embed: DiscordEmbed = {
      title: text(257),
      description: text(4_097),
      footer: { text: text(2_049) },
      fields: Array.from({ length: 26 }, () => ({ name: text(10), value: text(10) })),
    };
    // Alone over 6,000 in all, so the total cut also applies; check each part's own cut with a short embed.
    const fitted = fitToDiscord({ embeds: [{ ...embed, description: 'd', fields: [] }] }).embeds?.[0];
    expect(fitted?.title).toHaveLength(256);
    expect(fitted?.footer?.text).toHaveLength(2_048);
    const long = fitToDiscord({ embeds: [{ description: text(4_097) }] }).embeds?.[0];
    expect(long?.description).toHaveLength(4_096);
    const many = fitToDiscord({ embeds: [{ fields: embed.fields ?? [] }] }).embeds?.[0];
    expect(many?.fields).toHaveLength(25);
  });

  it('leaves an embed with no title, description or footer without them', () => {
    const fitted = fitToDiscord({ embeds: [{ url: 'https://c500.example' }] }).embeds?.[0];
    expect(fitted).toStrictEqual({ url: 'https://c500.example' });
  });

  it('cuts a long button label to 80 characters and leaves a button without a label without one', () => {
    const fitted = fitToDiscord({
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, custom_id: 'a', label: text(81) },
            { type: 2, style: 1, custom_id: 'b' },
          ],
        },
      ],
    });
    const [labelled, bare] = rowsOf(fitted)[0]?.components ?? [];
    expect(labelled).toEqual({ type: 2, style: 1, custom_id: 'a', label: `${text(79)}…` });
    expect(bare).toStrictEqual({ type: 2, style: 1, custom_id: 'b' });
  });

  it('cuts a select menu’s placeholder and its options’ labels and descriptions, but never their values', () => {
    const fitted = fitToDiscord({
      components: [
        {
          type: 1,
          components: [
            {
              type: 3,
              custom_id: 'pick',
              placeholder: text(151),
              options: [{ label: text(101), value: text(101, 'v'), description: text(101, 'd') }, { value: 'bare' }],
            },
          ],
        },
      ],
    });
    expect(rowsOf(fitted)[0]?.components[0]).toStrictEqual({
      type: 3,
      custom_id: 'pick',
      placeholder: `${text(149)}…`,
      options: [{ label: `${text(99)}…`, value: text(101, 'v'), description: `${text(99, 'd')}…` }, { value: 'bare' }],
    });
  });

  it('leaves a select menu without a placeholder or options as it was', () => {
    const select = { type: 5, custom_id: 'who' };
    expect(rowsOf(fitToDiscord({ components: [{ type: 1, components: [select] }] }))[0]?.components[0]).toStrictEqual(select);
  });

  it('leaves a placeholder on anything that is not a select menu alone', () => {
    const odd = [
      { type: 2, style: 1, custom_id: 'b', placeholder: text(200) },
      { custom_id: 'c', placeholder: text(200) },
    ];
    expect(rowsOf(fitToDiscord({ components: [{ type: 1, components: odd }] }))[0]?.components).toStrictEqual(odd);
  });
});

describe('fitting embeds into 6,000 characters in all', () => {
  it('cuts the last embed’s description first, just enough to fit', () => {
    const fitted = fitToDiscord({ embeds: [{ description: text(4_000, 'a') }, { description: text(4_000, 'b') }] });
    expect(fitted.embeds?.map((e) => e.description?.length)).toEqual([4_000, 2_000]);
    expect(fitted.embeds?.[1]?.description).toBe(`${text(1_999, 'b')}…`);
  });

  it('passes over an embed without a description to cut the one before it', () => {
    const fitted = fitToDiscord({ embeds: [{ description: text(4_000, 'a') }, { description: text(4_000, 'b') }, { title: 't' }] });
    expect(fitted.embeds).toStrictEqual([{ description: text(4_000, 'a') }, { description: `${text(1_998, 'b')}…` }, { title: 't' }]);
  });

  it('leaves embeds within 6,000 in all as they were', () => {
    const embeds = [{ description: text(3_000) }, { description: text(2_999), title: 't' }];
    expect(fitToDiscord({ embeds }).embeds).toStrictEqual(embeds);
  });

  it('counts titles, footers, field names and values towards the total', () => {
    const fitted = fitToDiscord({
      embeds: [
        { description: text(3_000, 'a') },
        { title: text(200), footer: { text: text(1_000) }, fields: [{ name: text(200), value: text(1_000) }], description: text(1_000, 'b') },
      ],
    });
    // 3,000 + 200 + 1,000 + 1,200 + 1,000 = 6,400: 400 over, taken from the last description.
    expect(fitted.embeds?.[1]?.description).toHaveLength(600);
    expect(fitted.embeds?.[0]?.description).toHaveLength(3_000);
  });

  it('drops the fields of the last embeds once the descriptions are down to an ellipsis, and no more of them than it needs', () => {
    const field = { name: 'n', value: text(1_024) };
    const fitted = fitToDiscord({
      embeds: [
        { description: text(500), footer: { text: text(873) }, fields: Array.from({ length: 5 }, () => field) },
        { description: text(10), fields: [field, field] },
      ],
    });
    // 8,558 in all: 2,558 over; the descriptions give 508, the last embed's fields the other 2,050 exactly.
    expect(fitted.embeds).toStrictEqual([
      { description: '…', footer: { text: text(873) }, fields: Array.from({ length: 5 }, () => field) },
      { description: '…', fields: [] },
    ]);
  });

  it('drops the fields of the first embed too when the last one’s are not enough', () => {
    const field = { name: 'n', value: text(1_024) };
    const fitted = fitToDiscord({
      embeds: [{ fields: Array.from({ length: 5 }, () => field) }, { fields: Array.from({ length: 2 }, () => field) }],
    });
    // 7,175 in all: dropping the last embed's 2,050 is enough.
    expect(fitted.embeds?.map((e) => e.fields?.length)).toEqual([5, 0]);
    const heavier = fitToDiscord({
      embeds: [{ fields: Array.from({ length: 5 }, () => field) }, { fields: [field] }, { fields: Array.from({ length: 5 }, () => field) }],
    });
    expect(heavier.embeds?.map((e) => e.fields?.length)).toEqual([5, 0, 0]);
    const firstToo = fitToDiscord({
      embeds: [{ fields: Array.from({ length: 25 }, () => field) }, { fields: [field] }],
    });
    expect(firstToo.embeds?.map((e) => e.fields?.length)).toEqual([0, 0]);
  });

  it('drops the fields too when cutting the description leaves the embeds a single character over', () => {
    const fields = Array.from({ length: 5 }, () => ({ name: text(176), value: text(1_024) }));
    // 6,010 in all: the description gives 9 of the 10 over, so the fields must go as well.
    expect(fitToDiscord({ embeds: [{ description: text(10), fields }] }).embeds).toStrictEqual([{ description: '…', fields: [] }]);
  });

  it('counts only what dropping an embed’s fields gave back, so a titled embed’s fields are not enough on their own', () => {
    const fields = Array.from({ length: 5 }, () => ({ name: text(156), value: text(1_024) }));
    // 7,125 in all: the last embed's fields give 1,025 of the 1,125 over; the first embed's fields go too.
    const fitted = fitToDiscord({ embeds: [{ fields }, { title: text(200), fields: [{ name: 'n', value: text(1_024) }] }] });
    expect(fitted.embeds).toStrictEqual([{ fields: [] }, { title: text(200), fields: [] }]);
  });
});
