/**
 * @module track-parcel
 * The carrier-events subscriber's work: a tracker update (verified at the ingress) moves the
 * parcel of the shipped order with that tracking code, once per carrier event and only forward
 * (orders' parcel-moves), and the people who hear of it are told once each. A tracker for no
 * order, an order not shipped, and an update stale or seen already change nothing.
 */
import type { Clock, DiscordMessenger, DocumentStore, TrackingUpdate } from '../../ports';
import { tellOnce } from '../../discord';
import { applyOrderFact, isParcelException, orderPath, ordersCollection, parcelStatusOf, takesParcelMove, type Order, type ParcelStatus } from '../../orders';
import { adminToTell, guildFraudSettingsPath } from '../../payments';
import { log } from '../../log';
import { buyerParcelNews, parcelExceptionNews } from '../rules/parcel-messages';

export interface TrackParcelDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

export type TrackOutcome = 'moved' | 'no-order' | 'not-followed' | 'stale';

export async function trackParcel(deps: TrackParcelDeps, update: TrackingUpdate): Promise<TrackOutcome> {
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
  if (!moved) return 'stale';
  await tell(deps, moved, status);
  return 'moved';
}

/** Each person hears of a move once, keyed by the order and the status: a parcel lost then found is told each. */
async function tell(deps: TrackParcelDeps, order: Order, status: ParcelStatus): Promise<void> {
  const news = buyerParcelNews(order, status);
  if (news) await tellOnce(deps, `parcel:${order.orderId}:${status}`, order.buyerId, news);
  if (!isParcelException(status)) return;
  await tellOnce(deps, `parcel:${order.orderId}:${status}`, order.builderId, parcelExceptionNews(order, status, false));
  const admin = adminToTell(await deps.store.get(guildFraudSettingsPath(order.guildId)));
  if (admin && admin !== order.builderId) await tellOnce(deps, `parcel:${order.orderId}:${status}`, admin, parcelExceptionNews(order, status, true));
}
