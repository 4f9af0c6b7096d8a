/**
 * @module groupbuys
 * Group buys (issue 65): an interest check, then a window with a minimum order quantity, a
 * card saved at joining and charged only when the minimum is met, production proved live
 * tranche by tranche, and a refund right once the ship month passes. See rules/group-buy.ts
 * for the lifecycle.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
export {
  type GroupBuy,
  type GroupBuyExtras,
  type GroupBuyMilestone,
  type GroupBuyStatus,
  type Pledge,
  type PledgeStatus,
  groupBuyLimits,
  groupBuyPath,
  groupBuysCollection,
  pledgePath,
  pledgesCollection,
  chargeKeyOf,
  countsTowardMoq,
  moqMet,
  pledgeAmountCents,
  promisedAtOf,
} from './rules/group-buy';

// ── Interest checks, the start, joining and leaving, the extension (the front half, before the close) ──
import type { JobUseCases } from '../discord';
import type { groupBuyRoutes } from './routes';
export {
  type InterestCheck,
  type Interest,
  interestCheckPath,
  interestChecksCollection,
  interestCollection,
  interestPath,
  isShortIdShaped as looksLikeGroupBuyId,
} from './rules/interest-check';
export { type InterestCheckDeps } from './use-cases/post-interest-check';
export { type InterestDeps } from './use-cases/mark-interest';
export { type StartGroupBuyDeps } from './use-cases/start-group-buy';
export { type GroupBuyCloseTask, groupBuyCloseQueue, groupBuyCloseTaskName, closeSettleMs } from './rules/close-task';
export { groupBuyPost, consentText, refundTerms, progressBar } from './rules/group-buy-messages';
export { type StripeCustomer, cardSetupKind, stripeCustomerPath } from './rules/card-setup';
export { cardNeededWhile } from './rules/saved-card-release';
export { type JoinGroupBuyDeps } from './use-cases/join-group-buy';
export { type LeaveGroupBuyDeps } from './use-cases/leave-group-buy';
export { type CardSavedDeps } from './use-cases/card-saved';
export { type ExtendGroupBuyDeps } from './use-cases/extend-group-buy';
export { type SellExtrasDeps } from './use-cases/sell-extras';
export { extrasDropId } from './rules/extras';
export { type CancelGroupBuyDeps } from './use-cases/cancel-group-buy';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as PostInterestCheck from './use-cases/post-interest-check';
import type * as MarkInterest from './use-cases/mark-interest';
import type * as ListInterest from './use-cases/list-interest';
import type * as StartGroupBuy from './use-cases/start-group-buy';
import type * as GroupBuyPosts from './use-cases/group-buy-posts';
import type * as JoinGroupBuy from './use-cases/join-group-buy';
import type * as LeaveGroupBuy from './use-cases/leave-group-buy';
import type * as CardSaved from './use-cases/card-saved';
import type * as ExtendGroupBuy from './use-cases/extend-group-buy';
import type * as SellExtras from './use-cases/sell-extras';
import type * as CancelGroupBuy from './use-cases/cancel-group-buy';
export const postInterestCheck: typeof PostInterestCheck.postInterestCheck = (...args) =>
  (require('./use-cases/post-interest-check') as typeof PostInterestCheck).postInterestCheck(...args);
export const markInterest: typeof MarkInterest.markInterest = (...args) => (require('./use-cases/mark-interest') as typeof MarkInterest).markInterest(...args);
export const withdrawInterest: typeof MarkInterest.withdrawInterest = (...args) =>
  (require('./use-cases/mark-interest') as typeof MarkInterest).withdrawInterest(...args);
export const listInterest: typeof ListInterest.listInterest = (...args) => (require('./use-cases/list-interest') as typeof ListInterest).listInterest(...args);
export const startGroupBuy: typeof StartGroupBuy.startGroupBuy = (...args) =>
  (require('./use-cases/start-group-buy') as typeof StartGroupBuy).startGroupBuy(...args);
/** The post edited to what the group buy's document says now (the close edits it too). */
export const followGroupBuyPost: typeof GroupBuyPosts.followGroupBuyPost = (...args) =>
  (require('./use-cases/group-buy-posts') as typeof GroupBuyPosts).followGroupBuyPost(...args);
export const joinGroupBuy: typeof JoinGroupBuy.joinGroupBuy = (...args) => (require('./use-cases/join-group-buy') as typeof JoinGroupBuy).joinGroupBuy(...args);
export const leaveGroupBuy: typeof LeaveGroupBuy.leaveGroupBuy = (...args) =>
  (require('./use-cases/leave-group-buy') as typeof LeaveGroupBuy).leaveGroupBuy(...args);
/** A pledge's card saved (Stripe's `checkout.session.completed` in setup mode, routed by payments by its kind). */
export const cardSaved: typeof CardSaved.cardSaved = (...args) => (require('./use-cases/card-saved') as typeof CardSaved).cardSaved(...args);
import type * as AnotherCardSaved from './use-cases/another-card-saved';
/** Another card saved on a pledge's pay page (setup mode, its own kind): the pledge's one PaymentIntent confirmed with it. */
export const anotherCardSaved: typeof AnotherCardSaved.anotherCardSaved = (...args) =>
  (require('./use-cases/another-card-saved') as typeof AnotherCardSaved).anotherCardSaved(...args);
export { anotherCardKind } from './rules/another-card';
export const extendGroupBuy: typeof ExtendGroupBuy.extendGroupBuy = (...args) =>
  (require('./use-cases/extend-group-buy') as typeof ExtendGroupBuy).extendGroupBuy(...args);
