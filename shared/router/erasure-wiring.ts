/**
 * @module erasure-wiring
 * What a member's erasure reaches outside Firestore, for every place that erases
 * (`/c500 privacy` and the dashboard's Your data), for each of the person's identities: Twitch's
 * EventSub subscriptions on a Twitch account's channel, deleted; the live auction books, which forget the
 * member's max at once (`withdrawErasedBidder`) and which Your data and `/c500 privacy` list
 * as kept (`liveBidsKept`); then every auction the book still holds, live or ended, which
 * forgets whatever names them (`forgetErasedBidder`); and the shop connections in their own
 * database, which say an admin connected a shop, no longer who (`forgetShopConnector`). The
 * router wires it: privacy knows no other module.
 */
import type { Platform } from '../platform';
import { forgetErasedBidder, liveBidsKept, withdrawErasedBidder } from '../auctions';
import { endTwitchSubscriptionsOf } from '../onboarding';
import { bareTwitchIdOf } from '../privacy';
import { forgetShopConnector } from '../races';

export function erasureReach(platform: Platform): {
  eraseElsewhere: (memberId: string) => Promise<number>;
  keptElsewhere: (memberId: string) => Promise<string[]>;
} {
  return {
    async eraseElsewhere(memberId) {
      const book = platform.auctionBook();
      // First the withdrawal, whose card edits read the live books before they forget.
      const withdrawn = await withdrawErasedBidder({ store: platform.store(), book, discord: platform.discord(), clock: platform.clock }, memberId);
      const forgotten = await forgetErasedBidder({ book }, [memberId]);
      // A Twitch account (a chatter's, or one a member linked): Twitch stops sending its channel's events.
      const bareTwitchId = bareTwitchIdOf(memberId);
      const ended = bareTwitchId ? await endTwitchSubscriptionsOf(platform.twitch(), bareTwitchId) : 0;
      // What the bot had yet to say in their channel's chat (its keys carry the channel's id).
      if (bareTwitchId) await platform.chatOutbox().dropChannel(bareTwitchId);
      // An auction they were withdrawn from still held their bids, so it is counted in both.
      const unnamed = await forgetShopConnector(platform.shopSecrets(), memberId);
      return Math.max(withdrawn, forgotten) + ended + unnamed;
    },
    keptElsewhere: (memberId) => liveBidsKept({ store: platform.store(), book: platform.auctionBook() }, memberId),
  };
}
