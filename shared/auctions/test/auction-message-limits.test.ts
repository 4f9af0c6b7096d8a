/**
 * Discord's limits, which every auction message keeps for any input within the bounds the
 * commands allow (the embed, each bid answer, the hammer post, the winner's offer), checked
 * with the Discord module's own limit checker.
 */
import fc from 'fast-check';
import { discordLimitProblems } from '../../discord';
import { auctionEmbed, auctionStarted, bidAnswer, hammerPost, outbidDm, outbidNotice, unsoldReasons, winnerOffer } from '../rules/auction-messages';
import { answer, auction, builder, endsAtMs, led, member } from './auction-message-fixtures';

describe('Discord’s limits', () => {
  /** Anything a person can type as an item: `/c500 auction start` keeps it to 100 characters. */
  const item = fc.string({ minLength: 1, maxLength: 100, unit: 'binary' });
  /** Discord display names are at most 32 characters, Twitch's 25. */
  const name = fc.string({ maxLength: 32, unit: 'binary' });
  const cents = fc.integer({ min: 1, max: 99_999_999 });
  const result = fc.oneof(
    fc.constant(undefined),
    fc.record({ kind: fc.constant('sold' as const), winnerId: fc.constantFrom(member, 'twitch:4242'), winnerName: name, priceCents: cents }),
    fc.record({ kind: fc.constant('unsold' as const), reason: fc.constantFrom(...Object.values(unsoldReasons)) }),
    fc.constant({ kind: 'cancelled' as const }),
  );

  it('keeps the embed within every limit for any item, name and amount', () => {
    fc.assert(
      fc.property(item, name, cents, fc.constantFrom('usd', 'eur', 'jpy'), result, (typed, leaderName, price, currency, outcome) => {
        const s = led({ item: typed, leaderId: 'twitch:4242', leaderName, priceCents: price, nextMinimumCents: price + 5_000, currency, reserveCents: 1 });
        const message = auctionEmbed(s, { builderId: builder, ...(outcome ? { result: outcome } : {}) });
        expect(discordLimitProblems(message)).toEqual([]);
      }),
    );
  });

  it('keeps every bid answer and hammer post within every limit for any item and name', () => {
    fc.assert(
      fc.property(item, name, cents, (typed, winnerName, price) => {
        const s = led({ item: typed, priceCents: price, nextMinimumCents: price + 5_000 });
        for (const outcome of ['leading', 'raised-max', 'already-leading', 'outbid', 'too-low', 'closed', 'too-early'] as const)
          expect(discordLimitProblems(bidAnswer(answer(outcome, { snapshot: s, yourMaxCents: 99_999_999 })))).toEqual([]);
        expect(discordLimitProblems(outbidNotice(s))).toEqual([]);
        expect(discordLimitProblems(outbidDm(s))).toEqual([]);
        const a = auction({ item: typed, builderName: winnerName });
        expect(discordLimitProblems(hammerPost(a, { kind: 'sold', winnerId: 'twitch:4242', winnerName, priceCents: price }))).toEqual([]);
        expect(
          discordLimitProblems(winnerOffer(a, price, 'https://c500.example/pay/o1', '2026-11-25T18:30:00.000Z', true, 'Shipping is added at checkout.')),
        ).toEqual([]);
        expect(discordLimitProblems(auctionStarted(a, endsAtMs))).toEqual([]);
      }),
    );
  });

  it('keeps the embed’s custom_ids within Discord’s 100 for the longest auction id and amount', () => {
    const longId = 'a'.repeat(40);
    const message = auctionEmbed(led({ auctionId: longId, priceCents: 99_000_000, nextMinimumCents: 99_050_000 }), { builderId: builder });
    expect(discordLimitProblems(message)).toEqual([]);
    const row = (message.components as { components: { custom_id: string }[] }[])[0];
    expect(row?.components[0]?.custom_id).toBe(`bid:${longId}:99050000`);
  });
});

describe('the outbid notice by DM', () => {
  it('reads as the edit of a displaced leader’s answer, as a show’s pre-bidder is told, without the EPHEMERAL flag Discord refuses on a DM, pinging no one', () => {
    expect(outbidNotice(led()).flags).toBe(64);
    expect(outbidDm(led())).toEqual({ content: outbidNotice(led()).content, allowed_mentions: { parse: [] } });
  });
});
