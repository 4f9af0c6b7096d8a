/**
 * The live auction embed and the messages around it, as bidders, winners and builders see
 * them: the price and who leads, the countdown, the three bid buttons and what they bid, the
 * private answer to each bid outcome, the hammer post and the winner's offer; and Discord's
 * limits, which every message keeps for any input within the bounds the commands allow.
 * Amounts and Discord timestamps here are written out by hand.
 */
import type { IncrementStep } from '../rules/auction-book';
import {
  auctionCancelled,
  auctionEmbed,
  auctionRefusals,
  auctionStarted,
  bidAnswer,
  buttonAmounts,
  builderAuctionUnsold,
  outbidNotice,
  unsoldReasons,
  type AuctionEmbedFacts,
} from '../rules/auction-messages';

import { EPHEMERAL, gold, mint, rose, builder, member, channel, endsAtMs, endsText, snapshot, led, auction, answer, embedOf } from './auction-message-fixtures';
describe('the amounts the bid buttons bid', () => {
  it('bids the next minimum, then two and five steps of the default ladder above it', () => {
    // $28 → $29 → $30 (two steps of $1); then $32, $34, $36 once $30 moves the step to $2.
    expect(buttonAmounts({ nextMinimumCents: 2_800 })).toEqual([2_800, 3_000, 3_600]);
  });

  it('takes each step at the price it is bid from, crossing rungs of the ladder', () => {
    // $42 → $44 → $46; then $48, $50, and $53 once $50 moves the step to $3.
    expect(buttonAmounts({ nextMinimumCents: 4_200 })).toEqual([4_200, 4_600, 5_300]);
  });

  it('follows the auction’s own ladder', () => {
    const ladder: IncrementStep[] = [
      { fromCents: 0, stepCents: 50 },
      { fromCents: 1_100, stepCents: 25 },
    ];
    // 10.00 → 10.50 → 11.00; then 11.25, 11.50, 11.75.
    expect(buttonAmounts({ nextMinimumCents: 1_000 }, ladder)).toEqual([1_000, 1_100, 1_175]);
  });
});

