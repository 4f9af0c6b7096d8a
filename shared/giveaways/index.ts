/**
 * @module giveaways
 * Giveaways (issue 53): a sponsor's prize, free to enter from Discord or Twitch chat, one
 * entry a person, drawn from a seed sealed at rest whose SHA-256 is published at the start
 * and revealed at the draw, bound to the entry list fixed at the close, so no one can steer
 * it and anyone can recompute the winners; a winner confirms in time with their
 * address or the next round picks another, and the prize ships as an order.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { giveawayRoutes } from './routes';
export { commitmentOf, drawRounds, entriesHashOf, pseudonymOf, roundIndex, verifiesCommitment } from './rules/draw';
export {
  type Giveaway,
  type GiveawayEntry,
  type GiveawayRound,
  type GiveawayTask,
  giveawayPath,
  giveawaySeedPath,
  giveawaysCollection,
  entriesCollection,
  entryPath,
  parseGiveawayTask,
} from './rules/giveaway';
export { type PublicGiveaway, giveawayNotFoundHtml, giveawayPageHtml, rulesPageHtml } from './rules/giveaway-pages';
export { type StartGiveawayDeps } from './use-cases/start-giveaway';
export { type DrawDeps } from './use-cases/draw-giveaway';
export { type ClaimPrizeDeps } from './use-cases/claim-prize';
export { type ChatEntryDeps } from './use-cases/enter-from-chat';

export { looksLikeChatEntry } from './rules/chat-entry';
// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as StartGiveaway from './use-cases/start-giveaway';
import type * as EnterGiveaway from './use-cases/enter-giveaway';
import type * as EnterFromChat from './use-cases/enter-from-chat';
import type * as DrawGiveaway from './use-cases/draw-giveaway';
import type * as ClaimPrize from './use-cases/claim-prize';
import type * as PublicGiveawayView from './use-cases/public-giveaway';
import type * as PrizePayments from './use-cases/prize-payments';
/** What payments asks of a prize's order (registered by the router for orders from `giveaway`). */
export const prizePayments: typeof PrizePayments.prizePayments = (...args) =>
  (require('./use-cases/prize-payments') as typeof PrizePayments).prizePayments(...args);
export const startGiveaway: typeof StartGiveaway.startGiveaway = (...args) =>
  (require('./use-cases/start-giveaway') as typeof StartGiveaway).startGiveaway(...args);
export const enterGiveaway: typeof EnterGiveaway.enterGiveaway = (...args) =>
  (require('./use-cases/enter-giveaway') as typeof EnterGiveaway).enterGiveaway(...args);
export const enterFromChat: typeof EnterFromChat.enterFromChat = (...args) =>
  (require('./use-cases/enter-from-chat') as typeof EnterFromChat).enterFromChat(...args);
export const runGiveawayTask: typeof DrawGiveaway.runGiveawayTask = (...args) =>
  (require('./use-cases/draw-giveaway') as typeof DrawGiveaway).runGiveawayTask(...args);
export const claimPrize: typeof ClaimPrize.claimPrize = (...args) => (require('./use-cases/claim-prize') as typeof ClaimPrize).claimPrize(...args);
export const publicGiveawayView: typeof PublicGiveawayView.publicGiveawayView = (...args) =>
  (require('./use-cases/public-giveaway') as typeof PublicGiveawayView).publicGiveawayView(...args);

/** The use case of each job `/giveaway` and its buttons defer to a subscriber; the router serves each on its job's topic. */
export const giveawayJobs = {
  'start-giveaway': startGiveaway,
  'enter-giveaway': enterGiveaway,
  'claim-prize': claimPrize,
} satisfies JobUseCases<typeof giveawayRoutes>;
