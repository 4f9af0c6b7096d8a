/**
 * @module command-use-cases
 * Which use case answers each deferred command, per subscriber: a topic carries only the
 * jobs whose adapters (and secrets) its function has.
 */
import type { CommandUseCases } from './run-command-job';
import { buyNow, type BuyNowDeps } from '../marketplace/buy-now';
import { cancelAuction } from '../auctions/cancel-auction';
import { startAuction } from '../auctions/start-auction';
import type { AuctionDeps } from '../auctions/auction-deps';
import type { MarketplaceSettings } from '../../config';
import { configureGuild } from '../guild/configure-guild';
import { goLive, type GoLiveDeps } from '../live/go-live';
import { offerTwitchLink, type TwitchApp } from '../onboarding/offer-twitch-link';
import { onboardBuilder } from '../onboarding/onboard-builder';
import { postDrop, type PostDropDeps } from '../marketplace/post-drop';
import { shipOrder } from '../marketplace/ship-order';
import { showProfile } from '../marketplace/show-profile';
import { configureRaces, connectShop } from '../races/configure-races';
import { endRace } from '../races/end-race';
import { pressRaceButton } from '../races/join-or-leave-race';
import { openRace } from '../races/open-race';
import { payRacer } from '../races/pay-racer';
import type { RaceCommandDeps } from '../races/race-deps';
import { showWallet } from '../races/show-wallet';
import { startRace } from '../races/start-race';
import type { ShowPaymentDeps } from '../shows/show-deps';
import { createShow } from '../shows/create-show';
import { addLot } from '../shows/add-lot';
import { listLots } from '../shows/arrange-lots';
import { startShow } from '../shows/start-show';
import { payShow } from '../shows/pay-show';
import { configureShows } from '../shows/show-settings';
import { pressShowButton } from '../shows/show-controls';

export const discordCommandUseCases: CommandUseCases<PostDropDeps & { twitchApp: TwitchApp }> = {
  'configure-guild': configureGuild,
  'show-profile': showProfile,
  'link-twitch': offerTwitchLink,
  'post-drop': postDrop,
  'ship-order': shipOrder,
};

export const stripeCommandUseCases: CommandUseCases<BuyNowDeps & { platformCountry: string }> = {
  'onboard-builder': onboardBuilder,
  'buy-now': buyNow,
  'pay-racer': payRacer,
};

export const raceCommandUseCases: CommandUseCases<RaceCommandDeps> = {
  'open-race': openRace,
  'start-race': startRace,
  'end-race': endRace,
  'race-button': pressRaceButton,
  'show-wallet': showWallet,
  'configure-races': configureRaces,
  'connect-shop': connectShop,
};

export const liveCommandUseCases: CommandUseCases<GoLiveDeps> = {
  'go-live': goLive,
};

export const auctionCommandUseCases: CommandUseCases<AuctionDeps & { marketplace: MarketplaceSettings }> = {
  'start-auction': startAuction,
  'cancel-auction': cancelAuction,
};

export const showCommandUseCases: CommandUseCases<ShowPaymentDeps> = {
  'create-show': createShow,
  'add-lot': addLot,
  'list-lots': listLots,
  'start-show': startShow,
  'pay-show': payShow,
  'configure-shows': configureShows,
  'show-button': pressShowButton,
};
