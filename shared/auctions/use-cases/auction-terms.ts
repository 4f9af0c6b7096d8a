/**
 * @module auction-terms
 * From the Firestore auction to what the book runs on, and the snapshot it starts as:
 * the embed posted before the book holds the auction shows exactly what the book will.
 */
import { nextMinimum, type AuctionSnapshot, type AuctionTerms } from '../rules/auction-book';
import { finalCallMsOf, streamDelayMsOf, type Auction } from '../rules/auction';

/** `builderLinkedIds`: the builder's other accounts as the book knows bidders (linked-identities), read when it opens. */
export function termsOf(auction: Auction, messageId: string, builderLinkedIds: readonly string[] = []): AuctionTerms {
  return {
    auctionId: auction.auctionId,
    guildId: auction.guildId,
    channelId: auction.channelId,
    messageId,
    builderId: auction.builderId,
    builderLinkedIds,
    item: auction.item,
    currency: auction.currency,
    startCents: auction.startCents,
    reserveCents: auction.reserveCents,
    opensAtMs: Date.parse(auction.startedAt),
    endsAtMs: Date.parse(auction.endsAt),
    streamDelayMs: streamDelayMsOf(auction),
    finalCallMs: finalCallMsOf(auction),
    counterBidMs: auction.suddenDeath ? 0 : auction.counterBidSeconds * 1000,
    suddenDeath: auction.suddenDeath,
    settleMs: auction.settleMs,
    ladder: auction.ladder,
    ...(auction.drawSeed !== undefined ? { drawSeed: auction.drawSeed } : {}),
  };
}

export function snapshotOfTerms(terms: AuctionTerms): AuctionSnapshot {
  return {
    auctionId: terms.auctionId,
    channelId: terms.channelId,
    messageId: terms.messageId,
    builderId: terms.builderId,
    item: terms.item,
    currency: terms.currency,
    status: 'live',
    startCents: terms.startCents,
    reserveCents: terms.reserveCents,
    priceCents: terms.startCents,
    nextMinimumCents: nextMinimum({ priceCents: terms.startCents, startCents: terms.startCents }, terms.ladder),
    endsAtMs: terms.endsAtMs,
    version: 0,
    bidCount: 0,
    reserveMet: terms.reserveCents === 0,
    suddenDeath: terms.suddenDeath,
    counterBidMs: terms.counterBidMs,
    settleMs: terms.settleMs,
    streamDelayMs: terms.streamDelayMs,
    finalCallMs: terms.finalCallMs,
  };
}
