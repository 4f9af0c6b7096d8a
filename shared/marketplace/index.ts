/**
 * @module marketplace
 * Drops and Buy Now: `/c500 drop`, a drop's post and its stock, the buyer's checkout, the
 * profile, and shipping.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { marketplaceRoutes } from './routes';
import { giveRefund } from '../payments';
export { type Drop, type StockShard } from './rules/drop';
export { type BuyNowDeps } from './use-cases/buy-now';
export { type PostDropDeps } from './use-cases/post-drop';
export { type PlaceDropDeps, type DropListing, type DropOrigin, type Placed } from './use-cases/place-drop';
export { type DropDraft } from './rules/drop-form';
export { type OrderSweepDeps, type OrderSweepReport } from './use-cases/sweep-orders';
export { carrierNames } from './rules/tracking';
export { trackingLine } from './rules/ship-messages';
/** A blocked buyer's words, Buy Now's and a group buy's Join's alike. */
export { buyRefusals } from './rules/drop-messages';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as BuyNow from './use-cases/buy-now';
import type * as DropPayments from './use-cases/drop-payments';
import type * as PostDrop from './use-cases/post-drop';
import type * as PlaceDrop from './use-cases/place-drop';
import type * as ProfileView from './use-cases/profile-view';
import type * as ShipOrder from './use-cases/ship-order';
import type * as BuyLabel from './use-cases/buy-label';
import type * as RecordLabelRefund from './use-cases/record-label-refund';
import type * as BuyLabelWave from './use-cases/buy-label-wave';
import type * as ChooseForParcel from './use-cases/choose-for-parcel';
import type * as ConfirmReceived from './use-cases/confirm-received';
import type * as ReleaseByHand from './use-cases/release-by-hand';
import type * as SweepOrders from './use-cases/sweep-orders';
import type * as FreeSlot from './use-cases/free-slot';
import type * as TrackParcel from './use-cases/track-parcel';
import type * as AcceptCarrierWebhook from './use-cases/accept-carrier-webhook';
export const buyNow: typeof BuyNow.buyNow = (...args) => (require('./use-cases/buy-now') as typeof BuyNow).buyNow(...args);
export const dropPayments: typeof DropPayments.dropPayments = (...args) => (require('./use-cases/drop-payments') as typeof DropPayments).dropPayments(...args);
export const postDrop: typeof PostDrop.postDrop = (...args) => (require('./use-cases/post-drop') as typeof PostDrop).postDrop(...args);
/** The one way a drop is made and posted: `/c500 drop`'s, and a group buy's extras. */
export const placeDrop: typeof PlaceDrop.placeDrop = (...args) => (require('./use-cases/place-drop') as typeof PlaceDrop).placeDrop(...args);
export const profileView: typeof ProfileView.profileView = (...args) => (require('./use-cases/profile-view') as typeof ProfileView).profileView(...args);
export const shipOrder: typeof ShipOrder.shipOrder = (...args) => (require('./use-cases/ship-order') as typeof ShipOrder).shipOrder(...args);
/** A rate's button, pressed: the label bought once, the order shipped, its cost in the journal. */
export const buyLabel: typeof BuyLabel.buyLabel = (...args) => (require('./use-cases/buy-label') as typeof BuyLabel).buyLabel(...args);
/** A shipping wave's button, pressed: its batches of labels scheduled, once. */
export const buyLabelWave: typeof BuyLabelWave.buyLabelWave = (...args) => (require('./use-cases/buy-label-wave') as typeof BuyLabelWave).buyLabelWave(...args);
/** A batch of a shipping wave (the `label-wave` task): a few labels bought as a press buys each, then the next batch, then the builder's one summary. */
export const runLabelWaveBatch: typeof BuyLabelWave.runLabelWaveBatch = (...args) =>
  (require('./use-cases/buy-label-wave') as typeof BuyLabelWave).runLabelWaveBatch(...args);
export { parseWaveTask, type WaveTask } from './rules/label-waves';
export { type LabelWaveDeps } from './use-cases/buy-label-wave';
/** The carrier gave a label's money back: its cost comes back in the journal, once. */
export const recordLabelRefund: typeof RecordLabelRefund.recordLabelRefund = (...args) =>
  (require('./use-cases/record-label-refund') as typeof RecordLabelRefund).recordLabelRefund(...args);
export const confirmReceived: typeof ConfirmReceived.confirmReceived = (...args) =>
  (require('./use-cases/confirm-received') as typeof ConfirmReceived).confirmReceived(...args);
/** An admin's `/order release`: a proved order's held last payout goes without its delivery. */
export const releaseByHand: typeof ReleaseByHand.releaseByHand = (...args) =>
  (require('./use-cases/release-by-hand') as typeof ReleaseByHand).releaseByHand(...args);
/** A cancelled commission's slot back on its drop (the queue's cancel is handed it, above the modules). */
export const freeSlot: typeof FreeSlot.freeSlot = (...args) => (require('./use-cases/free-slot') as typeof FreeSlot).freeSlot(...args);
/** The channel of an order's drop (where the queue tells a buyer whose DMs are closed). */
export const dropChannelOf: typeof FreeSlot.dropChannelOf = (...args) => (require('./use-cases/free-slot') as typeof FreeSlot).dropChannelOf(...args);
/** The carrier's webhook checked and published (the carrier ingress); light, but loaded on first call as the rest, so the module's rules stay off the log. */
export const acceptCarrierWebhook: typeof AcceptCarrierWebhook.acceptCarrierWebhook = (...args) =>
  (require('./use-cases/accept-carrier-webhook') as typeof AcceptCarrierWebhook).acceptCarrierWebhook(...args);
export const parseCarrierEventMessage: typeof AcceptCarrierWebhook.parseCarrierEventMessage = (...args) =>
  (require('./use-cases/accept-carrier-webhook') as typeof AcceptCarrierWebhook).parseCarrierEventMessage(...args);
/** The carrier's tracker update moving its shipped order's parcel (the carrier-events subscriber). */
export const trackParcel: typeof TrackParcel.trackParcel = (...args) => (require('./use-cases/track-parcel') as typeof TrackParcel).trackParcel(...args);
export const sweepOrders: typeof SweepOrders.sweepOrders = (...args) => (require('./use-cases/sweep-orders') as typeof SweepOrders).sweepOrders(...args);

/** A returned or lost parcel's Reship and Refund presses (the admin's DM). */
export const reshipParcel: typeof ChooseForParcel.reshipParcel = (...args) =>
  (require('./use-cases/choose-for-parcel') as typeof ChooseForParcel).reshipParcel(...args);
export const refundParcel: typeof ChooseForParcel.refundParcel = (...args) =>
  (require('./use-cases/choose-for-parcel') as typeof ChooseForParcel).refundParcel(...args);

/** The use case of each job the marketplace's commands, modal and Buy Now defers to a subscriber; the router serves each on its job's topic. */
export const marketplaceJobs = {
  'profile-view': profileView,
  'post-drop': postDrop,
  'ship-order': shipOrder,
  'buy-now': buyNow,
  // Payments owns refunds; the command sits with the order commands builders know.
  'refund-order': giveRefund,
  'confirm-received': confirmReceived,
  'buy-label': buyLabel,
  'buy-label-wave': buyLabelWave,
  'release-order': releaseByHand,
  'parcel-reship': reshipParcel,
  'parcel-refund': refundParcel,
} satisfies JobUseCases<typeof marketplaceRoutes>;
