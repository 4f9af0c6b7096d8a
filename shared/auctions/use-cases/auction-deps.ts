/**
 * @module auction-deps
 * What the auction use cases are given: the ports and settings, one options object.
 */
import type { AuctionBook, AuctionSnapshot, Clock, DiscordMessenger, DocumentStore, Payments, TaskQueue } from '../../ports';
import type { AuctionSettings, MarketplaceSettings } from '../../config';
import type { Auction, AuctionOffer } from '../rules/auction';
import type { Order } from '../../orders';

export interface AuctionDeps {
  store: DocumentStore;
  book: AuctionBook;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
  auctions: AuctionSettings;
}

/**
 * Bidders who are not Discord members (chatters bidding from Twitch chat) are told what
 * happened to their bids elsewhere; the module that brings them fills this in, and
 * auctions know nothing more of it. A bidder it does not reach is a Discord member.
 */
export interface BidderReach {
  reaches(bidderId: string): boolean;
  /** Their lead was taken: `responseToken` is what their bid carried. */
  tellOutbid(displaced: { bidderId: string; responseToken: string }, snapshot: AuctionSnapshot): Promise<void>;
  /** They won (or a runner-up's second chance came to them): where and by when to pay. */
  tellOffer(offer: BidderOffer): Promise<void>;
  /**
   * A Discord member won: where the auction's channel has chat bidding on, its chat hears the
   * lot sold (to "a bidder in Discord", never a member's name), so the chatters who bid are not
   * left with a loser as the last leader they were told of.
   */
  tellSoldInDiscord(sold: { auction: Auction; priceCents: number }): Promise<void>;
  /**
   * The final call began (the stated end passed with no counter-bid moving it): where the
   * auction's channel has chat bidding on, chat hears that bids are now sealed and until when.
   * Once per end, however often its task is delivered.
   */
  tellFinalCall(call: { auction: Auction; snapshot: AuctionSnapshot }): Promise<void>;
  /** They won a show's lot: they pay for their lots from a builder in one checkout, when the show ends. */
  tellShowLot(won: BidderShowNotice): Promise<void>;
  /** Their show checkout opened: where and by when to pay. */
  tellShowCheckout(opened: BidderShowNotice & { expiresAt: string }): Promise<void>;
}

export interface BidderShowNotice {
  bidderId: string;
  /** Whose chat the show ran in: the host's. */
  hostId: string;
  showTitle: string;
  /** The lot (or the checkout's first lot): its order is what the pay page is named by. */
  orderId: string;
  item: string;
  priceCents: number;
  currency: string;
  /** The checkout's or notice's own id: each is said once. */
  noticeId: string;
}

export interface BidderOffer {
  auction: Auction;
  offer: AuctionOffer;
  /** When the Checkout Session, and so the offer, expires. */
  expiresAt: string;
}

/** The hammer and the second chances also open checkouts. */
export interface AuctionPaymentDeps extends AuctionDeps {
  payments: Payments;
  marketplace: MarketplaceSettings;
  publicBaseUrl: string;
  bidders: BidderReach;
}

/**
 * What a module that runs auctions as its lots (shows) does around them. Auctions know
 * nothing more of it: the functions that host the hammer and the start put the two together.
 */
export interface LotHooks {
  /** What holds a channel's auctions between its own (a show on air, by its title), if anything does. */
  channelHeldBy(channelId: string): Promise<string | undefined>;
  /** A lot's auction hammered and its result is recorded: its winner's checkout, and what comes next. */
  hammered(auction: Auction): Promise<void>;
  /** Lots' orders were paid, refunded or passed on. */
  settled(orders: Order[]): Promise<void>;
}

/** The hammer, and the sweep that hammers what a hammer could not: with what a lot's hammer sets off. */
export interface HammerDeps extends AuctionPaymentDeps {
  lots: LotHooks;
}
