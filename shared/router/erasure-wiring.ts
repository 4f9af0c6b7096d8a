/**
 * @module erasure-wiring
 * What a member's erasure reaches outside Firestore, for every place that erases
 * (`/c500 privacy` and the dashboard's Your data), for each of the person's identities: Twitch's
 * EventSub subscriptions on a Twitch account's channel, deleted; the live auction books, which forget the
 * member's max at once (`withdrawErasedBidder`) and which Your data and `/c500 privacy` list
 * as kept (`liveBidsKept`). The router wires it: privacy knows no other module.
 */
import type { Platform } from '../platform';
import { liveBidsKept, withdrawErasedBidder } from '../auctions';
import { endTwitchSubscriptionsOf } from '../onboarding';
import { bareTwitchIdOf } from '../privacy';

export function erasureReach(platform: Platform): {
  eraseElsewhere: (memberId: string) => Promise<number>;
  keptElsewhere: (memberId: string) => Promise<string[]>;
} {
  return {
    eraseElsewhere: async (memberId) => {
      const withdrawn = await withdrawErasedBidder(
        { store: platform.store(), book: platform.auctionBook(), discord: platform.discord(), clock: platform.clock },
        memberId,
      );
      // A Twitch account (a chatter's, or one a member linked): Twitch stops sending its channel's events.
      const bareTwitchId = bareTwitchIdOf(memberId);
      const ended = bareTwitchId ? await endTwitchSubscriptionsOf(platform.twitch(), bareTwitchId) : 0;
      return withdrawn + ended;
    },
    keptElsewhere: (memberId) => liveBidsKept({ store: platform.store(), book: platform.auctionBook() }, memberId),
  };
}
