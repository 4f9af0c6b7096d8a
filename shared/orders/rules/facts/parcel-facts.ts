/**
 * @module parcel-facts
 * The carrier's tracking moving a shipped order's parcel (parcel-moves): forward only, each
 * carrier event once. A move the parcel cannot take (a redelivered or older event) is refused
 * here too, so no path writes it even when its caller forgot to ask first.
 */
import { takesParcelMove, type ParcelStatus } from '../parcel-moves';
import type { FactHandler } from './fact-handler';

export interface ParcelFacts {
  'parcel-moved': { status: ParcelStatus; at: string; byEvent: string };
}

type Handlers = { [K in keyof ParcelFacts]: FactHandler<{ kind: K } & ParcelFacts[K]> };

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
};
