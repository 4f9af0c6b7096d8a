/**
 * @module auction-messages
 * The live auction embed and everything bidders, winners and builders read about an
 * auction. The countdown is a Discord timestamp (`<t:…:R>`), which every client ticks on
 * its own: the embed is edited for new bids, never for the clock.
 */
import type { DiscordEmbed, DiscordMessage } from '../../ports';
import { hammerAtMs, incrementAt, phaseOf, type AuctionReading, type AuctionSnapshot, type BidResult } from './auction-book';
import { bidButtonCustomId, finalCallMsOf, type Auction } from './auction';
import { drawCommitment } from './sealed-draw';
import { blockedAfterDisputeWords } from './dispute-block-words';
import { linkButtonRow, amountText, formatMoney } from '../../common';
import { colors, dmNote, interactionTokenLifetimeMs, personMention, privateNote } from '../../discord';

const gold = 0xf5c451;
const money = (cents: number, currency: string) => formatMoney({ cents, currency });
const relative = (ms: number) => `<t:${Math.floor(ms / 1000)}:R>`;
const clock = (ms: number) => `<t:${Math.floor(ms / 1000)}:t>`;
/** To the second: a final call is counted in seconds. */
const toTheSecond = (ms: number) => `<t:${Math.floor(ms / 1000)}:T>`;

/** `<t:…:T> (<t:…:R>), then a sealed final call until <t:…:T>`: when open bidding stops, and when the result comes. */
export function endText(s: Pick<AuctionSnapshot, 'endsAtMs' | 'finalCallMs'>): string {
  // An auction from before final calls, with no stream delay: none follows.
  if (s.finalCallMs === 0) return `${toTheSecond(s.endsAtMs)} (${relative(s.endsAtMs)})`;
  return `${toTheSecond(s.endsAtMs)} (${relative(s.endsAtMs)}), then a sealed final call of ${s.finalCallMs / 1000}s until ${toTheSecond(hammerAtMs(s))}`;
}
const dm = (message: DiscordMessage): DiscordMessage => ({ allowed_mentions: { parse: [] }, ...message });

/** `a second`, `every 2 seconds`, `every 1.5 seconds`. */
export function everyText(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return seconds === 1 ? 'a second' : `every ${seconds} seconds`;
}

/** The amounts the embed's buttons bid: the next minimum, then two and five steps above it. */
export function buttonAmounts(s: Pick<AuctionSnapshot, 'nextMinimumCents'>, ladder?: Parameters<typeof incrementAt>[1]): number[] {
  const stepsAbove = (from: number, steps: number) => {
    let amount = from;
    for (let i = 0; i < steps; i++) amount += incrementAt(amount, ladder);
    return amount;
  };
  return [s.nextMinimumCents, stepsAbove(s.nextMinimumCents, 2), stepsAbove(s.nextMinimumCents, 5)];
}

export interface AuctionEmbedFacts {
  builderId: string;
  /**
   * The sealed final call has begun (the stated end passed, the hammer not yet down): the card
   * says so, and the end it gives is the hammer's; its price and leader are those shown when it began.
   */
  finalCall?: boolean;
  /** The final call's draw commitment (`sealed-draw`): shown while it runs, so the seed revealed with the result can be checked. */
  drawCommitment?: string;
  /** The outcome once the hammer has dropped; undefined while it runs. */
  result?: { kind: 'sold'; winnerId: string; winnerName?: string; priceCents: number } | { kind: 'unsold'; reason: string } | { kind: 'cancelled' };
}

