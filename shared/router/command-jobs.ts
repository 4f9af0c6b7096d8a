/**
 * @module command-jobs
 * Which use case answers each deferred command, per subscriber: a topic carries only the
 * jobs whose adapters (and secrets) its function has. A job's name is its module's (a typo
 * does not compile), and a test holds every table to the topics the modules name.
 */
import type { CommandUseCase } from '../discord';
import type { CommandJobName } from './modules';

/** A topic's table: some of the modules' jobs, each with its use case. */
type Jobs<D> = Partial<Record<CommandJobName, CommandUseCase<D>>>;
import { buyNow, type BuyNowDeps, postDrop, type PostDropDeps, shipOrder, profileView } from '../marketplace';
import { blockBidder, cancelAuction, configureAuctions, startAuction, unblockBidder, type AuctionDeps, type LotHooks } from '../auctions';
import type { MarketplaceSettings } from '../config';
import { configureGuild } from '../guild';
import { goLive, type GoLiveDeps } from '../live';
import { offerTwitchLink, type TwitchApp, onboardBuilder } from '../onboarding';
import { configureRaces, connectShop, endRace, pressRaceButton, openRace, payRacer, type RaceCommandDeps, walletView, startRace } from '../races';
import { type ChatBiddingDeps, turnChatBiddingOff, turnChatBiddingOn } from '../chatbids';
import { type ShowPaymentDeps, createShow, addLot, listLots, startShow, payShow, configureShows, pressShowButton } from '../shows';

export const discordCommandUseCases = {
  'configure-guild': configureGuild,
  'profile-view': profileView,
  'link-twitch': offerTwitchLink,
  'post-drop': postDrop,
  'ship-order': shipOrder,
  'chat-bidding-on': turnChatBiddingOn,
  'chat-bidding-off': turnChatBiddingOff,
} satisfies Jobs<PostDropDeps & { twitchApp: TwitchApp } & ChatBiddingDeps>;

/** `/c500 profile` jobs published before its job was named `profile-view`, still on the topic while a deploy lands. */
export const discordCommandUseCasesAnyName = { ...discordCommandUseCases, 'show-profile': profileView };

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
  'show-wallet': walletView,
  'configure-races': configureRaces,
  'connect-shop': connectShop,
} satisfies Jobs<RaceCommandDeps>;

export const liveCommandUseCases = {
  'go-live': goLive,
} satisfies Jobs<GoLiveDeps>;

export const auctionCommandUseCases = {
  'start-auction': startAuction,
  'cancel-auction': cancelAuction,
  'configure-auctions': configureAuctions,
  'block-bidder': blockBidder,
  'unblock-bidder': unblockBidder,
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
