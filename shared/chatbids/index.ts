/**
 * @module chatbids
 * Bids from Twitch chat: `!bid` in the chat of a channel whose builder or show host turned
 * chat bidding on is a bid in the same book as Discord's, by a chatter who signed in with
 * Twitch once; the bot's replies batched within Twitch's chat limits; a chat winner told in
 * chat and paying on a page that asks them to sign in with Twitch first.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
export { type ChatBid, type ChatBidRead, chatMessageMaxChars, looksLikeChatBid, readChatBid } from './rules/chat-bid';
export { type ChatBidJob, type ChatMessageRoute, isChatBidJob, routeChatMessage } from './rules/chat-bid-job';
export {
  type ChatBidding,
  type TwitchBidder,
  chatBidderId,
  chatBidderPrefix,
  chatBiddingCollection,
  chatBiddingPath,
  isTwitchLogin,
  isTwitchUserId,
  twitchBidderPath,
  twitchBiddersCollection,
  twitchUserIdOf,
} from './rules/chat-bidding';
