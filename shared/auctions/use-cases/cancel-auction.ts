/**
 * @module cancel-auction
 * `/c500 auction cancel`: the builder takes an auction down before anyone has bid. Once
 * someone has, it runs to the hammer: the book decides that atomically, so a bid racing
 * the cancel either lands first (and the cancel is refused) or finds the auction closed.
 */
import type { DiscordMessage } from '../../ports';
import { auctionPath, normalizeAuctionId } from '../rules/auction';
import { auctionCancelled, auctionEmbed, auctionRefusals } from '../rules/auction-messages';
import { commandCall, placeOf, type Interaction, refusals } from '../../discord';
import { snapshotOfTerms, termsOf } from './auction-terms';
import { cancelHammer } from './auction-tasks';
import { type AuctionDeps } from './auction-deps';

export async function cancelAuction(deps: AuctionDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user } = place;
  const named = commandCall(interaction).options.auction;
  const auctionId = named !== undefined ? normalizeAuctionId(String(named)) : await deps.book.liveAuctionIn(place.channelId);
  if (!auctionId) return auctionRefusals.noLiveAuctionHere;
  const auction = await deps.store.get(auctionPath(auctionId));
  // Cancelled from its own channel only, like every other act on an auction.
  if (!auction || auction.guildId !== place.guildId || auction.channelId !== place.channelId) return auctionRefusals.noSuchAuction;
  if (auction.builderId !== user.id) return auctionRefusals.notYours;
  // A lot belongs to the show's run: the hammer moves the show on, so it runs to its end.
  if (auction.show) return auctionRefusals.showLot;
  if (auction.status === 'cancelled') return auctionCancelled(auction);
  if (auction.status !== 'live') return auctionRefusals.notLive;

  const outcome = await deps.book.cancel(auctionId);
  if (outcome === 'has-bids') return auctionRefusals.hasBids;
  if (outcome === 'not-live') return auctionRefusals.notLive;
  // `not-found`: the book never held it (its start failed half-way); Firestore still says live.
  await deps.store.update(auctionPath(auctionId), { status: 'cancelled', cancelledAt: deps.clock.now().toISOString() });
  // No bid means no counter-bid moved the end: the hammer waiting is version 0's.
  await cancelHammer(deps.tasks, { auctionId, version: 0 });
  if (auction.messageId) {
    const snapshot = snapshotOfTerms(termsOf(auction, auction.messageId));
    await deps.discord.editChannelMessage(
      auction.channelId,
      auction.messageId,
      auctionEmbed({ ...snapshot, status: 'cancelled' }, { builderId: auction.builderId, result: { kind: 'cancelled' } }),
    );
  }
  return auctionCancelled(auction);
}
