/**
 * @module track-parcel
 * The carrier-events subscriber's work: a tracker update (verified at the ingress) moves the
 * parcel of the shipped order with that tracking code, once per carrier event and only forward
 * (orders' parcel-moves), and the people who hear of it are told once each. A tracker for no
 * order, an order not shipped, and an update stale or seen already change nothing.
 *
 * Delivered, the parcel opens the order's delivery gate as the buyer's Received does: through
 * the same release (live's `releaseWaitingOrder`, which checks the gate again and goes once),
 * at once when the server's window is zero days or already passed (a delayed event), else by
 * the order sweep when it passes. A redelivered delivered event asks again (a release cut
 * short by a crash is finished; one made already sends nothing). Returned or lost opens nothing.
 * The release is batch work (stripe-work): a label wave's parcels are delivered by the hundred
 * in one carrier sweep, nobody waiting on any one transfer, so they leave a person's tokens.
 */
import type { Clock, DiscordMessenger, DocumentStore, TrackingUpdate } from '../../ports';
import { tellOnce } from '../../discord';
import { applyOrderFact, isParcelException, orderPath, ordersCollection, parcelStatusOf, takesParcelMove, type Order, type ParcelStatus } from '../../orders';
import { adminToTell, guildFraudSettingsPath } from '../../payments';
import { log } from '../../log';
import { buyerParcelNews, parcelExceptionNews } from '../rules/parcel-messages';
import { asBatchWork } from '../../stripe-work';

export interface TrackParcelDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  /** Sends a proved order's last payout once its delivery gate opened (live's `releaseWaitingOrder`). */
  releaseWaiting: (orderId: string) => Promise<void>;
}

export type TrackOutcome = 'moved' | 'no-order' | 'not-followed' | 'stale';

export function trackParcel(deps: TrackParcelDeps, update: TrackingUpdate): Promise<TrackOutcome> {
  return asBatchWork(() => moveParcel(deps, update));
}

async function moveParcel(deps: TrackParcelDeps, update: TrackingUpdate): Promise<TrackOutcome> {
  const status = parcelStatusOf(update.tracker.status);
  if (!status) return 'not-followed';
  const found = await deps.store.query(ordersCollection, { where: [['tracking', '==', update.tracker.trackingCode]] });
  const candidate = found.map((d) => d.data).find((o) => o.status === 'shipped');
  if (!candidate) {
    log.info('a carrier update for no shipped order', { event: 'carrier.ignored', trackerId: update.tracker.id });
    return 'no-order';
  }
  const moved = await deps.store.runTransaction(async (tx): Promise<Order | undefined> => {
    const order = await tx.get(orderPath(candidate.orderId));
    if (!order || order.status !== 'shipped' || order.parcelEvents?.includes(update.eventId)) return undefined;
    if (!takesParcelMove(order.parcel, status, update.updatedAt)) return undefined;
    return applyOrderFact(tx, order, { kind: 'parcel-moved', status, at: update.updatedAt, byEvent: update.eventId });
  });
  if (!moved) {
    // Seen already: a release the first delivery did not finish is asked for again.
    const current = await deps.store.get(orderPath(candidate.orderId));
    if (current && payoutWaitsOnDelivery(current)) await deps.releaseWaiting(current.orderId);
    return 'stale';
  }
  if (payoutWaitsOnDelivery(moved)) await deps.releaseWaiting(moved.orderId);
  await tell(deps, moved, status);
  return 'moved';
}

/** A delivered order under the delivery gate whose builder's release has not gone: the carrier's word may free it. */
function payoutWaitsOnDelivery(order: Order): boolean {
  return order.lastPayoutAt === 'delivery' && order.parcel?.status === 'delivered' && Boolean(order.proof) && !order.payouts.builder.transferId;
}

/**
 * Each person hears of a move once, keyed by the parcel (its tracking number) and the status: a
 * parcel lost then found is told each, and a reshipped parcel returned or lost in its turn is
 * news again (with new buttons for the admin), where the order alone would have kept it silent.
 */
async function tell(deps: TrackParcelDeps, order: Order, status: ParcelStatus): Promise<void> {
  const fact = `parcel:${order.orderId}:${order.tracking ?? ''}:${status}`;
  const news = buyerParcelNews(order, status);
  if (news) await tellOnce(deps, fact, order.buyerId, news);
  if (!isParcelException(status)) return;
  await tellOnce(deps, fact, order.builderId, parcelExceptionNews(order, status, false));
  const admin = adminToTell(await deps.store.get(guildFraudSettingsPath(order.guildId)));
  if (admin && admin !== order.builderId) await tellOnce(deps, fact, admin, parcelExceptionNews(order, status, true));
}
