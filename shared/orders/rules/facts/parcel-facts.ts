/**
 * @module parcel-facts
 * The carrier's tracking moving a shipped order's parcel (parcel-moves): forward only, each
 * carrier event once. A move the parcel cannot take (a redelivered or older event) is refused
 * here too, so no path writes it even when its caller forgot to ask first.
 */
import { isParcelException, takesParcelMove, type ParcelStatus } from '../parcel-moves';
import type { Carrier, Order } from '../order';
import type { OrderLabel, ParcelChoice } from '../order-label';
import type { FactHandler } from './fact-handler';

export interface ParcelFacts {
  'parcel-moved': { status: ParcelStatus; at: string; byEvent: string };
  /** The admin chose a reship or a refund for a parcel returned or lost: once, the first press's choice. */
  'parcel-choice-made': { choice: ParcelChoice };
  /** A reship's new label, its rate written before the carrier is asked (as `label-asked` is for the first). */
  'reship-label-asked': { label: OrderLabel };
  /** A press goes to the carrier to buy the reship's label: until the lease passes, the reship does not give way. */
  'reship-buying': { at: string };
  /** The carrier refused the reship's label: nothing is being bought, a refund may be chosen at once. */
  'reship-refused': Record<never, never>;
  /** A reship's label bought: the order follows the new parcel, which starts again as shipped. */
  reshipped: { tracking: string; carrier: Carrier; trackingUrl?: string; at: string };
}

type Handlers = { [K in keyof ParcelFacts]: FactHandler<{ kind: K } & ParcelFacts[K]> };

/**
 * How long after a press went to the carrier for a reship's label the reship still does not
 * give way to a refund: the purchase may be under way, and a label bought after the refund
 * would be both. Longer than any carrier call lasts (the client gives up well before).
 */
export const reshipPurchaseLeaseMs = 10 * 60_000;

/**
 * Whether a choice made may give way to `kind`: only a reship whose new label was not bought
 * (not asked yet, refused by the carrier, or not covered by the builder's share). Before it
 * gives way, the use case reads the carrier's shipment back: a label bought by a press cut off
 * before its record is recorded instead, and the reship stands.
 */
export function mayBecome(made: ParcelChoice, kind: ParcelChoice['kind']): boolean {
  return made.kind === 'reship' && kind === 'refund' && made.reshippedAt === undefined;
}

/** Whether a press may be buying the reship's label at `at`: one went to the carrier within the lease. */
export function reshipBuying(made: ParcelChoice, at: string): boolean {
  return made.buyingAt !== undefined && Date.parse(at) - Date.parse(made.buyingAt) < reshipPurchaseLeaseMs;
}

/** Which of the order's parcels it follows now: 0 for the parcel first sent, n after n reships. */
export function parcelIndexOf(order: Pick<Order, 'parcelChoice'>): number {
  const choice = order.parcelChoice;
  if (!choice) return 0;
  return (choice.parcelIndex ?? 0) + (choice.reshippedAt ? 1 : 0);
}

/** The choice made for the parcel the order follows now: a finished reship was for the parcel before it. */
export function choiceForParcelNow(order: Pick<Order, 'parcelChoice'>): ParcelChoice | undefined {
  const choice = order.parcelChoice;
  return choice && !choice.reshippedAt ? choice : undefined;
}

/** The reship chosen for the parcel the order follows now, before its label was bought. */
function reshipUnbought(order: Pick<Order, 'parcelChoice'>): ParcelChoice | undefined {
  const choice = choiceForParcelNow(order);
  return choice?.kind === 'reship' ? choice : undefined;
}

export const parcelHandlers: Handlers = {
  'parcel-moved': {
    from: ['shipped'],
    owns: ['parcel', 'parcelEvents'],
    refuses: (order, { status, at, byEvent }) => {
      if (order.parcelEvents?.includes(byEvent)) return 'its carrier event was taken already';
      return takesParcelMove(order.parcel, status, at) ? undefined : `a parcel ${order.parcel?.status ?? 'shipped'} cannot become ${status}`;
    },
    apply: (order, { status, at, byEvent }) => ({
      parcel: { status, at, ...(status === 'delivered' ? { deliveredAt: at } : {}) },
      // The last few event ids: a redelivery arrives within hours, not after a parcel's whole journey.
      parcelEvents: [...(order.parcelEvents ?? []), byEvent].slice(-10),
    }),
  },
  'parcel-choice-made': {
    from: ['shipped'],
    owns: ['parcelChoice'],
    refuses: (order, { choice }) => {
      if ((choice.parcelIndex ?? 0) !== parcelIndexOf(order)) return 'it is not for the parcel the order follows now';
      const made = choiceForParcelNow(order);
      if (made && !mayBecome(made, choice.kind)) return `a ${made.kind} was chosen already`;
      if (made && reshipBuying(made, choice.at)) return 'its reship label may be being bought';
      return order.parcel && isParcelException(order.parcel.status) ? undefined : 'its parcel is not returned or lost';
    },
    apply: (_, { choice }) => ({ parcelChoice: choice }),
  },
  'reship-label-asked': {
    from: ['shipped'],
    owns: ['label', 'parcelChoice'],
    refuses: (order) =>
      order.parcelChoice?.kind !== 'reship' ? 'no reship was chosen' : order.parcelChoice.shipmentId ? 'its reship label was asked already' : undefined,
    apply: (order, { label }) => ({ label, parcelChoice: { ...(order.parcelChoice as ParcelChoice), shipmentId: label.shipmentId } }),
  },
  'reship-buying': {
    from: ['shipped'],
    owns: ['parcelChoice'],
    refuses: (order) => (reshipUnbought(order)?.shipmentId ? undefined : 'no reship label waits to be bought'),
    apply: (order, { at }) => ({ parcelChoice: { ...(order.parcelChoice as ParcelChoice), buyingAt: at } }),
  },
  'reship-refused': {
    from: ['shipped'],
    owns: ['parcelChoice'],
    refuses: (order) => (reshipUnbought(order)?.buyingAt ? undefined : 'no reship label is being bought'),
    apply: (order) => {
      const { buyingAt: _, ...rest } = order.parcelChoice as ParcelChoice;
      return { parcelChoice: rest };
    },
  },
  reshipped: {
    from: ['shipped'],
    owns: ['tracking', 'carrier', 'trackingUrl', 'parcel', 'parcelChoice'],
    refuses: (order) => {
      const choice = order.parcelChoice;
      if (choice?.kind !== 'reship' || !choice.shipmentId) return 'no reship label was asked';
      return choice.reshippedAt ? 'it was reshipped already' : undefined;
    },
    // The new parcel starts as shipped, after the old one's last move: the carrier's events for it move it forward again.
    apply: (order, { tracking, carrier, trackingUrl, at }) => ({
      tracking,
      carrier,
      ...(trackingUrl ? { trackingUrl } : {}),
      parcel: { status: 'shipped', at },
      parcelChoice: { ...(order.parcelChoice as ParcelChoice), reshippedAt: at },
    }),
  },
};