import type * as PledgesToLeave from './use-cases/pledges-to-leave';
export type { PledgeToLeave } from './use-cases/pledges-to-leave';
/** A member's pledges still open, each with its post: `/c500 privacy` offers to leave them before an erasure (wired by the router). */
export const pledgesToLeave: typeof PledgesToLeave.pledgesToLeave = (...args) =>
  (require('./use-cases/pledges-to-leave') as typeof PledgesToLeave).pledgesToLeave(...args);
import type * as ErasedInterest from './use-cases/erased-interest';
/** A member's erasure takes them out of every interest check (the counts lowered with it, the post edited): wired by the router into every erasure. */
export const withdrawErasedInterest: typeof ErasedInterest.withdrawErasedInterest = (...args) =>
  (require('./use-cases/erased-interest') as typeof ErasedInterest).withdrawErasedInterest(...args);
import type * as ReleaseSavedCard from './use-cases/release-saved-card';
/** A member's erasure at Stripe: their cards no pledge needs, detached; their customers nothing needs, deleted. */
export const releaseErasedCustomer: typeof ReleaseSavedCard.releaseErasedCustomer = (...args) =>
  (require('./use-cases/release-saved-card') as typeof ReleaseSavedCard).releaseErasedCustomer(...args);
/** `/groupbuy extras`: a funded group buy's units in hand, sold once as a ready-to-ship drop (the marketplace's). */
export const sellExtras: typeof SellExtras.sellExtras = (...args) => (require('./use-cases/sell-extras') as typeof SellExtras).sellExtras(...args);
/** `/groupbuy cancel`: the builder calls it off; the `cancel` chain on its queue lets the pledges go or refunds the orders. */
export const cancelGroupBuy: typeof CancelGroupBuy.cancelGroupBuy = (...args) =>
  (require('./use-cases/cancel-group-buy') as typeof CancelGroupBuy).cancelGroupBuy(...args);

/** The use case of each job `/groupbuy` and its buttons defer to a subscriber; the router serves each on its job's topic. */
export const groupBuyJobs = {
  'post-interest-check': postInterestCheck,
  'mark-interest': markInterest,
  'withdraw-interest': withdrawInterest,
  'list-interest': listInterest,
  'start-group-buy': startGroupBuy,
  'join-group-buy': joinGroupBuy,
  'leave-group-buy': leaveGroupBuy,
  'extend-group-buy': extendGroupBuy,
  'sell-extras': sellExtras,
  'cancel-group-buy': cancelGroupBuy,
} satisfies JobUseCases<typeof groupBuyRoutes>;

// ── The public faces: the page (`/groupbuy/<id>`) and the overlay's feed (`.json`) ──
export { type PublicGroupBuy, type PublicMilestone, publicGroupBuy } from './rules/public-group-buy';
export { type ProductionStep, productionSteps, latestMilestone } from './rules/production';
export { groupBuyPageHtml, groupBuyMissingHtml } from './rules/group-buy-page';
import type * as PublicGroupBuyView from './use-cases/public-group-buy-view';
export const publicGroupBuyView: typeof PublicGroupBuyView.publicGroupBuyView = (...args) =>
  (require('./use-cases/public-group-buy-view') as typeof PublicGroupBuyView).publicGroupBuyView(...args);
// The Join answer's short link to Stripe's page for saving a card (`/groupbuy/<id>?card=<session>`).
export { cardLink } from './rules/card-link';
import type * as OpenCardLink from './use-cases/open-card-link';
export const openCardLink: typeof OpenCardLink.openCardLink = (...args) => (require('./use-cases/open-card-link') as typeof OpenCardLink).openCardLink(...args);
// A pledge's pay page (`/groupbuy/<id>?pay=<order>&key=<key>`): its refused PaymentIntent confirmed on session.
export { type PledgePayDeps, type PledgePayRequest } from './use-cases/pledge-pay';
import type * as PledgePay from './use-cases/pledge-pay';
export const answerPledgePay: typeof PledgePay.answerPledgePay = (...args) => (require('./use-cases/pledge-pay') as typeof PledgePay).answerPledgePay(...args);
export const pledgePayRequest: typeof PledgePay.pledgePayRequest = (...args) =>
  (require('./use-cases/pledge-pay') as typeof PledgePay).pledgePayRequest(...args);

// The close's money half (issue 65, point 4): the close task, the paced charging, the pay links, the orders' registration with payments.
export { type CloseTask, type ChargeTask, type GroupBuyTask, closeTaskOf, parseGroupBuyTask } from './rules/charge-tasks';
export { chargePace, groupBuyOrderId } from './rules/close-rules';
export { type GroupBuyCloseDeps } from './use-cases/close-deps';
// Use cases load on their first call: whatever only reads the rules never loads them.
import type * as RunGroupBuyTask from './use-cases/run-group-buy-task';
import type * as GroupBuyPayments from './use-cases/group-buy-payments';
export const runGroupBuyTask: typeof RunGroupBuyTask.runGroupBuyTask = (...args) =>
  (require('./use-cases/run-group-buy-task') as typeof RunGroupBuyTask).runGroupBuyTask(...args);
/** What payments asks of a group buy's order (registered by the router for orders from `groupbuy`). */
export const groupBuyPayments: typeof GroupBuyPayments.groupBuyPayments = (...args) =>
  (require('./use-cases/group-buy-payments') as typeof GroupBuyPayments).groupBuyPayments(...args);
/** The channel of a group buy's order (its post's), for the queue's late notice to a buyer whose DMs are closed; none for another order. */
export const groupBuyChannelOf: typeof GroupBuyPayments.groupBuyChannelOf = (...args) =>
  (require('./use-cases/group-buy-payments') as typeof GroupBuyPayments).groupBuyChannelOf(...args);
