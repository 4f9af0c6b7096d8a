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
export type { ChatAccessEnded, ChatAccessEndedDeps } from './use-cases/chat-access-ended';
export type { ChatBiddingDeps } from './use-cases/chat-subscription';
export { type ChatBiddingApp, type ChatterWebApp, chatBiddingApp, chatterWebApp } from './rules/chat-app-config';
export type { ChatConsentDeps } from './use-cases/accept-chat-consent';
export type { ChatterSignInDeps } from './use-cases/sign-in-chatter';
export type { ChatPayDeps } from './use-cases/answer-chat-pay';
export { type ConsentOutcome, type SignInOutcome, type WebAnswer, consentPage } from './rules/chat-pages';
export { chatPayPath, chatterSignInUrl, consentRedirectUri, safeNextPath } from './rules/twitch-authorize';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as AcceptChatConsent from './use-cases/accept-chat-consent';
import type * as AnswerChatPay from './use-cases/answer-chat-pay';
import type * as ChatAccessEndedCase from './use-cases/chat-access-ended';
import type * as SignInChatter from './use-cases/sign-in-chatter';
import type * as TurnChatBiddingOff from './use-cases/turn-chat-bidding-off';
import type * as TurnChatBiddingOn from './use-cases/turn-chat-bidding-on';
export const acceptChatConsent: typeof AcceptChatConsent.acceptChatConsent = (...args) =>
  (require('./use-cases/accept-chat-consent') as typeof AcceptChatConsent).acceptChatConsent(...args);
export const answerChatPay: typeof AnswerChatPay.answerChatPay = (...args) =>
  (require('./use-cases/answer-chat-pay') as typeof AnswerChatPay).answerChatPay(...args);
/** Twitch ended C500's access to a channel's chat (a `channel.chat.message` revocation, or `user.authorization.revoke`). */
export const chatAccessEnded: typeof ChatAccessEndedCase.chatAccessEnded = (...args) =>
  (require('./use-cases/chat-access-ended') as typeof ChatAccessEndedCase).chatAccessEnded(...args);
export const answerChatterSignIn: typeof SignInChatter.answerChatterSignIn = (...args) =>
  (require('./use-cases/sign-in-chatter') as typeof SignInChatter).answerChatterSignIn(...args);
export const turnChatBiddingOff: typeof TurnChatBiddingOff.turnChatBiddingOff = (...args) =>
  (require('./use-cases/turn-chat-bidding-off') as typeof TurnChatBiddingOff).turnChatBiddingOff(...args);
export const turnChatBiddingOn: typeof TurnChatBiddingOn.turnChatBiddingOn = (...args) =>
  (require('./use-cases/turn-chat-bidding-on') as typeof TurnChatBiddingOn).turnChatBiddingOn(...args);
