/**
 * @module parcel-facts
 * Reads the playground's shipped orders out of the local runtime for its carrier panel: each
 * order of the playground's server that has a tracking number, where its parcel stands, the
 * moves C500 would still take on it (orders' parcel-moves), and whether its last payout may
 * leave (orders' delivery gate, with the server's window). The panel says what a press did
 * from these, read after C500 answered, never from what it expected. Local only.
 */
import type { Clock, DocumentStore } from '../../ports';
import { deliveryWindowDays, lastPayoutGate, ordersCollection, parcelMoves, type Order, type ParcelStatus, type PayoutGate } from '../../orders';
import { guildPath } from '../../guild';

/** One shipped order as the carrier panel shows it. Ids, never names: the page names people from its own world. */
export interface ParcelRow {
  orderId: string;
  title: string;
  buyerId: string;
  builderId: string;
  carrier: string;
  tracking: string;
  /** The label bought through C500, when there is one: the stand-in's PNG. */
  labelUrl?: string;
  /** The order's status: C500 follows the parcel only while it is `shipped`. */
  orderStatus: Order['status'];
  /** Where the parcel stands by the carrier's tracking: `shipped` until the carrier first moved it. */
  parcel: ParcelStatus;
  /** The moves C500 would take on the parcel from where it stands. */
  next: readonly ParcelStatus[];
  receivedBy?: 'buyer' | 'timeout';
  gate: PayoutGate;
  /** The builder's release has left C500 (its transfer is recorded). */
  paidOut: boolean;
  /** Proved on stream: a last payout that waits for nothing else needs it too. */
  proved: boolean;
  windowDays: number;
}

export interface ParcelFactsDeps {
  store: DocumentStore;
  clock: Clock;
}

export async function readParcelRows(deps: ParcelFactsDeps, guildId: string): Promise<ParcelRow[]> {
  const [found, guild] = await Promise.all([deps.store.query(ordersCollection, { where: [['guildId', '==', guildId]] }), deps.store.get(guildPath(guildId))]);
  const windowDays = deliveryWindowDays(guild?.deliveryWindowDays);
  const now = deps.clock.now().getTime();
  return found
    .map((d) => d.data)
    .filter((order): order is Order & { tracking: string } => typeof order.tracking === 'string' && order.tracking !== '')
    .sort((a, b) => (b.shippedAt ?? '').localeCompare(a.shippedAt ?? ''))
    .map((order): ParcelRow => {
      const parcel = order.parcel?.status ?? 'shipped';
      return {
        orderId: order.orderId,
        title: order.title,
        buyerId: order.buyerId,
        builderId: order.builderId,
        carrier: order.label?.rate.carrier ?? order.carrier ?? 'Other',
        tracking: order.tracking,
        ...(order.label?.labelUrl ? { labelUrl: order.label.labelUrl } : {}),
        orderStatus: order.status,
        parcel,
        next: parcelMoves[parcel],
        ...(order.receivedBy ? { receivedBy: order.receivedBy } : {}),
        gate: lastPayoutGate(order, now, windowDays),
        paidOut: Boolean(order.payouts.builder.transferId),
        proved: Boolean(order.proof),
        windowDays,
      };
    });
}
