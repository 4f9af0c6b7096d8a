/**
 * @module races
 * Race lobbies: racers join a stream's race, merch sold while it runs (Stripe, Ko-fi,
 * Shopify) credits them a commission, and wallets and payouts.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { raceRoutes } from './routes';
export { commissionPool, splitCommission } from './rules/commission';
export { type PotShard, type RaceLobby, raceLobbiesCollection, raceLobbyPath } from './rules/race';
export { type SaleRecord, parseShopEventMessage, salesCollection } from './rules/sale';
export { type UnfoldedSale, unfoldedSalesCollection, walletTail } from './rules/sale-fold';
export { type SecretShop, type ShopConnections, shopConnectionsPath, shopSecretsDatabase } from './rules/shop-connection';
export { type LedgerKind, type Payout, type RacerLine, type Wallet, payoutsCollection, sumWallet, walletDelta, walletShardsPath } from './rules/wallet';
export { racerLineOf } from './rules/race-journal';
export { type RaceCommandDeps, type RaceDeps } from './use-cases/race-deps';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as AcceptShopSale from './use-cases/accept-shop-sale';
import type * as ConfigureRaces from './use-cases/configure-races';
import type * as EndRace from './use-cases/end-race';
import type * as ForgetShopConnector from './use-cases/forget-shop-connector';
import type * as JoinOrLeaveRace from './use-cases/join-or-leave-race';
import type * as MerchPayments from './use-cases/merch-payments';
import type * as OpenRace from './use-cases/open-race';
import type * as PayRacer from './use-cases/pay-racer';
import type * as PotView from './use-cases/pot-view';
import type * as RaceTasks from './use-cases/race-tasks';
import type * as RecordShopEvent from './use-cases/record-shop-event';
import type * as RefreshRaceMessage from './use-cases/refresh-race-message';
import type * as ShopSecret from './use-cases/shop-secret';
import type * as StartRace from './use-cases/start-race';
import type * as WalletView from './use-cases/wallet-view';
import type * as RaceBalances from './use-cases/race-balances';
/** A racer's wallet on a server: balances folded from the journal, with their name and races. */
export const readWallet: typeof RaceBalances.readWallet = (...args) => (require('./use-cases/race-balances') as typeof RaceBalances).readWallet(...args);
export const acceptKofiSale: typeof AcceptShopSale.acceptKofiSale = (...args) =>
  (require('./use-cases/accept-shop-sale') as typeof AcceptShopSale).acceptKofiSale(...args);
export const acceptShopifyEvent: typeof AcceptShopSale.acceptShopifyEvent = (...args) =>
  (require('./use-cases/accept-shop-sale') as typeof AcceptShopSale).acceptShopifyEvent(...args);
export const configureRaces: typeof ConfigureRaces.configureRaces = (...args) =>
  (require('./use-cases/configure-races') as typeof ConfigureRaces).configureRaces(...args);
export const connectShop: typeof ConfigureRaces.connectShop = (...args) =>
  (require('./use-cases/configure-races') as typeof ConfigureRaces).connectShop(...args);
/** A member's erasure: the shops they connected say an admin did, no longer who. */
export const forgetShopConnector: typeof ForgetShopConnector.forgetShopConnector = (...args) =>
  (require('./use-cases/forget-shop-connector') as typeof ForgetShopConnector).forgetShopConnector(...args);
export const closeRaceOnTime: typeof EndRace.closeRaceOnTime = (...args) => (require('./use-cases/end-race') as typeof EndRace).closeRaceOnTime(...args);
export const endRace: typeof EndRace.endRace = (...args) => (require('./use-cases/end-race') as typeof EndRace).endRace(...args);
export const pressRaceButton: typeof JoinOrLeaveRace.pressRaceButton = (...args) =>
  (require('./use-cases/join-or-leave-race') as typeof JoinOrLeaveRace).pressRaceButton(...args);
export const merchPayments: typeof MerchPayments.merchPayments = (...args) =>
  (require('./use-cases/merch-payments') as typeof MerchPayments).merchPayments(...args);
export const merchSaleView: typeof MerchPayments.merchSaleView = (...args) =>
  (require('./use-cases/merch-payments') as typeof MerchPayments).merchSaleView(...args);
export const openRace: typeof OpenRace.openRace = (...args) => (require('./use-cases/open-race') as typeof OpenRace).openRace(...args);
export const payRacer: typeof PayRacer.payRacer = (...args) => (require('./use-cases/pay-racer') as typeof PayRacer).payRacer(...args);
export const potView: typeof PotView.potView = (...args) => (require('./use-cases/pot-view') as typeof PotView).potView(...args);
export const parseLobbyTask: typeof RaceTasks.parseLobbyTask = (...args) => (require('./use-cases/race-tasks') as typeof RaceTasks).parseLobbyTask(...args);
export const parseRaceMessageTask: typeof RaceTasks.parseRaceMessageTask = (...args) =>
  (require('./use-cases/race-tasks') as typeof RaceTasks).parseRaceMessageTask(...args);
export const recordShopEvent: typeof RecordShopEvent.recordShopEvent = (...args) =>
  (require('./use-cases/record-shop-event') as typeof RecordShopEvent).recordShopEvent(...args);
export const refreshRaceMessage: typeof RefreshRaceMessage.refreshRaceMessage = (...args) =>
  (require('./use-cases/refresh-race-message') as typeof RefreshRaceMessage).refreshRaceMessage(...args);
export const secretOfShop: typeof ShopSecret.secretOfShop = (...args) => (require('./use-cases/shop-secret') as typeof ShopSecret).secretOfShop(...args);
export const startRace: typeof StartRace.startRace = (...args) => (require('./use-cases/start-race') as typeof StartRace).startRace(...args);
export const walletView: typeof WalletView.walletView = (...args) => (require('./use-cases/wallet-view') as typeof WalletView).walletView(...args);

/** The use case of each job `/race`, `/wallet`, `/payout` and the lobby's buttons defers to a subscriber; the router serves each on its job's topic. */
export const raceJobs = {
  'open-race': openRace,
  'start-race': startRace,
  'end-race': endRace,
  'race-button': pressRaceButton,
  'wallet-view': walletView,
  'configure-races': configureRaces,
  'connect-shop': connectShop,
  'pay-racer': payRacer,
} satisfies JobUseCases<typeof raceRoutes>;
