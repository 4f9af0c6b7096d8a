/**
 * @module auction-wiring
 * What the auction functions are handed. The auction engine with the shows that run on it:
 * the hammer and the auction start are handed what a show does around its lots. Put
 * together here, above both modules, so that auctions never import shows.
 */
import type { Platform } from '../platform';
import type { AuctionDeps, AuctionPaymentDeps, HammerDeps, LotHooks } from '../auctions';
import type { MarketplaceSettings } from '../config';
import { showLots } from '../shows';
import { chatReach } from './chat-wiring';

/** What every auction use case is handed. */
export function auctionDeps(platform: Platform): AuctionDeps {
  return {
    store: platform.store(),
    book: platform.auctionBook(),
    discord: platform.discord(),
    tasks: platform.tasks(),
    clock: platform.clock,
    auctions: platform.config.auctions,
  };
}

/** The hammer and the Stripe events also open checkouts. Everything but how to reach bidders who are not Discord members. */
function auctionPaymentDeps(platform: Platform): Omit<AuctionPaymentDeps, 'bidders'> {
  const { config } = platform;
  return { ...auctionDeps(platform), payments: platform.payments(), marketplace: config.marketplace, publicBaseUrl: config.publicBaseUrl };
}

/** The auctions' payment deps with how they reach chatters: for everything that opens an auction's or a lot's checkout (the shows' commands and their next lot too). */
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
