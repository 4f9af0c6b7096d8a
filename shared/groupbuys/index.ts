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

// The close's money half (issue 65, point 4): the close task, the paced charging, the pay links, the orders' registration with payments.
export { type CloseTask, type ChargeTask, type GroupBuyTask, closeTaskName, closeTaskOf, parseGroupBuyTask } from './rules/charge-tasks';
export { chargePace, groupBuyOrderId } from './rules/close-rules';
export { closedPost } from './rules/close-messages';
export { type GroupBuyCloseDeps } from './use-cases/close-deps';
// Use cases load on their first call: whatever only reads the rules never loads them.
import type * as RunGroupBuyTask from './use-cases/run-group-buy-task';
import type * as GroupBuyPayments from './use-cases/group-buy-payments';
import type * as SettleFunding from './use-cases/settle-funding';
export const runGroupBuyTask: typeof RunGroupBuyTask.runGroupBuyTask = (...args) =>
  (require('./use-cases/run-group-buy-task') as typeof RunGroupBuyTask).runGroupBuyTask(...args);
/** What payments asks of a group buy's order (registered by the router for orders from `groupbuy`). */
export const groupBuyPayments: typeof GroupBuyPayments.groupBuyPayments = (...args) =>
  (require('./use-cases/group-buy-payments') as typeof GroupBuyPayments).groupBuyPayments(...args);
/** The post edited to the group buy as it stands once closed. */
export const followClosedPost: typeof SettleFunding.followClosedPost = (...args) =>
  (require('./use-cases/settle-funding') as typeof SettleFunding).followClosedPost(...args);
