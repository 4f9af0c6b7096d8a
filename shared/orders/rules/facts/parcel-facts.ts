/**
 * @module parcel-facts
 * The carrier's tracking moving a shipped order's parcel (parcel-moves): forward only, each
 * carrier event once. A move the parcel cannot take (a redelivered or older event) is refused
 * here too, so no path writes it even when its caller forgot to ask first.
 */
import { isParcelException, takesParcelMove, type ParcelStatus } from '../parcel-moves';
import type { Carrier } from '../order';
import type { OrderLabel, ParcelChoice } from '../order-label';
import type { FactHandler } from './fact-handler';

export interface ParcelFacts {
  'parcel-moved': { status: ParcelStatus; at: string; byEvent: string };
  /** The admin chose a reship or a refund for a parcel returned or lost: once, the first press's choice. */
  'parcel-choice-made': { choice: ParcelChoice };
  /** A reship's new label, its rate written before the carrier is asked (as `label-asked` is for the first). */
  'reship-label-asked': { label: OrderLabel };
  /** A reship's label bought: the order follows the new parcel, which starts again as shipped. */
  reshipped: { tracking: string; carrier: Carrier; trackingUrl?: string; at: string };
}

type Handlers = { [K in keyof ParcelFacts]: FactHandler<{ kind: K } & ParcelFacts[K]> };

/**
 * Whether a choice made may give way to `kind`: only a reship whose label was never asked (the
 * carrier refused it, or the builder's share could not cover it) may still become a refund.
 */
export function mayBecome(made: ParcelChoice, kind: ParcelChoice['kind']): boolean {
  return made.kind === 'reship' && kind === 'refund' && made.shipmentId === undefined;
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
      if (order.parcelChoice && !mayBecome(order.parcelChoice, choice.kind)) return `a ${order.parcelChoice.kind} was chosen already`;
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
