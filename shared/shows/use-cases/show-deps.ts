/**
 * @module show-deps
 * What the show use cases are given: a show runs on the auction engine, so its ports are
 * the auctions' (the book, the hammer's queue), and Pay now opens checkouts like a hammer.
 */
import type { MarketplaceSettings } from '../../config';
import type { AuctionDeps, AuctionPaymentDeps } from '../../auctions';

/** Running a show: lots go up as auctions, the run sheet is edited. */
export type ShowDeps = AuctionDeps & { marketplace: MarketplaceSettings };

/** Commands that may also open a winner's checkout (Pay now, the end of a show). */
export type ShowPaymentDeps = AuctionPaymentDeps;