describe('the live auction embed', () => {
  it('before the first bid shows the opening price, no leader, no bids and when it ends', () => {
    const embed = embedOf(auctionEmbed(snapshot(), { builderId: builder }));
    expect(embed?.fields).toEqual([
      { name: 'Opens at', value: '$25.00', inline: true },
      { name: 'Leader', value: 'No bids yet', inline: true },
      { name: 'Bids', value: '0', inline: true },
      { name: 'Ends', value: `${endsText} · a bid in the last 30s puts 30s back` },
    ]);
  });

  it('shows the price, the leader as a mention and the number of bids once someone bids', () => {
    const embed = embedOf(auctionEmbed(led(), { builderId: builder }));
    expect(embed?.fields?.slice(0, 3)).toEqual([
      { name: 'Price', value: '$40.00', inline: true },
      { name: 'Leader', value: `<@${member}>`, inline: true },
      { name: 'Bids', value: '3', inline: true },
    ]);
  });

  it('names a Twitch leader by the name they bid under, markdown shown as typed', () => {
    const embed = embedOf(auctionEmbed(led({ leaderId: 'twitch:4242', leaderName: 'kb_fan' }), { builderId: builder }));
    expect(embed?.fields?.[1]).toEqual({ name: 'Leader', value: '**kb\\_fan**', inline: true });
  });

  it('says how far a late bid puts the end back, in seconds', () => {
    const embed = embedOf(auctionEmbed(snapshot({ counterBidMs: 15_000 }), { builderId: builder }));
    expect(embed?.fields?.[3]).toEqual({ name: 'Ends', value: `${endsText} · a bid in the last 15s puts 15s back` });
  });

  it('says a sudden-death auction is never extended', () => {
    const embed = embedOf(auctionEmbed(snapshot({ suddenDeath: true, counterBidMs: 0 }), { builderId: builder }));
    expect(embed?.fields?.[3]).toEqual({ name: 'Ends', value: `${endsText} · sudden death: no extensions` });
  });

  it('shows whether the reserve is met when there is one', () => {
    const notMet = embedOf(auctionEmbed(snapshot({ reserveCents: 5_000 }), { builderId: builder }));
    expect(notMet?.fields?.[4]).toEqual({ name: 'Reserve', value: 'Not met yet', inline: true });
    const met = embedOf(auctionEmbed(led({ reserveCents: 4_000, reserveMet: true }), { builderId: builder }));
    expect(met?.fields?.[4]).toEqual({ name: 'Reserve', value: 'Met', inline: true });
  });

  it('has no reserve field without a reserve', () => {
    const embed = embedOf(auctionEmbed(snapshot({ reserveCents: 0 }), { builderId: builder }));
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Opens at', 'Leader', 'Bids', 'Ends']);
  });

  it('is titled with the item, credits the builder, is gold and names the auction in its footer', () => {
    const message = auctionEmbed(snapshot(), { builderId: builder });
    const embed = embedOf(message);
    expect(embed?.title).toBe('🔨 Live auction: Tofu65 in e-white');
    expect(embed?.description).toMatch(new RegExp(`^By <@${builder}>\\. `));
    expect(embed?.color).toBe(gold);
    expect(embed?.footer).toEqual({ text: 'Auction a1b2c3d4' });
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds).toHaveLength(1);
  });

  it('offers three buttons: the next minimum in green, two and five steps above it in blue, each bidding its amount', () => {
    const message = auctionEmbed(led(), { builderId: builder });
    expect(message.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 3, label: 'Bid $42.00', custom_id: 'bid:a1b2c3d4:4200' },
          { type: 2, style: 1, label: '$46.00', custom_id: 'bid:a1b2c3d4:4600' },
          { type: 2, style: 1, label: '$53.00', custom_id: 'bid:a1b2c3d4:5300' },
        ],
      },
    ]);
  });

  it('prices the buttons with the auction’s own ladder and currency', () => {
    const ladder: IncrementStep[] = [{ fromCents: 0, stepCents: 500 }];
    const message = auctionEmbed(snapshot({ currency: 'jpy', startCents: 3_000, priceCents: 3_000, nextMinimumCents: 3_000 }), { builderId: builder }, ladder);
    const row = (message.components as { components: { label: string; custom_id: string }[] }[])[0];
    expect(row?.components.map((b) => [b.label, b.custom_id])).toEqual([
      ['Bid 3,000 JPY', 'bid:a1b2c3d4:3000'],
      ['4,000 JPY', 'bid:a1b2c3d4:4000'],
      ['5,500 JPY', 'bid:a1b2c3d4:5500'],
    ]);
  });

  it('has no buttons once the book is closed, even before the result is known', () => {
    expect(auctionEmbed(led({ status: 'closed' }), { builderId: builder }).components).toEqual([]);
    expect(auctionEmbed(led({ status: 'cancelled' }), { builderId: builder }).components).toEqual([]);
  });

  it('after a sale says who won at what price, in mint, without the countdown or buttons', () => {
    const facts: AuctionEmbedFacts = { builderId: builder, result: { kind: 'sold', winnerId: member, winnerName: 'Ann', priceCents: 4_000 } };
    const message = auctionEmbed(led({ status: 'closed' }), facts);
    const embed = embedOf(message);
    expect(embed?.title).toBe('SOLD: Tofu65 in e-white');
    expect(embed?.description).toBe(`Sold to <@${member}> for $40.00.`);
    expect(embed?.color).toBe(mint);
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Price', 'Winner', 'Bids']);
    expect(message.components).toEqual([]);
  });

  it('after a sale labels the one who won as the winner, at the result’s price, whoever the book last showed leading', () => {
    const facts: AuctionEmbedFacts = { builderId: builder, result: { kind: 'sold', winnerId: 'twitch:4242', winnerName: 'kbfan', priceCents: 3_800 } };
    const fields = embedOf(auctionEmbed(led({ status: 'closed' }), facts))?.fields;
    expect(fields?.[0]).toEqual({ name: 'Price', value: '$38.00', inline: true });
    expect(fields?.[1]).toEqual({ name: 'Winner', value: '**kbfan**', inline: true });
    expect(fields?.some((f) => f.name === 'Leader')).toBe(false);
  });

  it('after no sale keeps no winner on the card', () => {
    const fields = embedOf(
      auctionEmbed(led({ status: 'closed' }), { builderId: builder, result: { kind: 'unsold', reason: 'the reserve wasn’t met.' } }),
    )?.fields;
    expect(fields?.map((f) => f.name)).not.toContain('Winner');
  });

  it('after a sale to a Twitch chatter names them by their name', () => {
    const facts: AuctionEmbedFacts = { builderId: builder, result: { kind: 'sold', winnerId: 'twitch:4242', winnerName: 'kbfan', priceCents: 4_000 } };
    expect(embedOf(auctionEmbed(led({ status: 'closed' }), facts))?.description).toBe('Sold to **kbfan** for $40.00.');
  });

  it('keeps the buttons off a finished auction even if the book still says live', () => {
    const facts: AuctionEmbedFacts = { builderId: builder, result: { kind: 'sold', winnerId: member, priceCents: 4_000 } };
    expect(auctionEmbed(led(), facts).components).toEqual([]);
  });

  it('after a cancel says so, in rose', () => {
    const embed = embedOf(auctionEmbed(snapshot({ status: 'cancelled' }), { builderId: builder, result: { kind: 'cancelled' } }));
    expect(embed?.title).toBe('Cancelled: Tofu65 in e-white');
    expect(embed?.description).toBe('The builder cancelled this auction before the first bid.');
    expect(embed?.color).toBe(rose);
  });

  it('when unsold gives the reason, in rose', () => {
    const embed = embedOf(
      auctionEmbed(led({ status: 'closed' }), { builderId: builder, result: { kind: 'unsold', reason: unsoldReasons['reserve-not-met'] } }),
    );
    expect(embed?.title).toBe('Unsold: Tofu65 in e-white');
    expect(embed?.description).toBe('the reserve wasn’t met.');
    expect(embed?.color).toBe(rose);
    expect(embed?.footer).toEqual({ text: 'Auction a1b2c3d4' });
  });
});