export function auctionEmbed(s: AuctionSnapshot, facts: AuctionEmbedFacts, ladder?: Parameters<typeof incrementAt>[1]): DiscordMessage {
  const price = money(s.priceCents, s.currency);
  const result = facts.result;
  // Sold, the card names the winner as the result does (the leader of the book's last look
  // may be a bidder erased since, whom the result passed over).
  const sold = result?.kind === 'sold' ? result : undefined;
  const fields: NonNullable<DiscordEmbed['fields']> = [
    sold
      ? { name: 'Price', value: money(sold.priceCents, s.currency), inline: true }
      : { name: s.leaderId ? 'Price' : 'Opens at', value: s.leaderId ? price : money(s.startCents, s.currency), inline: true },
    sold
      ? { name: 'Winner', value: personMention(sold.winnerId, sold.winnerName), inline: true }
      : { name: 'Leader', value: s.leaderId ? personMention(s.leaderId, s.leaderName) : 'No bids yet', inline: true },
    { name: 'Bids', value: String(s.bidCount), inline: true },
  ];
  const finalCall = !result && facts.finalCall === true;
  if (finalCall)
    fields.push({
      name: 'Final call',
      value: `${s.finalCallMs / 1000}s of sealed bids, until ${toTheSecond(hammerAtMs(s))} (${relative(hammerAtMs(s))}): the result comes then. Every sealed bid is a max: the highest wins, at one step over the next.${
        facts.drawCommitment ? ` Equal maxes are drawn, not timed: draw commitment \`${facts.drawCommitment}\`.` : ''
      }`,
    });
  else if (!result)
    fields.push({
      name: 'Ends',
      value: `${endText(s)}${s.suddenDeath ? ' · sudden death: no extensions' : ` · a bid in the last ${s.counterBidMs / 1000}s puts ${s.counterBidMs / 1000}s back`}`,
    });
  if (s.reserveCents > 0) fields.push({ name: 'Reserve', value: s.reserveMet ? 'Met' : 'Not met yet', inline: true });
  const title = finalCall
    ? `🔒 Final call: ${s.item}`
    : !result
      ? `🔨 Live auction: ${s.item}`
      : result.kind === 'sold'
        ? `SOLD: ${s.item}`
        : result.kind === 'cancelled'
          ? `Cancelled: ${s.item}`
          : `Unsold: ${s.item}`;
  const description = finalCall
    ? `By <@${facts.builderId}>. Final call: bids are sealed. Press a button or type \`/bid amount:<n>\`: yours is taken and nobody sees it. Nothing here changes until the result at ${toTheSecond(hammerAtMs(s))}.`
    : !result
      ? `By <@${facts.builderId}>. Press a button or type \`/bid amount:<n>\` (add \`max:<n>\` and we bid for you one step at a time). In the final call bids are sealed: yours is taken, nobody sees it, and the result comes at its end.`
      : result.kind === 'sold'
        ? `Sold to ${personMention(result.winnerId, result.winnerName)} for ${money(result.priceCents, s.currency)}.`
        : result.kind === 'cancelled'
          ? 'The builder cancelled this auction before the first bid.'
          : result.reason;
  const message: DiscordMessage = {
    allowed_mentions: { parse: [] },
    embeds: [
      { title, description, color: result ? (result.kind === 'sold' ? colors.mint : colors.rose) : gold, fields, footer: { text: `Auction ${s.auctionId}` } },
    ],
    components: [],
  };
  if (!result && s.status === 'live') {
    const [next, two, five] = buttonAmounts(s, ladder);
    message.components = [
      {
        type: 1,
        components: [
          { type: 2, style: 3, label: `Bid ${money(next as number, s.currency)}`, custom_id: bidButtonCustomId(s.auctionId, next as number) },
          { type: 2, style: 1, label: money(two as number, s.currency), custom_id: bidButtonCustomId(s.auctionId, two as number) },
          { type: 2, style: 1, label: money(five as number, s.currency), custom_id: bidButtonCustomId(s.auctionId, five as number) },
        ],
      },
    ];
  }
  return message;
}

/** The card of an auction still live as the book read it: in its final call once the book says it began. */
export function liveCard(s: AuctionReading, ladder?: Parameters<typeof incrementAt>[1], drawSeed?: string): DiscordMessage {
  const finalCall = phaseOf(s) === 'final-call';
  return auctionEmbed(s, { builderId: s.builderId, finalCall, ...(finalCall && drawSeed ? { drawCommitment: drawCommitment(drawSeed) } : {}) }, ladder);
}

/** How long before its 15 minutes end an answer is no longer counted on to take the result's edit (the hammer's task may run late). */
const resultEditMarginMs = 60_000;

/**
 * A leader's answer made `madeAtMs` (the bid's time) that the result cannot reach: the hammer
 * edits each bidder's answer, but Discord lets an answer be edited for 15 minutes only. Such an
 * answer is worded to stay true for good: when it was true, and where the result will show.
 */
function leadingForGood(s: AuctionSnapshot, price: string, maxNote: string, madeAtMs: number): DiscordMessage | undefined {
  if (hammerAtMs(s) + s.settleMs < madeAtMs + interactionTokenLifetimeMs - resultEditMarginMs) return undefined;
  return privateNote(
    `You lead at **${price}** on **${s.item}** as of ${toTheSecond(madeAtMs)}.${maxNote} Bidding was then due to end at ${toTheSecond(s.endsAtMs)}. This note can’t be updated after 15 minutes: the auction’s post shows the result.`,
  );
}

/** What the bidder's own "thinking…" answer is edited to; `madeAtMs`, the bid's time, words a lead the result cannot edit later. */
export function bidAnswer(result: BidResult, madeAtMs?: number): DiscordMessage {
  const s = result.snapshot;
  if (!s) return auctionRefusals.noSuchAuction;
  const price = money(s.priceCents, s.currency);
  const next = money(s.nextMinimumCents, s.currency);
  const max = result.yourMaxCents !== undefined ? money(result.yourMaxCents, s.currency) : undefined;
  const maxNote = max && result.yourMaxCents !== s.priceCents ? ` We’ll bid for you up to ${max}.` : '';
  switch (result.outcome) {
    case 'leading':
      return (
        (madeAtMs !== undefined ? leadingForGood(s, price, maxNote, madeAtMs) : undefined) ??
        privateNote(`You lead at **${price}** on **${s.item}**.${maxNote} Bidding ends ${endText(s)}.`)
      );
    case 'raised-max':
      return privateNote(`You still lead at **${price}**; your max is now ${max}.`);
    case 'already-leading':
      return privateNote(`You already lead at **${price}** with a max of ${max}: nothing to do. To raise your max, bid more than that.`);
    case 'outbid':
      return privateNote(`Outbid at once: another bidder’s max is higher. The price is now **${price}**; bid at least **${next}** to lead.`);
    case 'sealed':
      return privateNote(
        `🔒 Your bid is in for the final call on **${s.item}**. It is sealed: nobody sees it, and nothing public moves until the result at ${toTheSecond(hammerAtMs(s))} (${relative(hammerAtMs(s))}). Bid again before then to go higher.`,
      );
    case 'too-low':
      return privateNote(
        `Too low: the next minimum is **${next}**. Type \`/bid amount:${amountText({ cents: s.nextMinimumCents, currency: s.currency })}\` or press a button on the auction.`,
      );
    case 'closed':
      if (s.status === 'cancelled')
        return privateNote(`Auction stopped: **${s.item}** was cancelled and takes no bids. Nothing is charged; its channel says why.`);
      return privateNote(`Auction closed: **${s.item}** takes no more bids.`);
    case 'too-early':
      return privateNote(
        `That bid reached **${s.item}** before it opened to bids (a show’s lot takes its pre-bids first), so it wasn’t placed. Bid again now.`,
      );
    case 'private-only':
      // Only a `!bid` typed in Twitch chat is refused so; a Discord bid is seen by its bidder alone and never is.
      return privateNote(`The final call on **${s.item}** is sealed: a bid typed in public isn’t taken. Bid again with \`/bid\`, which only you see.`);
    case 'banned':
      return auctionRefusals.banned;
    case 'blocked':
      return auctionRefusals.blocked;
    case 'slow-down':
      return auctionRefusals.slowDown(result.cooldownMs ?? 1_000);
    case 'over-new-bidder-limit':
      return auctionRefusals.overNewBidderLimit(money(result.newBidderLimitCents ?? 0, s.currency));
    case 'own-auction':
      return privateNote('That’s your own auction: you can’t bid on it.');
    case 'not-found':
      return auctionRefusals.noSuchAuction;
  }
}

/** The edit a displaced leader sees on their last bid's answer: no DM storm, one line that changes. */
export function outbidNotice(s: AuctionSnapshot): DiscordMessage {
  return privateNote(outbidText(s));
}

/** The same words by DM, for a show's pre-bidder, who has no answer to edit: without EPHEMERAL, which Discord refuses on a DM. */
export function outbidDm(s: AuctionSnapshot): DiscordMessage {
  return dmNote(outbidText(s));
}

const outbidText = (s: AuctionSnapshot): string =>
  `You’ve been outbid on **${s.item}**: the price is now **${money(s.priceCents, s.currency)}**. Bid at least **${money(s.nextMinimumCents, s.currency)}** to lead again (bidding ends ${endText(s)}).`;

/**
 * What a bidder's last answer becomes once the hammer has dropped: never "you lead… ends in"
 * after the result. The winner is told where to pay; everyone else that the lot went elsewhere.
 */
export function resultAnswer(
  a: Pick<Auction, 'item' | 'currency' | 'show'>,
  result: NonNullable<AuctionEmbedFacts['result']>,
  bidderId: string,
): DiscordMessage {
  if (result.kind === 'sold' && result.winnerId === bidderId)
    return privateNote(
      `🔨 **You won ${a.item}** for **${money(result.priceCents, a.currency)}**. ${a.show ? 'You pay for your lots from this builder in one checkout when the show ends.' : 'Check your DMs to pay.'}`,
    );
  if (result.kind === 'sold')
    return privateNote(`🔨 **${a.item}** sold for **${money(result.priceCents, a.currency)}** to another bidder. Your bid didn’t win this time.`);
  if (result.kind === 'cancelled') return privateNote(`**${a.item}**: the auction was cancelled. Nothing is charged.`);
  return privateNote(`🔨 **${a.item}** ended unsold: ${result.reason} Nothing is charged.`);
}

export const auctionRefusals = {
  noSuchAuction: privateNote(
    'There’s no such auction in this channel. Bid in the channel where the auction is posted; `/bid` without `auction:` bids in this channel’s live auction.',
  ),
  noLiveAuctionHere: privateNote('There’s no live auction in this channel right now. Bid in the channel where the auction is posted.'),
  bookUnavailable: privateNote(
    'We couldn’t reach the auction just now, so we can’t confirm your bid. Bid again in a few seconds: if your first bid did land, you’ll simply be told you already lead.',
  ),
  banned: privateNote('You can’t bid: auctions you won went unpaid too often. Ask a server admin if you think this is a mistake.'),
  blocked: privateNote('You can’t bid in this server’s auctions: a server admin has blocked you. Ask an admin if you think this is a mistake.'),
  blockedAfterDispute: privateNote(blockedAfterDisputeWords('You can’t bid in this server’s auctions')),
  slowDown: (cooldownMs: number) =>
    privateNote(`Slow down: this server takes one bid ${everyText(cooldownMs)} from each bidder, so that bid wasn’t placed. Wait a moment, then bid again.`),
  overNewBidderLimit: (limit: string) =>
    privateNote(
      `Your bid wasn’t placed. Bidders who haven’t paid for an order on C500 yet can bid up to **${limit}** (your amount and your max). Pay for one win first, then you can bid higher; or bid ${limit} or less now.`,
    ),
  invalid: (problems: string[]) =>
    privateNote(`Your auction didn’t start. Fix these and run \`/c500 auction start\` again:\n${problems.map((p) => `• ${p}`).join('\n')}`),
  invalidBid: (reason: string) => privateNote(`Your bid wasn’t placed. ${reason}`),
  notOnboarded: privateNote('Your auction didn’t start: winners can’t pay you yet. Run `/c500 onboard` to set up Stripe payouts, then start it again.'),
  channelBusy: (auctionId: string) =>
    privateNote(`Your auction didn’t start: auction \`${auctionId}\` is still live in this channel. Wait for its hammer, or start yours in another channel.`),
  showOnAir: (title: string) =>
    privateNote(
      `Your auction didn’t start: the show **${title}** is on air in this channel. Ask its host to add your item as a lot with \`/c500 show add\`, or start yours in another channel.`,
    ),
  notYours: privateNote('Only the builder who started an auction can cancel it.'),
  showLot: privateNote('That auction is a lot of a show, so it runs to its hammer. Ask the host to remove your lots before they go up with `/c500 show lots`.'),
  hasBids: privateNote('That auction already has bids, so it runs to the hammer: bidders are counting on it.'),
  notLive: privateNote('That auction has already ended.'),
  bookDown: privateNote('The auction service isn’t answering right now, so nothing was started. Try again in a minute.'),
};

/** `endsAtMs`: the stated end, which the overlay counts down to; the sealed final call follows it. */
export function auctionStarted(a: Auction, endsAtMs: number): DiscordMessage {
  const finalCallMs = finalCallMsOf(a);
  const delaySeconds = a.streamDelaySeconds ?? 0;
  const why = delaySeconds > 0 ? ` Viewers watching ${delaySeconds}s behind see it begin and still have ${finalCallMs / 1000 - delaySeconds}s to bid.` : '';
  return privateNote(
    `Your auction for **${a.item}** is live in <#${a.channelId}>: opens at ${money(a.startCents, a.currency)}; bidding ends ${endText({ endsAtMs, finalCallMs })}. In the final call bids are taken but kept private, and the result is announced everywhere at its end.${why} Auction id \`${a.auctionId}\`; \`/c500 auction cancel\` works until the first bid.`,
  );
}

export function auctionCancelled(a: Auction): DiscordMessage {
  return privateNote(`Auction \`${a.auctionId}\` for **${a.item}** is cancelled. Nobody had bid, so nobody is left waiting.`);
}

export function hammerPost(a: Auction, result: NonNullable<AuctionEmbedFacts['result']>): DiscordMessage {
  if (result.kind === 'sold') {
    // A Discord member (a snowflake) is pinged and paid by DM; anyone else is told where they bid.
    const member = /^\d+$/.test(result.winnerId);
    const howToPay = !member
      ? 'The bot tells them in Twitch chat where to pay.'
      : a.show
        ? 'You pay for everything you win from this builder in one checkout when the show is over, or now with **Pay now** on the run sheet.'
        : 'Check your DMs to pay.';
    return {
      content: `🔨 **SOLD!** ${a.item} goes to ${personMention(result.winnerId, result.winnerName)} for **${money(result.priceCents, a.currency)}**. Congratulations! ${howToPay}${drawReveal(a)}`,
      allowed_mentions: member ? { users: [result.winnerId] } : { parse: [] },
    };
  }
  const content = result.kind === 'unsold' ? `🔨 **${a.item}** didn’t sell: ${result.reason}` : `**${a.item}**: auction cancelled.`;
  return { content, allowed_mentions: { parse: [] } };
}

/** The final call's draw seed, revealed with the result: its SHA-256 is the commitment the card showed. */
function drawReveal(a: Pick<Auction, 'drawSeed'>): string {
  return a.drawSeed ? `\n-# Tie draw seed \`${a.drawSeed}\`: its SHA-256 is the commitment shown at the final call.` : '';
}

export const unsoldReasons = {
  'no-bids': 'nobody bid.',
  'reserve-not-met': 'the reserve wasn’t met.',
  'no-one-paid': 'neither the winner nor the runner-ups paid.',
  'bids-lost': 'its bids were lost in an outage, so no winner could be named. The builder may start it again.',
  'account-revoked': 'the builder’s Stripe account is disconnected from C500, so nobody can pay them. The builder may start it again once they reconnect.',
} as const;

/** `shippingNote`: how the board reaches them (shipping added at checkout, or arranged with the builder). */
export function winnerOffer(
  a: Auction,
  priceCents: number,
  checkoutUrl: string,
  expiresAt: string,
  secondChance: boolean,
  shippingNote?: string,
): DiscordMessage {
  const price = money(priceCents, a.currency);
  const lead = secondChance
    ? `**Second chance!** The winner of **${a.item}** didn’t pay, so it’s offered to you for **${price}**, what the bidding would have cost you without them (never your max). It’s only an offer: let it pass and it costs you nothing.`
    : `**You won ${a.item}** for **${price}**!`;
  return dm({
    content: `${lead} Pay by ${clock(Date.parse(expiresAt))} (${relative(Date.parse(expiresAt))}) to make it yours; after that it goes to the next bidder. Your money is held until ${a.builderName} shows your board on stream.${shippingNote ? `\n${shippingNote}` : ''}`,
    components: [linkButtonRow(`Pay ${price}`, checkoutUrl)],
  });
}

export function strikeNotice(a: Auction, strikes: number, strikesToBan: number, banned: boolean): DiscordMessage {
  return dm({
    content: banned
      ? `Your win of **${a.item}** went unpaid, so it went to the next bidder. That’s ${strikes} unpaid wins: you can no longer bid in C500 auctions. Ask a server admin if you think this is a mistake.`
      : `Your win of **${a.item}** went unpaid, so it went to the next bidder. That’s a strike (${strikes} of ${strikesToBan}); at ${strikesToBan} you can no longer bid.`,
  });
}

export function builderAuctionUnsold(a: Auction, reason: string): DiscordMessage {
  return dm({ content: `Your auction **${a.item}** (\`${a.auctionId}\`) ended unsold: ${reason} Nothing was charged.` });
}
