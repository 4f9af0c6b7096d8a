/**
 * @module show-lots
 * What a show does around the auctions that are its lots, handed to the auction engine
 * where the hammer and the auction start are put together: a channel whose show is on air
 * takes no other auction, and a lot's hammer puts its winner's lot in their checkout and
 * the show on to its next lot.
 */
import type { LotHooks } from '../../auctions';
import { showOnAirIn } from './show-channel';
import { addLotToShowCheckout } from './show-checkout';
import { lotHammered } from './lot-hammered';
import type { ShowPaymentDeps } from './show-deps';
import { runSheetChanged } from './refresh-run-sheet';

export function showLots(deps: ShowPaymentDeps): LotHooks {
  return {
    channelHeldBy: async (channelId) => (await showOnAirIn(deps.store, channelId))?.title,
    hammered: async (auction) => {
      // A show's winner pays for every lot won from one builder in one checkout, opened when the show is over (or on Pay now).
      if (auction.status === 'awaiting-payment' && auction.offer?.rank === 0) await addLotToShowCheckout(deps, auction, auction.offer);
      await lotHammered(deps, auction);
    },
    // A lot paid or passed on (its winner's checkout, or a runner-up's own) shows on the show's run sheet.
    settled: async (orders) => {
      for (const showId of new Set(orders.flatMap((o) => (o.showId ? [o.showId] : [])))) await runSheetChanged(deps, showId);
    },
  };
}
