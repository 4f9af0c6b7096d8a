/**
 * @module payments
 * Money: orders and their Stripe Checkout Sessions, the Stripe events (one dispatch from a
 * session's kind to the module that sold it), refunds that arrive first, releases to
 * builders and hosts and their reversals. Modules register what they do around their own
 * orders (`PaymentModules`); payments imports none of them.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
export { buyerPaidOutsideEntry, buyerSettlements, type BuyerSettlement, owedAfterLoss, owedToBuyerEntry, owedToBuyerOf } from './rules/owed-to-buyer';
export { chargebackPaysOwedEntries, givenBackMoney, type GivenBackMoney } from './rules/given-back-disputed';
export { paidLate } from './rules/given-back-again';
export { type CheckoutMerchView } from './rules/checkout-views';
export { canStillSend, checkoutDeadline, stripeRefusesExpiry } from './rules/checkout-window';
export { closedDmNotices } from './rules/closed-dm-messages';
export { releaseInFlightProblems, releasePendingEntry, releasePosted, releaseVoided } from './rules/release-pending';
export { cutOwedEntry, type HostPayout, type PaidByHand, hostPayoutPath, hostPayoutsCollection, owedNowCents } from './rules/host-payout';
export {
  type ProofView,
  bestProofOf,
  clockTime,
  describeProof,
  offsetIntoVideo,
  proofLabel,
  twitchTimeParameter,
  vodProof,
  vodUrl,
} from './rules/proof-of-work';
export { advanceFor, advanceKey, advancedNetCents, builderEntitledCents } from './rules/advances';
export { commissionSteps, dueBy, isLater, nextStep, trancheCents } from './rules/tranches';
export { platformResults, type PlatformResult, type PlatformResults, type ResultOrder } from './rules/platform-result';
export { adminToTell, autoRefundsFraud, clearFraudHold, guildFraudSettingsPath, type GuildFraudSettings } from './rules/fraud-warning';
export { disputeKeys, disputeTakeBack, disputedParts, releasableAfterLoss, releaseHold } from './rules/dispute-rules';
export { type RefundEvent, type SaleRefundRecord, type Shop, refundWaitKey, saleKey, saleRefundPath, shops } from './rules/refunds';
export { addressLines, arrangeShippingNote, shipToText } from './rules/order-messages';
export { type StripeEvent, idOf, parseStripeEvent, text } from './rules/stripe-event';
export { type DisputeFact, disputeFactOf, type SeenDispute, parseDispute } from './rules/stripe-dispute';
export { type PaymentDeps } from './use-cases/apply-payment';
export { type CheckoutHolder } from './use-cases/open-checkout';
export { type GiveRefundDeps } from './use-cases/give-refund';
export { givenRefundKey, maxRefundReasonLength, readRefundForm, refundableCents } from './rules/given-refunds';
export { refundRefusals } from './rules/refund-messages';
export { type BundleKind, type BundleView, type OrderSource, type OtherPayments, type PaymentModules } from './use-cases/payment-modules';
export { type PaymentArrived } from './use-cases/waiting-refunds';
export { type OffSessionPayment } from './use-cases/pay-off-session';
export { paidOnSession } from './rules/payment-marks';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as AcceptStripeEvent from './use-cases/accept-stripe-event';
import type * as DisputeMoney from './use-cases/dispute-money';
import type * as ExpireCheckout from './use-cases/expire-checkout';
import type * as FindCheckoutOrder from './use-cases/find-checkout-order';
import type * as GiveRefund from './use-cases/give-refund';
import type * as HandleStripeEvent from './use-cases/handle-stripe-event';
import type * as OpenCheckout from './use-cases/open-checkout';
import type * as PayOffSession from './use-cases/pay-off-session';
import type * as ReleaseHostCut from './use-cases/release-host-cut';
import type * as ReverseShares from './use-cases/reverse-shares';
import type * as WaitingRefunds from './use-cases/waiting-refunds';
export const acceptStripeEvent: typeof AcceptStripeEvent.acceptStripeEvent = (...args) =>
  (require('./use-cases/accept-stripe-event') as typeof AcceptStripeEvent).acceptStripeEvent(...args);
export const takeBackForDispute: typeof DisputeMoney.takeBackForDispute = (...args) =>
  (require('./use-cases/dispute-money') as typeof DisputeMoney).takeBackForDispute(...args);
export const giveBackAfterWin: typeof DisputeMoney.giveBackAfterWin = (...args) =>
  (require('./use-cases/dispute-money') as typeof DisputeMoney).giveBackAfterWin(...args);
export const finishHeldReturns: typeof DisputeMoney.finishHeldReturns = (...args) =>
  (require('./use-cases/dispute-money') as typeof DisputeMoney).finishHeldReturns(...args);
export const expireCheckout: typeof ExpireCheckout.expireCheckout = (...args) =>
  (require('./use-cases/expire-checkout') as typeof ExpireCheckout).expireCheckout(...args);
export const parseCheckoutExpiry: typeof ExpireCheckout.parseCheckoutExpiry = (...args) =>
  (require('./use-cases/expire-checkout') as typeof ExpireCheckout).parseCheckoutExpiry(...args);
export const scheduleCheckoutExpiry: typeof ExpireCheckout.scheduleCheckoutExpiry = (...args) =>
  (require('./use-cases/expire-checkout') as typeof ExpireCheckout).scheduleCheckoutExpiry(...args);
export const findCheckoutOrder: typeof FindCheckoutOrder.findCheckoutOrder = (...args) =>
  (require('./use-cases/find-checkout-order') as typeof FindCheckoutOrder).findCheckoutOrder(...args);
export const giveRefund: typeof GiveRefund.giveRefund = (...args) => (require('./use-cases/give-refund') as typeof GiveRefund).giveRefund(...args);
/** The refund `/c500 refund` gives, asked by another press (a returned or lost parcel's Refund). */
export const refundAsAsked: typeof GiveRefund.refundAsAsked = (...args) => (require('./use-cases/give-refund') as typeof GiveRefund).refundAsAsked(...args);
/** Whether the refund `/c500 refund` gives could be given now, checked in the caller's transaction (its refusal's words, or undefined). */
export const refundBlocked: typeof GiveRefund.refundBlocked = (...args) => (require('./use-cases/give-refund') as typeof GiveRefund).refundBlocked(...args);
export const askRefund: typeof GiveRefund.askRefund = (...args) => (require('./use-cases/give-refund') as typeof GiveRefund).askRefund(...args);
export const handleStripeEvent: typeof HandleStripeEvent.handleStripeEvent = (...args) =>
  (require('./use-cases/handle-stripe-event') as typeof HandleStripeEvent).handleStripeEvent(...args);
