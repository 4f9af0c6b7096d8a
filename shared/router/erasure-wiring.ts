/**
 * @module erasure-wiring
 * What a member's erasure reaches outside Firestore, for every place that erases
 * (`/c500 privacy` and the dashboard's Your data): the live auction books, which forget the
 * member's max at once (`withdrawErasedBidder`) and which Your data and `/c500 privacy` list
 * as kept (`liveBidsKept`); and the shop connections in their own database, which say an admin
 * connected a shop, no longer who (`forgetShopConnector`). The router wires it: privacy knows
 * no other module.
 */
import type { Platform } from '../platform';
import { liveBidsKept, withdrawErasedBidder } from '../auctions';
import { forgetShopConnector } from '../races';

export function erasureReach(platform: Platform): {
  eraseElsewhere: (memberId: string) => Promise<number>;
  keptElsewhere: (memberId: string) => Promise<string[]>;
} {
  return {
    eraseElsewhere: async (memberId) =>
      (await withdrawErasedBidder({ store: platform.store(), book: platform.auctionBook(), discord: platform.discord(), clock: platform.clock }, memberId)) +
      (await forgetShopConnector(platform.shopSecrets(), memberId)),
    keptElsewhere: (memberId) => liveBidsKept({ store: platform.store(), book: platform.auctionBook() }, memberId),
  };
}