describe('the answer to a bid', () => {
  it('tells a new leader the price and the max we will bid up to for them', () => {
    expect(bidAnswer(answer('leading', { yourMaxCents: 6_000 }))).toEqual({
      content: `You lead at **$40.00** on **Tofu65 in e-white**. We’ll bid for you up to $60.00. Bidding ends ${endsText}.`,
      flags: EPHEMERAL,
      allowed_mentions: { parse: [] },
    });
  });

  it('leaves out the max when it is the price they lead at', () => {
    expect(bidAnswer(answer('leading', { yourMaxCents: 4_000 })).content).toBe(`You lead at **$40.00** on **Tofu65 in e-white**. Bidding ends ${endsText}.`);
  });

  it('leaves out the max when the book did not say it', () => {
    expect(bidAnswer(answer('leading')).content).toBe(`You lead at **$40.00** on **Tofu65 in e-white**. Bidding ends ${endsText}.`);
  });

  it('tells a bid taken in the final call only that it is in and sealed, and when the result comes, never whether it leads', () => {
    const content = bidAnswer(answer('sealed')).content ?? '';
    expect(content).toBe(
      '🔒 Your bid is in for the final call on **Tofu65 in e-white**. It is sealed: nobody sees it, and nothing public moves until the result at <t:1700000143:T> (<t:1700000143:R>). Bid again before then to go higher.',
    );
    expect(content).not.toMatch(/lead|outbid|\$40/);
  });

  it('tells a leader who raised their max what it is now', () => {
    expect(bidAnswer(answer('raised-max', { yourMaxCents: 7_500 })).content).toBe('You still lead at **$40.00**; your max is now $75.00.');
  });

  it('tells a leader who bid within their own max that nothing changed', () => {
    expect(bidAnswer(answer('already-leading', { yourMaxCents: 6_000 })).content).toBe(
      'You already lead at **$40.00** with a max of $60.00: nothing to do. To raise your max, bid more than that.',
    );
  });

  it('tells a bidder outbid at once the price now and the least that leads', () => {
    expect(bidAnswer(answer('outbid')).content).toBe(
      'Outbid at once: another bidder’s max is higher. The price is now **$40.00**; bid at least **$42.00** to lead.',
    );
  });

  it('tells a bid too low the next minimum, as the amount to type', () => {
    const content = bidAnswer(answer('too-low')).content;
    expect(content).toMatch(/^Too low: the next minimum is \*\*\$42\.00\*\*\. Type `\/bid amount:42\.00` /);
  });

  it('tells a bid on a closed auction that it takes no more bids', () => {
    expect(bidAnswer(answer('closed')).content).toBe('Auction closed: **Tofu65 in e-white** takes no more bids.');
  });

  it('tells a bid made before the opening to bid again', () => {
    expect(bidAnswer(answer('too-early')).content).toBe(
      'That bid reached **Tofu65 in e-white** before it opened to bids (a show’s lot takes its pre-bids first), so it wasn’t placed. Bid again now.',
    );
  });

  it('answers a banned bidder and a blocked one each with their own refusal', () => {
    expect(bidAnswer(answer('banned'))).toEqual(auctionRefusals.banned);
    expect(bidAnswer(answer('blocked'))).toEqual(auctionRefusals.blocked);
    expect(auctionRefusals.banned.content).not.toBe(auctionRefusals.blocked.content);
  });

  it('tells a bidder to slow down by the server’s cooldown, a second when the book did not say', () => {
    expect(bidAnswer(answer('slow-down', { cooldownMs: 2_500 })).content).toContain('one bid every 2.5 seconds from each bidder');
    expect(bidAnswer(answer('slow-down')).content).toContain('one bid a second from each bidder');
  });

  it('tells a new bidder the most they may bid, in the auction’s currency', () => {
    expect(bidAnswer(answer('over-new-bidder-limit', { newBidderLimitCents: 50_000 })).content).toContain('can bid up to **$500.00**');
    expect(bidAnswer(answer('over-new-bidder-limit', { snapshot: led({ currency: 'jpy' }), newBidderLimitCents: 5_000 })).content).toContain(
      'can bid up to **5,000 JPY**',
    );
  });

  it('tells the builder they cannot bid on their own auction', () => {
    const message = bidAnswer(answer('own-auction'));
    expect(message.content).toBe('That’s your own auction: you can’t bid on it.');
    expect(message.flags).toBe(EPHEMERAL);
  });

  it('answers an auction not found with the same refusal, snapshot or not', () => {
    expect(bidAnswer(answer('not-found'))).toEqual(auctionRefusals.noSuchAuction);
    expect(bidAnswer(answer('not-found', { snapshot: undefined }))).toEqual(auctionRefusals.noSuchAuction);
    expect(bidAnswer(answer('leading', { snapshot: undefined }))).toEqual(auctionRefusals.noSuchAuction);
  });

  it('gives every outcome a private answer with text', () => {
    for (const outcome of ['leading', 'raised-max', 'already-leading', 'outbid', 'too-low', 'closed', 'too-early', 'own-auction'] as const) {
      const message = bidAnswer(answer(outcome, { yourMaxCents: 6_000 }));
      expect(message.flags).toBe(EPHEMERAL);
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.content?.length).toBeGreaterThan(20);
    }
  });
});