export const openCheckoutFor: typeof OpenCheckout.openCheckoutFor = (...args) =>
  (require('./use-cases/open-checkout') as typeof OpenCheckout).openCheckoutFor(...args);
export const openOrderCheckout: typeof OpenCheckout.openOrderCheckout = (...args) =>
  (require('./use-cases/open-checkout') as typeof OpenCheckout).openOrderCheckout(...args);
export const payOffSession: typeof PayOffSession.payOffSession = (...args) =>
  (require('./use-cases/pay-off-session') as typeof PayOffSession).payOffSession(...args);
export const payOnSession: typeof PayOffSession.payOnSession = (...args) =>
  (require('./use-cases/pay-off-session') as typeof PayOffSession).payOnSession(...args);
export const hostCutPending: typeof ReleaseHostCut.hostCutPending = (...args) =>
  (require('./use-cases/release-host-cut') as typeof ReleaseHostCut).hostCutPending(...args);
export const releaseHostCut: typeof ReleaseHostCut.releaseHostCut = (...args) =>
  (require('./use-cases/release-host-cut') as typeof ReleaseHostCut).releaseHostCut(...args);
export const reverseShares: typeof ReverseShares.reverseShares = (...args) =>
  (require('./use-cases/reverse-shares') as typeof ReverseShares).reverseShares(...args);
export const finishPendingReversals: typeof ReverseShares.finishPendingReversals = (...args) =>
  (require('./use-cases/reverse-shares') as typeof ReverseShares).finishPendingReversals(...args);
export const takeWaitingRefunds: typeof WaitingRefunds.takeWaitingRefunds = (...args) =>
  (require('./use-cases/waiting-refunds') as typeof WaitingRefunds).takeWaitingRefunds(...args);
export const waitForPayment: typeof WaitingRefunds.waitForPayment = (...args) =>
  (require('./use-cases/waiting-refunds') as typeof WaitingRefunds).waitForPayment(...args);
import type * as Reconcile from './use-cases/reconcile';
export type { ReadDeps, ReconcileDeps } from './use-cases/reconcile';
export const lastReconciliation: typeof Reconcile.lastReconciliation = (...args) =>
  (require('./use-cases/reconcile') as typeof Reconcile).lastReconciliation(...args);
export const reconciledAt: typeof Reconcile.reconciledAt = (...args) => (require('./use-cases/reconcile') as typeof Reconcile).reconciledAt(...args);
export const reconcileGuild: typeof Reconcile.reconcileGuild = (...args) => (require('./use-cases/reconcile') as typeof Reconcile).reconcileGuild(...args);
export const guildJournal: typeof Reconcile.guildJournal = (...args) => (require('./use-cases/reconcile') as typeof Reconcile).guildJournal(...args);
export const reconcileAll: typeof Reconcile.reconcileAll = (...args) => (require('./use-cases/reconcile') as typeof Reconcile).reconcileAll(...args);
export const reconcileAndReport: typeof Reconcile.reconcileAndReport = (...args) =>
  (require('./use-cases/reconcile') as typeof Reconcile).reconcileAndReport(...args);
