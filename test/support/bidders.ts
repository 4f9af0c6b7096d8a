/**
 * For tests of Discord-only auctions: every bidder is a Discord member, so the reach for
 * others (chatters) is never asked to tell anyone; if it is, the test fails.
 */
import type { BidderReach } from '../../shared/auctions';

export const discordMembersOnly: BidderReach = {
  reaches: () => false,
  tellOutbid: () => Promise.reject(new Error('a Discord-only test told a chatter they were outbid')),
  tellOffer: () => Promise.reject(new Error('a Discord-only test offered a lot to a chatter')),
  // A Discord member's win: no chat bids on these auctions, so no chat to tell.
  tellSoldInDiscord: () => Promise.resolve(),
  // The final call's start: no chat bids on these auctions, so no chat to tell.
  tellFinalCall: () => Promise.resolve(),
  tellShowLot: () => Promise.reject(new Error('a Discord-only test told a chatter of a show lot')),
  tellShowCheckout: () => Promise.reject(new Error('a Discord-only test sent a chatter a show checkout')),
};
