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
