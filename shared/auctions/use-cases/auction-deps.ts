/**
 * @module auction-deps
 * What the auction use cases are given: the ports and settings, one options object.
 */
import type { AuctionBook, Clock, DiscordMessenger, DocumentStore, Payments, TaskQueue } from '../../ports';
import type { AuctionSettings, MarketplaceSettings } from '../../config';

export interface AuctionDeps {
  store: DocumentStore;
  book: AuctionBook;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
  auctions: AuctionSettings;
}

/** The hammer and the second chances also open checkouts. */
export interface AuctionPaymentDeps extends AuctionDeps {
  payments: Payments;
  marketplace: MarketplaceSettings;
  publicBaseUrl: string;
}
