import fc from 'fast-check';
import type { DiscordMessage } from '../../ports';
import { canPingEveryone, clip, discordLimitProblems, fitToDiscord } from '../rules/discord-limits';
import { auctionRefusals, parseAuctionStart } from '../../auctions';
import { dropRefusals } from '../../marketplace/rules/drop-messages';

const hostile = fc.string({ unit: 'grapheme', maxLength: 9_000 });
const message: fc.Arbitrary<DiscordMessage> = fc.record(
  {
    content: hostile,
    embeds: fc.array(
      fc.record(
        {
          title: hostile,
          description: hostile,
          fields: fc.array(fc.record({ name: hostile, value: hostile }), { maxLength: 30 }),
          footer: fc.record({ text: hostile }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 12 },
    ),
    components: fc.array(
      fc.record({
        type: fc.constant(1),
        components: fc.array(
          fc.record({ type: fc.constant(2), style: fc.constant(1), custom_id: fc.string({ minLength: 1, maxLength: 100 }), label: hostile }),
          {
            maxLength: 7,
          },
        ),
      }),
      { maxLength: 7 },
    ),
  },
  { requiredKeys: [] },
);

/**
 * Discord's published limits, restated from its docs (Message Resource: "Embed Limits";
 * Components Reference: Action Row, Button) rather than read from the module, so that a
 * wrong number there cannot also pass here. Lengths in UTF-16 units, never fewer than the
 * characters Discord counts.
 */
function withinDiscordsLimits(m: DiscordMessage): boolean {
  const len = (text: string | undefined) => text?.length ?? 0;
  const embeds = m.embeds ?? [];
  const embedText = embeds.reduce(
    (n, e) => n + len(e.title) + len(e.description) + len(e.footer?.text) + (e.fields ?? []).reduce((f, x) => f + len(x.name) + len(x.value), 0),
    0,
  );
  const rows = (m.components ?? []) as Array<{ components?: Array<{ label?: string; custom_id?: string }> }>;
  return (
    len(m.content) <= 2_000 &&
    embeds.length <= 10 &&
    embedText <= 6_000 &&
    embeds.every(
      (e) =>
        len(e.title) <= 256 &&
        len(e.description) <= 4_096 &&
        len(e.footer?.text) <= 2_048 &&
        (e.fields ?? []).length <= 25 &&
        (e.fields ?? []).every((f) => len(f.name) <= 256 && len(f.value) <= 1_024),
    ) &&
    rows.length <= 5 &&
    rows.every((row) => (row.components ?? []).length <= 5 && (row.components ?? []).every((c) => len(c.label) <= 80 && len(c.custom_id) <= 100))
  );
}

describe('Discord’s message limits', () => {
  it('fits any message, however long its parts, within every limit Discord publishes', () => {
    fc.assert(
      fc.property(message, (m) => {
        const fitted = fitToDiscord(m);
        expect(withinDiscordsLimits(fitted)).toBe(true);
        expect(discordLimitProblems(fitted)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('cuts a part over its limit to exactly the limit Discord publishes, and leaves one within it whole', () => {
    const row = (label: string) => [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'c', label }] }];
    const parts: Array<[string, number, (text: string) => DiscordMessage, (m: DiscordMessage) => string | undefined]> = [
      ['content', 2_000, (t) => ({ content: t }), (m) => m.content],
      ['an embed’s title', 256, (t) => ({ embeds: [{ title: t }] }), (m) => m.embeds?.[0]?.title],
      ['an embed’s description', 4_096, (t) => ({ embeds: [{ description: t }] }), (m) => m.embeds?.[0]?.description],
      ['a field’s name', 256, (t) => ({ embeds: [{ fields: [{ name: t, value: 'v' }] }] }), (m) => m.embeds?.[0]?.fields?.[0]?.name],
      ['a field’s value', 1_024, (t) => ({ embeds: [{ fields: [{ name: 'n', value: t }] }] }), (m) => m.embeds?.[0]?.fields?.[0]?.value],
      ['a footer', 2_048, (t) => ({ embeds: [{ footer: { text: t } }] }), (m) => m.embeds?.[0]?.footer?.text],
      ['a button’s label', 80, (t) => ({ components: row(t) }), (m) => (m.components as ReturnType<typeof row> | undefined)?.[0]?.components[0]?.label],
    ];
    for (const [part, limit, make, read] of parts) {
      fc.assert(
        fc.property(fc.integer({ min: Math.max(1, limit - 3), max: limit + 3_000 }), (length) => {
          expect({ part, length: read(fitToDiscord(make('x'.repeat(length))))?.length }).toEqual({ part, length: Math.min(length, limit) });
        }),
        { numRuns: 20 },
      );
    }
  });

  it('leaves a message that already fits exactly as it was, but for who it may ping', () => {
    const short = fc.string({ maxLength: 40 });
    fc.assert(
      fc.property(fc.record({ content: short, embeds: fc.array(fc.record({ title: short, description: short }), { maxLength: 3 }) }), (m) =>
        expect(fitToDiscord(m)).toEqual({ ...m, allowed_mentions: { parse: ['users'] } }),
      ),
    );
  });

  it('cuts at a limit with an ellipsis and never leaves half an emoji', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip(`${'a'.repeat(2)}😀😀`, 4)).toBe('aa…');
    expect(clip('short', 10)).toBe('short');
  });

  it('names each limit a message is over, as the local outbox refuses it', () => {
    expect(discordLimitProblems({ content: 'x'.repeat(2_001) })).toEqual(['content is 2001 long, over 2000']);
    expect(discordLimitProblems({ embeds: [{ title: 't', fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] })).toContain(
      'embeds[0].fields is 26 long, over 25',
    );
  });

  it('refuses a link button whose URL is over 512 characters, as Discord does', () => {
    const link = (url: string) => ({ components: [{ type: 1, components: [{ type: 2, style: 5, label: 'Pay', url }] }] });
    expect(discordLimitProblems(link(`https://c500.example/${'a'.repeat(512 - 21)}`))).toEqual([]);
    expect(discordLimitProblems(link(`https://c500.example/${'a'.repeat(513 - 21)}`))).toEqual(['button url is 513 long, over 512']);
  });

  it('refuses a link button with a custom_id or without a URL, and any other button with a URL or without a custom_id', () => {
    const row = (button: Record<string, unknown>) => ({ components: [{ type: 1, components: [{ type: 2, label: 'Go', ...button }] }] });
    expect(discordLimitProblems(row({ style: 5, url: 'https://c500.example/a' }))).toEqual([]);
    expect(discordLimitProblems(row({ style: 1, custom_id: 'buy:1' }))).toEqual([]);
    expect(discordLimitProblems(row({ style: 5, url: 'https://c500.example/a', custom_id: 'buy:1' }))).toEqual(['a link button has a custom_id']);
    expect(discordLimitProblems(row({ style: 5 }))).toEqual(['a link button has no url']);
    expect(discordLimitProblems(row({ style: 1, custom_id: 'buy:1', url: 'https://c500.example/a' }))).toEqual(['a style 1 button has a url']);
    expect(discordLimitProblems(row({ style: 2 }))).toEqual(['a style 2 button has no custom_id']);
  });

  it('refuses more than five rows, more than five buttons in a row, a long label and a long custom_id', () => {
    const button = { type: 2, style: 1, custom_id: 'b', label: 'B' };
    expect(discordLimitProblems({ components: Array.from({ length: 6 }, () => ({ type: 1, components: [button] })) })).toEqual([
      'components is 6 long, over 5',
    ]);
    expect(discordLimitProblems({ components: [{ type: 1, components: Array.from({ length: 6 }, () => button) }] })).toEqual([
      'components in a row is 6 long, over 5',
    ]);
    expect(discordLimitProblems({ components: [{ type: 1, components: [{ ...button, label: 'l'.repeat(81), custom_id: 'c'.repeat(101) }] }] })).toEqual([
      'button label is 81 long, over 80',
      'custom_id is 101 long, over 100',
    ]);
  });

  it('refuses a select menu over 25 options, an option over 100 characters, or a placeholder over 150', () => {
    const option = (n: number) => ({ label: `Lot ${n}`, value: `lot:${n}` });
    const menu = (select: Record<string, unknown>) => ({ components: [{ type: 1, components: [{ type: 3, custom_id: 'pick', ...select }] }] });
    expect(discordLimitProblems(menu({ options: Array.from({ length: 25 }, (_, n) => option(n)), placeholder: 'p'.repeat(150) }))).toEqual([]);
    expect(discordLimitProblems(menu({ options: Array.from({ length: 26 }, (_, n) => option(n)) }))).toEqual(['select options is 26 long, over 25']);
    expect(
      discordLimitProblems(menu({ options: [{ label: 'l'.repeat(101), value: 'v'.repeat(101), description: 'd'.repeat(101) }], placeholder: 'p'.repeat(151) })),
    ).toEqual([
      'select placeholder is 151 long, over 150',
      'select option label is 101 long, over 100',
      'select option value is 101 long, over 100',
      'select option description is 101 long, over 100',
    ]);
  });

  it('keeps refusals that echo what a person typed inside the limits once fitted', () => {
    fc.assert(
      fc.property(hostile, (typed) => {
        const form = parseAuctionStart({ item: typed, price: typed, duration: typed, 'counter-bid': typed }, 'usd');
        const answers = [
          auctionRefusals.invalidBid(typed),
          dropRefusals.invalid([typed, typed, typed]),
          ...(form.ok ? [] : [auctionRefusals.invalid(form.problems)]),
        ];
        for (const answer of answers) expect(discordLimitProblems(fitToDiscord(answer))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('who a message may ping', () => {
  const mentions = fc.constantFrom('@everyone', '@here', '@everyone!', '<@&930000000000000001>', '<@800000000000000001>', 'hello');
  const allowed = fc.option(
    fc.record({ parse: fc.subarray(['users', 'roles', 'everyone'] as const), roles: fc.array(fc.constant('930000000000000001')) }, { requiredKeys: [] }),
    { nil: undefined },
  );

  it('never lets a message ping @everyone or @here, whatever its text and its own list say', () => {
    fc.assert(
      fc.property(fc.array(mentions, { maxLength: 4 }), allowed, (words, allowedMentions) => {
        const fitted = fitToDiscord({ content: words.join(' '), ...(allowedMentions ? { allowed_mentions: allowedMentions } : {}) });
        expect(canPingEveryone(fitted)).toBe(false);
      }),
    );
  });

  it('lets a message with no list of its own ping the members it names, and no role', () => {
    expect(fitToDiscord({ content: '<@800000000000000001> won @everyone' }).allowed_mentions).toEqual({ parse: ['users'] });
  });

  it('keeps a message’s own list, so the drop role is still pinged by name', () => {
    const ping = { parse: [] as Array<'users'>, roles: ['930000000000000001'] };
    expect(fitToDiscord({ content: '<@&930000000000000001> new drop', allowed_mentions: ping }).allowed_mentions).toEqual(ping);
  });

  it('sees a message that would ping everyone, as Discord would', () => {
    expect(canPingEveryone({ content: 'free boards @everyone' })).toBe(true);
    expect(canPingEveryone({ content: 'free boards @here' })).toBe(true);
    expect(canPingEveryone({ content: 'hi', allowed_mentions: { parse: ['everyone'] } })).toBe(true);
    expect(canPingEveryone({ content: 'free boards @everyone', allowed_mentions: { parse: [] } })).toBe(false);
  });
});
