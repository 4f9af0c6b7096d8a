/**
 * @module chat-messages
 * What the bot says in Twitch chat, one line per fact; chat-lines turns them into
 * messages. Chatters are named by `@login`; amounts in the marketplace's currency.
 */
import type { AuctionSnapshot, BidOutcome, ChatLine } from '../../ports';
import { formatMoney } from '../../common';

const money = (cents: number, currency: string) => formatMoney({ cents, currency });

/** The state of the auction now: one slot, so only the latest is ever said. */
export function leadLine(snapshot: AuctionSnapshot): ChatLine {
  const leader = snapshot.leaderName ? `${snapshot.leaderName} leads at ${money(snapshot.priceCents, snapshot.currency)}` : 'No bids yet';
  return { text: `${leader} · next ${money(snapshot.nextMinimumCents, snapshot.currency)}`, slot: `lead:${snapshot.auctionId}` };
}

/** A blocked or banned chatter's line, the same whatever the reason: bidding is paused, and the server's admins can say why. */
export const chatBlockedText = 'bidding is paused for your account: ask the admins of this channel’s Discord server why';

/** What a chatter's own bid came to, when it was not simply taking the lead (the lead line says that). */
export function outcomeLine(
  outcome: BidOutcome | string,
  login: string,
  snapshot: AuctionSnapshot | undefined,
  extra?: { limitCents?: number },
): ChatLine | undefined {
  const next = snapshot ? ` next ${money(snapshot.nextMinimumCents, snapshot.currency)}` : '';
  const currency = snapshot?.currency ?? 'usd';
  switch (outcome) {
    case 'too-low':
      return { text: `too low,${next}`, group: { name: `too-low:${snapshot?.auctionId ?? ''}`, login } };
    case 'outbid':
      return { text: `a higher max already leads,${next}`, group: { name: `outbid-at-once:${snapshot?.auctionId ?? ''}`, login } };
    case 'sealed':
      // Never whether it leads: the final call is sealed until the result.
      return { text: 'your bid is in, sealed until the final call ends', group: { name: `sealed:${snapshot?.auctionId ?? ''}`, login } };
    case 'closed':
      return { text: 'bidding has closed', group: { name: 'closed', login } };
    case 'too-early':
      return { text: 'that bid came before the auction opened, bid again', group: { name: 'too-early', login } };
    case 'own-auction':
      return { text: 'you can’t bid on your own auction', group: { name: 'own', login } };
    case 'banned':
    case 'blocked':
      // Chat is public (and logged by others): never why (a chargeback, unpaid wins, an admin's block), only that it
      // is paused and who can say why and lift it. The Discord answer, seen by the member alone, names the reason.
      return { text: chatBlockedText, group: { name: 'blocked', login } };
    case 'slow-down':
      return { text: 'slow down: one bid a second', group: { name: 'slow-down', login } };
    case 'over-new-bidder-limit':
      return {
        text: `until you’ve paid for a win on C500 you can bid up to ${money(extra?.limitCents ?? 0, currency)}`,
        group: { name: `limit:${extra?.limitCents ?? 0}`, login },
      };
    default:
      return undefined;
  }
}

/** Where a chat bid in the sealed final call goes instead: a page of this site, signed in with Twitch. The same words for all. */
export function privateBidLine(login: string, auctionId: string, publicBaseUrl: string): ChatLine {
  return {
    text: `the final call is sealed, so a bid typed in chat isn't taken: bid in private at ${sealedBidUrl(publicBaseUrl, auctionId)}`,
    group: { name: `private-bid:${auctionId}`, login },
  };
}

/** The private bid page of an auction's final call, on this server's public origin. */
export const sealedBidUrl = (publicBaseUrl: string, auctionId: string) => `${publicBaseUrl.replace(/\/+$/, '')}/bid/${encodeURIComponent(auctionId)}`;

export function outbidLine(login: string, snapshot: AuctionSnapshot): ChatLine {
  return { text: `you were outbid, next ${money(snapshot.nextMinimumCents, snapshot.currency)}`, group: { name: `outbid:${snapshot.auctionId}`, login } };
}

export function unreadableLine(login: string, problem: string): ChatLine {
  return { text: problem, group: { name: `unreadable:${problem}`, login } };
}

/**
 * The first `!bid` of someone who never signed in: once a day, with the link. A must line:
 * dropped from a full message it would never come again, and their bids would go unanswered.
 */
export function signInLine(login: string, twitchUserId: string, signInUrl: string): ChatLine {
  return { text: `@${login} to bid from chat, sign in with Twitch once: ${signInUrl}`, onceKey: `sign-in:${twitchUserId}`, must: true };
}

export function winnerLine(
  login: string,
  item: string,
  priceCents: number,
  currency: string,
  payUrl: string,
  expiresAt: string,
  secondChance: boolean,
): ChatLine {
  const until = new Date(expiresAt).toISOString().slice(11, 16);
  const what = secondChance ? `second chance: ${item} is yours at` : `SOLD! @${login} wins ${item} at`;
  const text = `${secondChance ? `@${login} ` : ''}${what} ${money(priceCents, currency)}. Pay by ${until} UTC: ${payUrl}`;
  return { text, must: true, ahead: true };
}

/**
 * The final call began: bids are now sealed, and placed on the auction's private page alone (a
 * `!bid` typed in chat is public, so it is not taken). Said once per end, first in its message,
 * and never dropped: a chatter who misses it would think their bid should move the price.
 */
export function finalCallLine(item: string, finalCallMs: number, auctionId: string, publicBaseUrl: string): ChatLine {
  return {
    text: `FINAL CALL on ${item}: bids are sealed for ${Math.round(finalCallMs / 1000)}s. Bid in private at ${sealedBidUrl(publicBaseUrl, auctionId)} (a !bid typed in chat isn't taken now): nobody sees it, and the result comes at the end.`,
    must: true,
    ahead: true,
  };
}

/** A lot won by a Discord member, said in the chat that bid on it: the price, never the member's name (Discord is another audience). */
export function soldInDiscordLine(item: string, priceCents: number, currency: string): ChatLine {
  return { text: `SOLD! ${item} goes to a bidder in Discord at ${money(priceCents, currency)}. Thanks for bidding, chat!`, must: true, ahead: true };
}

/** A show's lot won from chat: paid with the winner's other lots from that builder, when the show ends. */
export function showLotLine(login: string, won: { item: string; priceCents: number; currency: string; showTitle: string }, payUrl: string): ChatLine {
  return {
    text: `SOLD! @${login} wins ${won.item} at ${money(won.priceCents, won.currency)}. Pay for your lots when the show ends: ${payUrl}`,
    must: true,
    ahead: true,
  };
}

/** The show ended and the chat winner's checkout for a builder's lots is open. */
export function showCheckoutLine(login: string, opened: { item: string; priceCents: number; currency: string; expiresAt: string }, payUrl: string): ChatLine {
  const until = new Date(opened.expiresAt).toISOString().slice(11, 16);
  return {
    text: `@${login} your checkout is open: ${opened.item}, ${money(opened.priceCents, opened.currency)}. Pay by ${until} UTC: ${payUrl}`,
    must: true,
    ahead: true,
  };
}
