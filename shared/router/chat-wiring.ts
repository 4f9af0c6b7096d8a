/**
 * @module chat-wiring
 * Chat bids put together with the auctions they bid in: how auctions reach a chatter
 * (`BidderReach`), and what the bid subscribers (Discord's and chat's) and the chat's
 * replies are given. Above both modules, so that auctions never import chat bids.
 */
import type { Platform } from '../platform';
import { isBlockedBuyer, loadBidding, trustedOnRecord, type BidderReach, type placeBid } from '../auctions';
import { chatBidderReach, loadChatBidding, newChatMemory, type ChatDeps, type ChatMemory, type ChatReplyDeps } from '../chatbids';
import { loadScheduling } from '../common';
import { loadCommandJobs } from '../discord';
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

/**
 * For the bids from Discord, made with the instance: the book decides each, and a chatter it
 * outbids is told in chat. Only a bidder the book refuses as new loads the store. What every
 * bid runs is loaded here too, so a lot's first bids never wait on a module load.
 */
export function bidDeps(platform: Platform): Parameters<typeof placeBid>[0] {
  loadBidPath();
  return {
    book: platform.auctionBook(),
    discord: platform.discord(),
    tasks: platform.tasks(),
    clock: platform.clock,
    currency: platform.config.marketplace.currency,
    bidders: chatReach(platform),
    trustedOnRecord: (bidderId) => trustedOnRecord({ store: platform.store(), book: platform.auctionBook(), clock: platform.clock }, bidderId),
    blockedWhy: (guildId, bidderId) => isBlockedBuyer(platform.store(), guildId, bidderId),
  };
}

/** A viewer's sealed bid from its private page: what the `!bid` subscriber decides with, per request. */
export function sealedBidDeps(platform: Platform): () => { chat: ChatDeps; bidders: BidderReach } {
  loadBidPath();
  return () => ({ chat: chatDeps(platform), bidders: chatReach(platform) });
}

/** What the `!bid` subscriber keeps for its instance's life: its deps, the short-lived memory of chatters and channels, and how auctions reach chatters. */
export function chatBidWiring(platform: Platform): { deps: ChatDeps; memory: ChatMemory; bidders: BidderReach } {
  // What every `!bid` runs, loaded with the instance rather than by the herd's first message.
  loadChatBidding();
  loadBidPath();
  const deps = chatDeps(platform);
  return { deps, memory: newChatMemory(deps.store, platform.clock), bidders: chatReach(platform) };
}

/** What deciding any bid runs, Discord's or chat's: the book's use cases, the answer's edit, the tasks they schedule. */
function loadBidPath(): void {
  loadBidding();
  loadCommandJobs();
  loadScheduling();
}

function chatDeps(platform: Platform): ChatDeps {
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
    // Asked only for a `!bid` typed in a sealed final call: Helix's Delete Chat Messages, as the bot.
    deleteChatMessage: async (message) => (await platform.twitchChat().deleteMessage?.(message)) ?? 'not-permitted',
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
