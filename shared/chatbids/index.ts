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
import type { JobUseCases } from '../discord';
import type { chatBidRoutes } from './routes';
export { type ChatBid, type ChatBidRead, chatMessageMaxChars, looksLikeChatBid, readChatBid } from './rules/chat-bid';
export { chatLineSeparator } from './rules/chat-lines';
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
export { type ChatAccessNotice, readChatAccessEnded } from './rules/chat-access-notices';
export type { ChatBiddingDeps } from './use-cases/chat-subscription';
export { type ChatBiddingApp, type ChatterWebApp, chatBiddingApp, chatterWebApp } from './rules/chat-app-config';
export type { ChatConsentDeps } from './use-cases/accept-chat-consent';
export type { ChatterSignInDeps } from './use-cases/sign-in-chatter';
export type { ChatPayDeps } from './use-cases/answer-chat-pay';
export type { SealedBidDeps, SealedBidRequest } from './use-cases/answer-sealed-bid';
export { sealedBidPath } from './rules/sealed-bid-page';
export { type ConsentOutcome, type SignInOutcome, type WebAnswer, consentPage } from './rules/chat-pages';
export { chatPayPath, chatterPrivacyPath, chatterSignInUrl, consentRedirectUri, safeNextPath } from './rules/twitch-authorize';
export { looksLikePrivacyAsk, chatterPrivacyUrl } from './rules/chatter-privacy';
export type { ChatterPrivacyDeps, ChatterPrivacyAnswer } from './use-cases/answer-chatter-privacy';
import type * as AnswerChatterPrivacy from './use-cases/answer-chatter-privacy';
import type * as AnswerPrivacyAsk from './use-cases/answer-privacy-ask';
/** `/privacy/twitch`: a chatter's own data behind a Twitch sign-in, to download or erase. */
export const answerChatterPrivacy: typeof AnswerChatterPrivacy.answerChatterPrivacy = (...args) =>
  (require('./use-cases/answer-chatter-privacy') as typeof AnswerChatterPrivacy).answerChatterPrivacy(...args);
/** `!privacy` in chat: answered in chat with the privacy page's link. */
export const answerPrivacyAsk: typeof AnswerPrivacyAsk.answerPrivacyAsk = (...args) =>
  (require('./use-cases/answer-privacy-ask') as typeof AnswerPrivacyAsk).answerPrivacyAsk(...args);

// Use cases load on their first call: the Discord and Twitch ingresses, which only route, never load them.
import type * as AcceptChatConsent from './use-cases/accept-chat-consent';
import type * as AnswerSealedBid from './use-cases/answer-sealed-bid';
import type * as AnswerChatPay from './use-cases/answer-chat-pay';
import type * as ChatAccessEndedCase from './use-cases/chat-access-ended';
import type * as SignInChatter from './use-cases/sign-in-chatter';
import type * as SweepIdleChatters from './use-cases/sweep-idle-chatters';
import type * as TurnChatBiddingOff from './use-cases/turn-chat-bidding-off';
import type * as TurnChatBiddingOn from './use-cases/turn-chat-bidding-on';
import type * as TellWhyChatIsSilent from './use-cases/tell-why-chat-is-silent';
export const acceptChatConsent: typeof AcceptChatConsent.acceptChatConsent = (...args) =>
  (require('./use-cases/accept-chat-consent') as typeof AcceptChatConsent).acceptChatConsent(...args);
export const answerSealedBid: typeof AnswerSealedBid.answerSealedBid = (...args) =>
  (require('./use-cases/answer-sealed-bid') as typeof AnswerSealedBid).answerSealedBid(...args);
export const answerChatPay: typeof AnswerChatPay.answerChatPay = (...args) =>
  (require('./use-cases/answer-chat-pay') as typeof AnswerChatPay).answerChatPay(...args);
/** Twitch ended C500's access to a channel's chat (a `channel.chat.message` revocation, or `user.authorization.revoke`). */
export const chatAccessEnded: typeof ChatAccessEndedCase.chatAccessEnded = (...args) =>
  (require('./use-cases/chat-access-ended') as typeof ChatAccessEndedCase).chatAccessEnded(...args);
