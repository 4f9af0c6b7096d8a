import fc from 'fast-check';
import type { DiscordMessage } from '../../ports';
import { clip, discordLimitProblems, fitToDiscord } from '../rules/discord-limits';
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
    components: fc.array(fc.record({ type: fc.constant(1), components: fc.array(fc.record({ type: fc.constant(2), label: hostile }), { maxLength: 7 }) }), {
      maxLength: 7,
    }),
  },
  { requiredKeys: [] },
);

describe('Discord’s message limits', () => {
  it('fits any message, however long its parts, within every limit Discord checks', () => {
    fc.assert(
      fc.property(message, (m) => expect(discordLimitProblems(fitToDiscord(m))).toEqual([])),
      { numRuns: 60 },
    );
  });

  it('leaves a message that already fits exactly as it was', () => {
    const short = fc.string({ maxLength: 40 });
    fc.assert(
      fc.property(fc.record({ content: short, embeds: fc.array(fc.record({ title: short, description: short }), { maxLength: 3 }) }), (m) =>
        expect(fitToDiscord(m)).toEqual(m),
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
