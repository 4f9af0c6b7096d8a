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
export { type ChatLine } from '../ports';
export { type ChatDeps, type ChatReplyDeps } from './use-cases/chat-deps';
export { type ChatBidOutcome } from './use-cases/place-chat-bid';

// Use cases load on their first call: the Twitch ingress, which only filters chat, never loads them.
import type * as ChatReach from './use-cases/chat-reach';
import type { ChatMemory } from './use-cases/chat-memory';
export type { ChatMemory };
import type * as PlaceChatBid from './use-cases/place-chat-bid';
import type * as SendChatReplies from './use-cases/send-chat-replies';
import type * as ChatRepliesTask from './use-cases/chat-replies-task';
export const chatBidderReach: typeof ChatReach.chatBidderReach = (...args) => (require('./use-cases/chat-reach') as typeof ChatReach).chatBidderReach(...args);
export const placeChatBid: typeof PlaceChatBid.placeChatBid = (...args) => (require('./use-cases/place-chat-bid') as typeof PlaceChatBid).placeChatBid(...args);
export const sendChatReplies: typeof SendChatReplies.sendChatReplies = (...args) =>
  (require('./use-cases/send-chat-replies') as typeof SendChatReplies).sendChatReplies(...args);
export const parseChatRepliesTask: typeof ChatRepliesTask.parseChatRepliesTask = (...args) =>
  (require('./use-cases/chat-replies-task') as typeof ChatRepliesTask).parseChatRepliesTask(...args);
/** What a chat-bids instance remembers between messages (chat-memory). */
export const newChatMemory = (...args: ConstructorParameters<typeof ChatMemory>): ChatMemory =>
  new (require('./use-cases/chat-memory') as typeof import('./use-cases/chat-memory')).ChatMemory(...args);
