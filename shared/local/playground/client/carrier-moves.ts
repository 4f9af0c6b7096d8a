/**
 * @module carrier-moves
 * What the playground's carrier panel offers on a shipped order's parcel: the moves a person
 * can make the carrier report (the local carrier's status route, which sends C500 the signed
 * `tracker.updated` EasyPost would), each greyed out with why when C500 would not take it;
 * and, after a press, what happened in a person's words, read from the order as C500 left it
 * (where its parcel stands, who was told, what its last payout waits for). No DOM here: the
 * panel draws these, and a unit test reads them.
 */
import type { ParcelRow } from '../parcel-facts';

/** The carrier's statuses a person may set by hand (the stand-in's `handMoves`). */
export type CarrierMoveName = 'in_transit' | 'out_for_delivery' | 'delivered' | 'return_to_sender';

type ParcelStatus = ParcelRow['parcel'];

export interface CarrierMove {
  name: CarrierMoveName;
  label: string;
  /** Where C500 puts the parcel when it takes this move. */
  to: ParcelStatus;
  /** The local carrier's route the press posts to, with its JSON body. */
  path: string;
  body: { status: CarrierMoveName };
  /** Why C500 would not take it now; absent when it would. */
  disabled?: string;
}

const moves: ReadonlyArray<Pick<CarrierMove, 'name' | 'label' | 'to'>> = [
  { name: 'in_transit', label: 'In transit', to: 'in-transit' },
  { name: 'out_for_delivery', label: 'Out for delivery', to: 'out-for-delivery' },
  { name: 'delivered', label: 'Delivered', to: 'delivered' },
  { name: 'return_to_sender', label: 'Returned', to: 'returned' },
];

/** A parcel's status as a sentence says it: the orders' `parcelStatusWords`, copied for the browser (a test holds the two together). */
export const parcelWords: Readonly<Record<ParcelStatus, string>> = {
  shipped: 'shipped',
  'in-transit': 'in transit',
  'out-for-delivery': 'out for delivery',
  delivered: 'delivered',
  returned: 'returned to the sender',
  lost: 'reported lost',
};

/** Each move, in the order a parcel makes them, either possible or greyed out with why. */
export function carrierMovesFor(row: ParcelRow): CarrierMove[] {
  const path = `/_local/carrier/trackers/${encodeURIComponent(row.tracking)}/status`;
  return moves.map((move) => {
    const disabled = whyNot(row, move.to);
    return { ...move, path, body: { status: move.name }, ...(disabled ? { disabled } : {}) };
  });
}

function whyNot(row: ParcelRow, to: ParcelStatus): string | undefined {
  // An "Other" courier's reference is not followed: the carrier has no tracker for it.
  if (row.carrier === 'Other') return 'C500 cannot follow a parcel sent with an Other courier';
  if (row.orderStatus !== 'shipped') {
    if (row.receivedBy === 'buyer') return 'the buyer pressed Received: C500 no longer follows this parcel';
    if (row.receivedBy === 'timeout') return 'it was marked received after 30 days: C500 no longer follows this parcel';
    return `the order is ${row.orderStatus}: C500 follows a parcel only while its order is shipped`;
  }
  if (row.parcel === to || row.next.length === 0) return `already ${parcelWords[row.parcel]}`;
  return row.next.includes(to) ? undefined : `a parcel ${parcelWords[row.parcel]} does not become ${parcelWords[to]}`;
}

/** A press and what stood before it: the feedback is read against the order once C500 answered. */
export interface CarrierPress {
  orderId: string;
  move: Pick<CarrierMove, 'name' | 'label' | 'to'>;
  /** The parcel pressed on, as it stood: a later move (a reship's new parcel) is told as such, not as the press not taken yet. */
  from?: Pick<ParcelRow, 'parcel' | 'tracking'>;
}

/**
 * What the press did, in plain words, from the order as C500 has it now (`row`) and the names
 * of the people C500 told of this order since the press: until C500 has moved the parcel, that
 * the carrier told it; then where the parcel is, who heard, and what the last payout waits for.
 */
export function carrierFeedback(press: CarrierPress, row: ParcelRow | undefined, told: readonly string[]): string {
  const { label, to } = press.move;
  const sentAgain = row !== undefined && press.from !== undefined && row.tracking !== press.from.tracking;
  if (!row || (row.parcel !== to && !sentAgain && (!press.from || row.parcel === press.from.parcel)))
    return `${label}: the carrier told C500, which has not moved order ${press.orderId} yet.`;
  if (sentAgain) return `${label}: done; order ${press.orderId} was sent again since, tracking ${row.tracking}, now ${parcelWords[row.parcel]}.`;
  if (row.parcel !== to) return `${label}: done; the parcel is ${parcelWords[row.parcel]} now.`;
  const heard =
    told.length > 0
      ? `${told.join(' and ')} ${told.length > 1 ? 'were' : 'was'} told`
      : to === 'in-transit'
        ? 'nobody is told (a parcel is scanned many times on its way; the buyer hears at out for delivery)'
        : 'nobody has been told yet';
  return `${label}: ${heard}; ${payoutWords(row)}.`;
}

/** What the order's last payout waits for, as its delivery gate says. */
export function payoutWords(row: ParcelRow): string {
  const { gate } = row;
  if (gate.open) {
    if (row.paidOut) return 'the builder’s payout has left C500';
    if (gate.by === 'sold-before') return 'the payout did not wait for the delivery (sold before the delivery gate)';
    return row.proved ? 'the payout is on its way to the builder' : 'the payout leaves once the order is proved on stream';
  }
  switch (gate.waits) {
    case 'window': {
      const opens = gate.opensAt ? ` (${row.windowDays} days, to ${dateWords(gate.opensAt)})` : '';
      return `the payout leaves once the server’s window passes${opens}${row.proved ? '' : ' and the order is proved on stream'}`;
    }
    case 'parcel-problem':
      return 'the payout is held until the server’s admin chooses a reship or a refund';
    case 'delivery':
      return 'the payout waits for the delivery';
    case 'shipping':
      return 'the payout waits for the parcel to ship';
  }
}

const dateWords = (iso: string): string =>
  new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
