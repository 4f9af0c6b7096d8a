/**
 * @module orders
 * An order: one buyer, one thing bought (a drop's unit, a won lot, a commission's place, a
 * giveaway's prize), its status and what is known of its money's path. This module owns its
 * shape, its paths, how an old stored shape is read, and how its price splits between the
 * platform, a show's host and the builder.
 *
 * This file is the module's only public face: other modules import from here, never from its folders.
 */
export {
  orderStatuses,
  orderStatusWords,
  type OrderStatus,
  type ProofOfWork,
  maxOrdersPerLive,
  type Order,
  type GivenRefund,
  refusedGiveBack,
  type ShippingAddress,
  carriers,
  type Carrier,
  carrierNames,
  type ReleaseIntent,
  type Party,
  type Payouts,
  type PartyPayout,
  type PendingReversal,
  chargedCents,
  builderDueCents,
  builderPartOfRefund,
  releasableCents,
  type Refunds,
  sourceIdOf,
  type CheckoutSource,
  checkoutSourceOf,
  checkoutKinds,
  isOrderIdShaped,
  normalizeOrderId,
} from './rules/order';
export { checkoutMetadata } from './rules/checkout-metadata';
export { ordersCollection, orderPath } from './rules/order-paths';
export { type LabelPayer, type LabelQuote, type OfferedRate, type OrderLabel, type ParcelChoice } from './rules/order-label';
export { type Sale, newOrder } from './rules/new-order';
export { type StoredOrder, upgradeOrder } from './rules/upgrade-order';
export {
  orderDisputeStates,
  type OrderDisputeState,
  type OrderDispute,
  type DisputedPart,
  type OrderInquiry,
  type PastDispute,
  type ReleaseHold,
} from './rules/order-dispute';
export {
  milestones,
  type Milestone,
  type Tranche,
  type CommissionTerms,
  type Advance,
  type MilestoneProof,
  type PlaceEnd,
  type OrderCommission,
} from './rules/order-commission';
export { fraudOutcomes, type FraudOutcome, type OrderFraudWarning } from './rules/order-fraud-warning';
export {
  type FailedRefund,
  type RefundSnapshot,
  snapshotCounts,
  stillRefundedCents,
  laterSnapshot,
  withKnowledge,
  failuresOnCharge,
  type GivenOnCharge,
  type KnownOnCharge,
  failedBefore,
  knownSnapshot,
} from './rules/failed-refunds';
export {
  type LotSplit,
  ratesFit,
  hostCutThatFits,
  splitLot,
  partOfRefund,
  type RefundedLot,
  hostPartOfRefund,
  hostReleasableCents,
  spreadRefund,
  spreadShipping,
  spreadOverOrders,
} from './rules/split-money';
export {
  parcelStatuses,
  type ParcelStatus,
  type OrderParcel,
  parcelMoves,
  parcelStatusOf,
  parcelStatusWords,
  takesParcelMove,
  isParcelException,
} from './rules/parcel-moves';
export {
  chargeEntry,
  disputeEntries,
  handPaymentEntry,
  ledgerScopeOf,
  moneyDoneWith,
  ordersToClear,
  refundEntry,
  reversalEntry,
  transferEntry,
} from './rules/order-journal';
export { deliveryWindow, deliveryWindowDays, lastPayoutGate, type GateOpenedBy, type GateWait, type PayoutGate, type GatedOrder } from './rules/delivery-gate';
export { orderMoves, statusMoves, type StatusMove, orderMoveProblem, IllegalOrderMove } from './rules/order-moves';
export type { OrderFact, OrderFactKind, OrderFactOf } from './rules/facts/fact-kinds';
export type { PaidFields } from './rules/facts/checkout-facts';
export { orderFactHandlers, orderFactKinds, factUpdate, unownedFields } from './rules/order-facts';
export { type OwnedField, type FactHandler, ownerOf } from './rules/facts/fact-handler';
/** Whether an admin's choice for a returned or lost parcel may still give way to another (a reship whose label was not bought, to a refund). */
export { mayBecome as parcelChoiceMayBecome, choiceForParcelNow, parcelIndexOf, reshipBuying, reshipPurchaseLeaseMs } from './rules/facts/parcel-facts';

// The writer loads on its first call: the ingresses that read an order's rules write none.
import type * as WriteOrder from './use-cases/write-order';
const writing = () => require('./use-cases/write-order') as typeof WriteOrder;
export const createOrder: typeof WriteOrder.createOrder = (...args) => writing().createOrder(...args);
export const applyOrderFact: typeof WriteOrder.applyOrderFact = (...args) => writing().applyOrderFact(...args);
export const noteOrderFact: typeof WriteOrder.noteOrderFact = (...args) => writing().noteOrderFact(...args);
