/**
 * @module board-wiring
 * What an auction's board (the overlay OBS polls), the trailing edit of its embed, a
 * builder's public queue page and a group buy's public page are handed: the book, the store
 * and the clock, nothing of another module (a pledge's pay page, Stripe too). These run often, and load only their own module
 * (a show's board and run sheet: show-board-wiring).
 */
import type { Platform } from '../platform';
import type { auctionBoardView, refreshAuctionEmbed } from '../auctions';
import type { publicQueueView } from '../queue';
import type { PledgePayDeps, publicGroupBuyView } from '../groupbuys';

/** The auction board an overlay polls. */
export function auctionBoardDeps(platform: Platform): Parameters<typeof auctionBoardView>[0] {
  return { book: platform.auctionBook(), store: platform.store(), clock: platform.clock };
}

/** The trailing edit of a live auction's embed. */
export function auctionEmbedDeps(platform: Platform): Parameters<typeof refreshAuctionEmbed>[0] {
  return { book: platform.auctionBook(), discord: platform.discord(), clock: platform.clock };
}

/** A builder's public queue page. */
export function queuePageDeps(platform: Platform): Parameters<typeof publicQueueView>[0] {
  return { store: platform.store(), clock: platform.clock };
}

/** A group buy's public page and the feed its overlay polls. */
export function groupBuyPageDeps(platform: Platform): Parameters<typeof publicGroupBuyView>[0] {
  return { store: platform.store(), clock: platform.clock };
}

/** A pledge's pay page: the store and the clock to read it, and Stripe to confirm its PaymentIntent when the buyer presses Pay. */
export function pledgePayDeps(platform: Platform): PledgePayDeps {
  return { store: platform.store(), clock: platform.clock, payments: platform.payments(), publicBaseUrl: platform.config.publicBaseUrl };
}
