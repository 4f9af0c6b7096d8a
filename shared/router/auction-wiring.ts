/**
 * @module auction-wiring
 * The auction engine with the shows that run on it: the hammer and the auction start are
 * handed what a show does around its lots. Put together here, above both modules, so that
 * auctions never import shows.
 */
import { auctionDeps, auctionPaymentDeps, type Platform } from '../platform';
import type { AuctionDeps, AuctionPaymentDeps, HammerDeps, LotHooks } from '../auctions';
import type { MarketplaceSettings } from '../config';
import { showLots } from '../shows';
import { chatReach } from './chat-wiring';

/** The auctions' payment deps with how they reach chatters: for everything that opens an auction's or a lot's checkout. */
export function auctionPaymentWiring(platform: Platform): AuctionPaymentDeps {
  return { ...auctionPaymentDeps(platform), bidders: chatReach(platform) };
}

/** For the hammer and the sweep. */
export function hammerDeps(platform: Platform): HammerDeps {
  const deps = auctionPaymentWiring(platform);
  return { ...deps, lots: showLots(deps) };
}

/** For `/c500 auction start` and `cancel`. */
export function auctionCommandDeps(platform: Platform): AuctionDeps & { marketplace: MarketplaceSettings; lots: Pick<LotHooks, 'channelHeldBy'> } {
  const deps = auctionPaymentWiring(platform);
  return { ...auctionDeps(platform), marketplace: platform.config.marketplace, lots: showLots(deps) };
}