describe('what a displaced leader sees', () => {
  it('says the price now, the least that leads again and when it ends', () => {
    expect(outbidNotice(led()).content).toBe(
      `You’ve been outbid on **Tofu65 in e-white**: the price is now **$40.00**. Bid at least **$42.00** to lead again (bidding ends ${endsText}).`,
    );
  });
});

describe('what the builder reads', () => {
  it('is told where the auction is live, its opening price, its end and its id', () => {
    const content = auctionStarted({ ...auction(), finalCallSeconds: 20 }, endsAtMs).content;
    expect(content).toContain(`Your auction for **Tofu65 in e-white** is live in <#${channel}>: opens at $25.00; bidding ends ${endsText}.`);
    expect(content).toContain('Auction id `a1b2c3d4`;');
  });

  it('is told which auction was cancelled', () => {
    expect(auctionCancelled(auction()).content).toContain('Auction `a1b2c3d4` for **Tofu65 in e-white** is cancelled.');
    expect(auctionCancelled(auction()).flags).toBe(EPHEMERAL);
  });

  it('is told which auction holds the channel', () => {
    const message = auctionRefusals.channelBusy('z9y8x7w6');
    expect(message.content).toContain('auction `z9y8x7w6` is still live in this channel');
    expect(message.flags).toBe(EPHEMERAL);
  });

  it('is told which show is on air', () => {
    const message = auctionRefusals.showOnAir('Friday builds');
    expect(message.content).toContain('the show **Friday builds** is on air in this channel');
    expect(message.flags).toBe(EPHEMERAL);
  });

  it('is told in a DM, pinging no one, that the auction ended unsold and why', () => {
    expect(builderAuctionUnsold(auction(), unsoldReasons['no-bids'])).toEqual({
      content: 'Your auction **Tofu65 in e-white** (`a1b2c3d4`) ended unsold: nobody bid. Nothing was charged.',
      allowed_mentions: { parse: [] },
    });
  });
});