/** A streamer went live with chat bidding off: told by DM why chat is silent, once per stream. */
export const tellWhyChatIsSilent: typeof TellWhyChatIsSilent.tellWhyChatIsSilent = (...args) =>
  (require('./use-cases/tell-why-chat-is-silent') as typeof TellWhyChatIsSilent).tellWhyChatIsSilent(...args);
export const answerChatterSignIn: typeof SignInChatter.answerChatterSignIn = (...args) =>
  (require('./use-cases/sign-in-chatter') as typeof SignInChatter).answerChatterSignIn(...args);
/** The retention sweep's part that forgets chatters and turned-off channels a year after their last activity. */
export const sweepIdleChatters: typeof SweepIdleChatters.sweepIdleChatters = (...args) =>
  (require('./use-cases/sweep-idle-chatters') as typeof SweepIdleChatters).sweepIdleChatters(...args);
export const turnChatBiddingOff: typeof TurnChatBiddingOff.turnChatBiddingOff = (...args) =>
  (require('./use-cases/turn-chat-bidding-off') as typeof TurnChatBiddingOff).turnChatBiddingOff(...args);
export const startChatConsent: typeof TurnChatBiddingOn.startChatConsent = (...args) =>
  (require('./use-cases/turn-chat-bidding-on') as typeof TurnChatBiddingOn).startChatConsent(...args);
export const turnChatBiddingOn: typeof TurnChatBiddingOn.turnChatBiddingOn = (...args) =>
  (require('./use-cases/turn-chat-bidding-on') as typeof TurnChatBiddingOn).turnChatBiddingOn(...args);
export { type ChatLine } from '../ports';
export { type ChatDeps, type ChatReplyDeps } from './use-cases/chat-deps';
export { type ChatBidOutcome } from './use-cases/place-chat-bid';
export { finalCallReadAheadMs } from './rules/final-call-read-ahead';

import type * as ChatReach from './use-cases/chat-reach';
import type { ChatMemory } from './use-cases/chat-memory';
export type { ChatMemory };
import type * as PlaceChatBid from './use-cases/place-chat-bid';
import type * as SendChatReplies from './use-cases/send-chat-replies';
import type * as ChatRepliesTask from './use-cases/chat-replies-task';
export const chatBidderReach: typeof ChatReach.chatBidderReach = (...args) => (require('./use-cases/chat-reach') as typeof ChatReach).chatBidderReach(...args);
/** What every `!bid` runs, loaded with the chat bid subscriber's instance, not by the herd's first message. */
export const loadChatBidding = (): void => void require('./use-cases/place-chat-bid');
export const placeChatBid: typeof PlaceChatBid.placeChatBid = (...args) => (require('./use-cases/place-chat-bid') as typeof PlaceChatBid).placeChatBid(...args);
export const sendChatReplies: typeof SendChatReplies.sendChatReplies = (...args) =>
  (require('./use-cases/send-chat-replies') as typeof SendChatReplies).sendChatReplies(...args);
export const parseChatRepliesTask: typeof ChatRepliesTask.parseChatRepliesTask = (...args) =>
  (require('./use-cases/chat-replies-task') as typeof ChatRepliesTask).parseChatRepliesTask(...args);
/** The task that says what is queued for a channel's chat, for the second it runs in (shared by every line of that second). */
export const scheduleChatReplies: typeof ChatRepliesTask.scheduleChatReplies = (...args) =>
  (require('./use-cases/chat-replies-task') as typeof ChatRepliesTask).scheduleChatReplies(...args);
export const queueChatLines: typeof ChatRepliesTask.queueChatLines = (...args) =>
  (require('./use-cases/chat-replies-task') as typeof ChatRepliesTask).queueChatLines(...args);
/** What a chat-bids instance remembers between messages (chat-memory). */
export const newChatMemory = (...args: ConstructorParameters<typeof ChatMemory>): ChatMemory =>
  new (require('./use-cases/chat-memory') as typeof import('./use-cases/chat-memory')).ChatMemory(...args);

/** The use case of each job `/c500 chat-bidding on` and `off` defers to a subscriber; the router serves each on its job's topic. */
export const chatBidJobs = { 'chat-bidding-on': turnChatBiddingOn, 'chat-bidding-off': turnChatBiddingOff } satisfies JobUseCases<typeof chatBidRoutes>;
