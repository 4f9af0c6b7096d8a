/**
 * @module parcel-moves
 * A shipped order's parcel, as the carrier's tracking tells it: shipped → in transit → out for
 * delivery → delivered, with `returned` and `lost` as the exceptions a parcel not yet
 * delivered can fall into. The order's status stays `shipped` the whole way: the parcel is a
 * state of its own beside it, moved only forward. Carrier events come late, twice and out of
 * order, so a move is taken only when it goes forward from where the parcel stands and the
 * carrier saw it no earlier than the last one taken; anything else is stale and changes nothing.
 */
import type { TrackingStatus } from '../../ports';

export const parcelStatuses = ['shipped', 'in-transit', 'out-for-delivery', 'delivered', 'returned', 'lost'] as const;
export type ParcelStatus = (typeof parcelStatuses)[number];

/** Where a parcel stands on its order (`order.parcel`); absent until the carrier first moved it. */
export interface OrderParcel {
  status: ParcelStatus;
  /** When the carrier saw the last move taken (its `updated_at`). */
  at: string;
  /** When it was delivered: the start of the admin's window before the last payout. */
  deliveredAt?: string;
}

/** A parcel's status as a sentence says it ("its parcel is … now"): what people read, never the stored spelling. */
export const parcelStatusWords: Readonly<Record<ParcelStatus, string>> = {
  shipped: 'shipped',
  'in-transit': 'in transit',
  'out-for-delivery': 'out for delivery',
  delivered: 'delivered',
  returned: 'returned to the sender',
  lost: 'reported lost',
};

/** The moves a parcel may make: each status, the ones that may follow it. */
export const parcelMoves: Readonly<Record<ParcelStatus, readonly ParcelStatus[]>> = {
  shipped: ['in-transit', 'out-for-delivery', 'delivered', 'returned', 'lost'],
  'in-transit': ['out-for-delivery', 'delivered', 'returned', 'lost'],
  'out-for-delivery': ['in-transit', 'delivered', 'returned', 'lost'],
  delivered: [],
  // A parcel reported lost may still turn up; a returned one is on its way back to the builder.
  lost: ['in-transit', 'out-for-delivery', 'delivered', 'returned'],
  returned: [],
};

/** The carrier's status as C500 follows it; `unknown` and `pre_transit` move nothing. */
export function parcelStatusOf(status: TrackingStatus): ParcelStatus | undefined {
  switch (status) {
    case 'in_transit':
      return 'in-transit';
    case 'out_for_delivery':
    case 'available_for_pickup':
      return 'out-for-delivery';
    case 'delivered':
      return 'delivered';
    case 'return_to_sender':
      return 'returned';
    case 'failure':
    case 'cancelled':
    case 'error':
      return 'lost';
    default:
      return undefined;
  }
}

/** Whether a carrier's move is to be taken on the parcel as it stands: only forward, and never older than the last taken. */
export function takesParcelMove(parcel: OrderParcel | undefined, to: ParcelStatus, at: string): boolean {
  const from = parcel?.status ?? 'shipped';
  if (!parcelMoves[from].includes(to)) return false;
  return parcel === undefined || Date.parse(at) >= Date.parse(parcel.at);
}

/** The exceptions: the money is held and an admin chooses reship or refund. */
export function isParcelException(status: ParcelStatus): status is 'returned' | 'lost' {
  return status === 'returned' || status === 'lost';
}
