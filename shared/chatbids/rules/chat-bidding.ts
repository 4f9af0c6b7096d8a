/**
 * @module chat-bidding
 * What the store keeps for bids from Twitch chat.
 *
 * - `chatBidding/<broadcaster id>`: whether chat in that Twitch channel may bid, who turned it
 *   on or off, and for whom (the Discord member whose linked channel it is: a builder or a
 *   show host) and in which server.
 * - `twitchBidders/<twitch user id>`: a chatter who has signed in with Twitch on our page
 *   once (identity only), so their bids count; and when we last told them to.
 */
import { collectionPath, docPath } from '../../ports';
import { twitchBidderId, twitchBidderPrefix } from '../../auctions';

export interface ChatBidding {
  broadcasterId: string;
  /** The channel's login, for the chat replies' `@` and the overlay. */
  login: string;
  /** The Discord member whose linked channel this is: their auctions and shows take chat bids. */
  ownerId: string;
  guildId: string;
  on: boolean;
  /** The broadcaster granted `channel:bot` (or made the bot a moderator): the bot may read and write their chat. */
  consentAt?: string;
  /** The `channel.chat.message` EventSub subscription, while chat bidding is on. */
  subscriptionId?: string;
  changedBy: string;
  changedAt: string;
  /** Why it went off when nobody chose it: Twitch revoked the subscription or the grant. */
  offReason?: 'revoked' | 'authorization-revoked';
}

export const chatBiddingCollection = collectionPath<ChatBidding>('chatBidding');
export const chatBiddingPath = (broadcasterId: string) => docPath<ChatBidding>(`${chatBiddingCollection}/${broadcasterId}`);

export interface TwitchBidder {
  twitchUserId: string;
  login: string;
  displayName: string;
  /** Set once they signed in with Twitch on our page: from then on their bids count. */
  linkedAt?: string;
  /** When chat last told them to sign in: once, however many `!bid`s they type before. */
  toldToLinkAt?: string;
}

export const twitchBiddersCollection = collectionPath<TwitchBidder>('twitchBidders');
export const twitchBidderPath = (twitchUserId: string) => docPath<TwitchBidder>(`${twitchBiddersCollection}/${twitchUserId}`);

/** How a chatter is a bidder in the book, as auctions names a Twitch account there. */
export const chatBidderPrefix = twitchBidderPrefix;
export const chatBidderId = twitchBidderId;

export function twitchUserIdOf(bidderId: string): string | undefined {
  if (!bidderId.startsWith(chatBidderPrefix)) return undefined;
  const id = bidderId.slice(chatBidderPrefix.length);
  return /^\d{1,20}$/.test(id) ? id : undefined;
}

/** Twitch user ids are digits; logins are 1-25 of [a-z0-9_]. Everything from a request is checked before use. */
export const isTwitchUserId = (id: unknown): id is string => typeof id === 'string' && /^\d{1,20}$/.test(id);
export const isTwitchLogin = (login: unknown): login is string => typeof login === 'string' && /^[a-z0-9_]{1,25}$/i.test(login);
