/**
 * @module chat-wiring
 * Chat bids put together with the auctions they bid in: how auctions reach a chatter
 * (`BidderReach`), and what the chat subscribers are given. Above both modules, so that
 * auctions never import chat bids.
 */
import type { Platform } from '../platform';
import { trustedOnRecord, type BidderReach } from '../auctions';
import { chatBidderReach, type ChatDeps, type ChatReplyDeps } from '../chatbids';
import { chatRateLimits, chatSendMarginMs } from '../ports';

export function chatReach(platform: Platform): BidderReach {
  return chatBidderReach({
    store: () => platform.store(),
    discord: () => platform.discord(),
    outbox: platform.chatOutbox(),
    tasks: platform.tasks(),
    clock: platform.clock,
    publicBaseUrl: platform.config.publicBaseUrl,
  });
}

export function chatDeps(platform: Platform): ChatDeps {
  const { config } = platform;
  return {
    store: platform.store(),
    book: platform.auctionBook(),
    discord: platform.discord(),
    tasks: platform.tasks(),
    clock: platform.clock,
    outbox: platform.chatOutbox(),
    currency: config.marketplace.currency,
    publicBaseUrl: config.publicBaseUrl,
    botUserId: config.twitchBot.userId,
    trustedOnRecord: (bidderId) => trustedOnRecord({ store: platform.store(), book: platform.auctionBook(), clock: platform.clock }, bidderId),
  };
}

/** Twitch's budget for the bot in a channel: more as a moderator there. One message a second whatever the budget. */
export function chatReplyDeps(platform: Platform): ChatReplyDeps {
  const perWindow = platform.config.twitchBot.moderator ? chatRateLimits.asModerator : chatRateLimits.asViewer;
  return {
    tasks: platform.tasks(),
    clock: platform.clock,
    outbox: platform.chatOutbox(),
    chat: platform.twitchChat(),
    budget: { perWindow, windowMs: chatRateLimits.windowMs, spacingMs: 1_000, marginMs: chatSendMarginMs },
  };
}
