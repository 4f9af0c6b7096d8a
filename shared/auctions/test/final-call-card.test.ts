/** The auction's card once its sealed final call has begun (issue 61): what a viewer in the channel reads. */
import { auctionEmbed, hammerPost, liveCard } from '../rules/auction-messages';
import { drawCommitment, seedMatches } from '../rules/sealed-draw';
import { auction, builder, endsAtMs, led, member, embedOf } from './auction-message-fixtures';

/** The card's auction as the book read it: begun or not by the book's word, at the book's clock. */
const read = (finalCallBegun: boolean, bookNowMs: number) => ({ ...led(), finalCallBegun, bookNowMs });

describe('the card in the final call', () => {
  it('says the final call has begun: sealed bids until the hammer, the price and leader as they were, the buttons still taking bids', () => {
    const message = auctionEmbed(led(), { builderId: builder, finalCall: true });
    const embed = embedOf(message);
    const hammer = Math.floor((endsAtMs + 20_000) / 1000);
    expect(embed?.title).toBe('🔒 Final call: Tofu65 in e-white');
    expect(embed?.fields?.slice(0, 3).map((f) => f.value)).toEqual(['$40.00', `<@${member}>`, '3']);
    expect(embed?.fields?.[3]).toEqual({
      name: 'Final call',
      value: `20s of sealed bids, until <t:${hammer}:T> (<t:${hammer}:R>): the result comes then. Every sealed bid is a max: the highest wins, at one step over the next.`,
    });
    expect(embed?.description).toContain('bids are sealed');
    expect(message.components).toHaveLength(1);
    // Once the result is in, the final call is over whatever the caller says.
    expect(embedOf(auctionEmbed(led(), { builderId: builder, finalCall: true, result: { kind: 'unsold', reason: 'No bids.' } }))?.title).toBe(
      'Unsold: Tofu65 in e-white',
    );
  });

  it('is the card of a live auction once the book says its final call began, and the open card before, whatever the time', () => {
    expect(embedOf(liveCard(read(false, endsAtMs + 5_000)))?.title).toBe('🔨 Live auction: Tofu65 in e-white');
    expect(embedOf(liveCard(read(true, endsAtMs - 5_000)))?.title).toBe('🔒 Final call: Tofu65 in e-white');
  });

  it('publishes the draw’s commitment when the final call begins, and the result reveals the seed it commits to', () => {
    const seed = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const card = embedOf(liveCard(read(true, endsAtMs + 1_000), undefined, seed));
    expect(card?.fields?.[3]?.value).toContain(`draw commitment \`${drawCommitment(seed)}\``);
    // Before the final call nothing is published about the draw.
    expect(JSON.stringify(liveCard(read(false, endsAtMs - 1), undefined, seed))).not.toContain(drawCommitment(seed));
    const post = hammerPost(auction({ drawSeed: seed }), { kind: 'sold', winnerId: member, priceCents: 4_000 });
    const revealed = /seed `([0-9a-f]+)`/.exec(post.content ?? '')?.[1] ?? '';
    expect(seedMatches(revealed, drawCommitment(seed))).toBe(true);
  });
});
