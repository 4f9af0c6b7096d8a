/**
 * @module erasure-wiring
 * What a member's erasure reaches outside Firestore, for every place that erases
 * (`/c500 privacy` and the dashboard's Your data), for each of the person's identities: Twitch's
 * EventSub subscriptions on a Twitch account's channel, deleted; the live auction books, which forget the
 * member's max at once (`withdrawErasedBidder`) and which Your data and `/c500 privacy` list
 * as kept (`liveBidsKept`), and an erasure asked again looks at (`liveHeld`: a bid since the last
 * one is searched for); then every auction the book still holds, live or ended, which
 * forgets whatever names them (`forgetErasedBidder`); the shop connections in their own
 * database, which say an admin connected a shop, no longer who (`forgetShopConnector`); and
 * the interest checks they said they were interested in, whose counts are lowered as their
 * interest is deleted, and whose posts are edited (`withdrawErasedInterest`); and every server's
 * block list, which forgets them, the book told (`forgetBlockedPerson`); and Stripe, where the
 * cards no pledge needs are detached and the customers nothing needs deleted
 * (`releaseErasedCustomer`). Before it runs, the question lists what it cannot undo: the open
 * group buys they pledged to (`pledgesToLeave`), each with its post to leave it on first. The router wires
 * it: privacy knows no other module.
 */
import type { Platform } from '../platform';
import { forgetBlockedPerson, forgetErasedBidder, liveAuctionsHolding, liveBidsKept, withdrawErasedBidder } from '../auctions';
import { endTwitchSubscriptionsOf, twitchChannelPath } from '../onboarding';
import { log } from '../log';
import { bareTwitchIdOf } from '../privacy';
import { forgetShopConnector } from '../races';
import { pledgesToLeave, releaseErasedCustomer, withdrawErasedInterest, type PledgeToLeave } from '../groupbuys';

export function erasureReach(platform: Platform): {
  eraseElsewhere: (memberId: string, person?: string) => Promise<number>;
  keptElsewhere: (memberId: string) => Promise<string[]>;
  liveHeld: (memberId: string) => Promise<string[]>;
  leaveFirst: (memberId: string) => Promise<PledgeToLeave[]>;
} {
  return {
    async eraseElsewhere(memberId, person = memberId) {
      const book = platform.auctionBook();
      // First the withdrawal, whose card edits read the live books before they forget.
      const withdrawn = await withdrawErasedBidder({ store: platform.store(), book, discord: platform.discord(), clock: platform.clock }, memberId);
      const forgotten = await forgetErasedBidder({ book }, [memberId]);
      const ended = await endChannel(platform, memberId, person);
      // An auction they were withdrawn from still held their bids, so it is counted in both.
      const unnamed = await forgetShopConnector(platform.shopSecrets(), memberId);
      const uninterested = await withdrawErasedInterest({ store: platform.store(), discord: platform.discord() }, memberId);
      const unblocked = await forgetBlockedPerson({ store: platform.store(), book }, memberId);
      // Before the store forgets their customer and ended pledges: what is found there is let go at Stripe.
      const atStripe = await releaseErasedCustomer({ store: platform.store(), clock: platform.clock, payments: platform.payments() }, memberId);
      return Math.max(withdrawn, forgotten) + ended + unnamed + uninterested + unblocked + atStripe;
    },
    keptElsewhere: (memberId) => liveBidsKept({ store: platform.store(), book: platform.auctionBook() }, memberId),
    liveHeld: (memberId) => liveAuctionsHolding({ store: platform.store(), book: platform.auctionBook() }, memberId),
    leaveFirst: (memberId) => pledgesToLeave({ store: platform.store(), clock: platform.clock }, memberId),
  };
}

/**
 * A Twitch account's channel, at an erasure: Twitch stops sending its events, and what the bot
 * had yet to say in its chat goes. For a member's linked account; for a chatter's own request
 * only when no member's profile links the channel: that link and its chat bidding are the
 * member's, theirs to end with `/c500 privacy`. Twitch unavailable, the erasure still goes on:
 * the subscriptions left then match no one and their events are ignored.
 */
async function endChannel(platform: Platform, identity: string, person: string): Promise<number> {
  const bareTwitchId = bareTwitchIdOf(identity);
  if (!bareTwitchId) return 0;
  if (identity === person && (await platform.store().get(twitchChannelPath(bareTwitchId)))) return 0;
  await platform.chatOutbox().dropChannel(bareTwitchId);
  return endTwitchSubscriptionsOf(platform.twitch(), bareTwitchId).catch((error: unknown) => {
    log.error('an erasure could not delete a Twitch account’s subscriptions', { twitchUserId: bareTwitchId, error });
    return 0;
  });
}
