/**
 * @module command-use-cases
 * Which use case answers each deferred command, per subscriber: a topic carries only the
 * jobs whose adapters (and secrets) its function has.
 */
import type { CommandUseCases } from './run-command-job';
import { buyNow, type BuyNowDeps } from './buy-now';
import { cancelAuction } from './cancel-auction';
import { startAuction } from './start-auction';
import type { AuctionDeps } from './auction-deps';
import type { MarketplaceSettings } from '../config';
import { configureGuild } from './configure-guild';
import { goLive, type GoLiveDeps } from './go-live';
import { offerTwitchLink, type TwitchApp } from './offer-twitch-link';
import { onboardBuilder } from './onboard-builder';
import { postDrop, type PostDropDeps } from './post-drop';
import { shipOrder } from './ship-order';
import { showProfile } from './show-profile';
import { configureRaces, connectShop } from './configure-races';
import { endRace } from './end-race';
import { pressRaceButton } from './join-race';
import { openRace } from './open-race';
import { payRacer } from './pay-racer';
import type { RaceCommandDeps } from './race-deps';
import { showWallet } from './show-wallet';
import { startRace } from './start-race';

export const discordCommandUseCases: CommandUseCases<PostDropDeps & { twitchApp: TwitchApp }> = {
  'configure-guild': configureGuild,
  'show-profile': showProfile,
  'link-twitch': offerTwitchLink,
  'post-drop': postDrop,
  'ship-order': shipOrder,
};

export const paymentCommandUseCases: CommandUseCases<BuyNowDeps & { platformCountry: string }> = {
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
