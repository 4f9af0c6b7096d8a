/** The auctions, snapshots and bid results the auction message tests build on, and the colours they expect. */
import type { AuctionSnapshot, BidOutcome, BidResult } from '../rules/auction-book';
import type { Auction } from '../rules/auction';
import type { auctionEmbed } from '../rules/auction-messages';

export const EPHEMERAL = 64;
export const gold = 0xf5c451;
export const mint = 0xb5e8c8;
export const rose = 0xf4a6b7;

export const builder = '100000000000000001';
export const member = '200000000000000002';
export const channel = '300000000000000003';
/** 1,700,000,123.456 s: a Discord timestamp shows whole seconds, rounded down. */
export const endsAtMs = 1_700_000_123_456;
export const endsTag = '<t:1700000123:R>';
/** The end to the second, and the 20 s final call after it. */
export const endsText = '<t:1700000123:T> (<t:1700000123:R>), then a sealed final call of 20s until <t:1700000143:T>';

export function snapshot(over: Partial<AuctionSnapshot> = {}): AuctionSnapshot {
  return {
    auctionId: 'a1b2c3d4',
    channelId: channel,
    messageId: '400000000000000004',
    builderId: builder,
    item: 'Tofu65 in e-white',
    currency: 'usd',
    startCents: 2_500,
    reserveCents: 0,
    endsAtMs,
    counterBidMs: 30_000,
    suddenDeath: false,
    settleMs: 2_000,
    streamDelayMs: 0,
    finalCallMs: 20_000,
    status: 'live',
    priceCents: 2_500,
    nextMinimumCents: 2_500,
    version: 1,
    bidCount: 0,
    reserveMet: false,
    ...over,
  };
}

/** Ann leads at $40.00 after three bids; the next bid must be $42.00. */
export const led = (over: Partial<AuctionSnapshot> = {}) =>
  snapshot({ priceCents: 4_000, nextMinimumCents: 4_200, leaderId: member, leaderName: 'Ann', bidCount: 3, ...over });

export function auction(over: Partial<Auction> = {}): Auction {
  return {
    auctionId: 'a1b2c3d4',
    guildId: '900000000000000009',
    channelId: channel,
    builderId: builder,
    builderName: 'Kai',
    item: 'Tofu65 in e-white',
    currency: 'usd',
    startCents: 2_500,
    reserveCents: 0,
    counterBidSeconds: 30,
    suddenDeath: false,
    settleMs: 2_000,
    ladder: [{ fromCents: 0, stepCents: 100 }],
    startedAt: '2026-11-25T18:00:00.000Z',
    endsAt: '2026-11-25T18:10:00.000Z',
    status: 'live',
    ...over,
  };
}

export function answer(outcome: BidOutcome, over: Partial<BidResult> = {}): BidResult {
  return { outcome, repeat: false, snapshot: led(), extended: false, embed: { kind: 'none' }, ...over };
}

export const embedOf = (message: ReturnType<typeof auctionEmbed>) => message.embeds?.[0];
