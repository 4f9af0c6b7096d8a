/**
 * @module command-jobs
 * Which use case answers each deferred command, per subscriber: a topic carries only the
 * jobs whose adapters (and secrets) its function has. A job's name is its module's (a typo
 * does not compile), and a test holds every table to the topics the modules name.
 */
import type { CommandUseCase } from '../discord/use-cases/run-command-job';
import type { CommandJobName } from './modules';

/** A topic's table: some of the modules' jobs, each with its use case. */
type Jobs<D> = Partial<Record<CommandJobName, CommandUseCase<D>>>;
import { buyNow, type BuyNowDeps } from '../marketplace/use-cases/buy-now';
import { cancelAuction } from '../auctions/use-cases/cancel-auction';
import { startAuction } from '../auctions/use-cases/start-auction';
import type { AuctionDeps, LotHooks } from '../auctions/use-cases/auction-deps';
import type { MarketplaceSettings } from '../config';
import { configureGuild } from '../guild/use-cases/configure-guild';
import { goLive, type GoLiveDeps } from '../live/use-cases/go-live';
import { offerTwitchLink, type TwitchApp } from '../onboarding/use-cases/offer-twitch-link';
import { onboardBuilder } from '../onboarding/use-cases/onboard-builder';
import { postDrop, type PostDropDeps } from '../marketplace/use-cases/post-drop';
import { shipOrder } from '../marketplace/use-cases/ship-order';
import { showProfile } from '../marketplace/use-cases/profile-view';
import { configureRaces, connectShop } from '../races/use-cases/configure-races';
import { endRace } from '../races/use-cases/end-race';
import { pressRaceButton } from '../races/use-cases/join-or-leave-race';
import { openRace } from '../races/use-cases/open-race';
import { payRacer } from '../races/use-cases/pay-racer';
import type { RaceCommandDeps } from '../races/use-cases/race-deps';
import { showWallet } from '../races/use-cases/wallet-view';
import { startRace } from '../races/use-cases/start-race';
import type { ShowPaymentDeps } from '../shows/use-cases/show-deps';
import { createShow } from '../shows/use-cases/create-show';
import { addLot } from '../shows/use-cases/add-lot';
import { listLots } from '../shows/use-cases/arrange-lots';
import { startShow } from '../shows/use-cases/start-show';
import { payShow } from '../shows/use-cases/pay-show';
import { configureShows } from '../shows/use-cases/show-settings';
import { pressShowButton } from '../shows/use-cases/show-controls';

export const discordCommandUseCases = {
  'configure-guild': configureGuild,
  'show-profile': showProfile,
  'link-twitch': offerTwitchLink,
  'post-drop': postDrop,
  'ship-order': shipOrder,
} satisfies Jobs<PostDropDeps & { twitchApp: TwitchApp }>;

export const stripeCommandUseCases = {
  'onboard-builder': onboardBuilder,
  'buy-now': buyNow,
  'pay-racer': payRacer,
} satisfies Jobs<BuyNowDeps & { platformCountry: string }>;

export const raceCommandUseCases = {
  'open-race': openRace,
  'start-race': startRace,
  'end-race': endRace,
  'race-button': pressRaceButton,
  'show-wallet': showWallet,
  'configure-races': configureRaces,
  'connect-shop': connectShop,
} satisfies Jobs<RaceCommandDeps>;

export const liveCommandUseCases = {
  'go-live': goLive,
} satisfies Jobs<GoLiveDeps>;

export const auctionCommandUseCases = {
  'start-auction': startAuction,
  'cancel-auction': cancelAuction,
} satisfies Jobs<AuctionDeps & { marketplace: MarketplaceSettings; lots: Pick<LotHooks, 'channelHeldBy'> }>;

export const showCommandUseCases = {
  'create-show': createShow,
  'add-lot': addLot,
  'list-lots': listLots,
  'start-show': startShow,
  'pay-show': payShow,
  'configure-shows': configureShows,
  'show-button': pressShowButton,
} satisfies Jobs<ShowPaymentDeps>;
