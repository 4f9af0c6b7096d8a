/**
 * @module open-auction
 * An auction written to Firestore goes live: its embed is posted in the channel, its
 * server's trust rules and its live state loaded into the book, and the hammer scheduled at
 * the end. Each step is safe to run again, so a redelivery finishes what a crash started and
 * posts nothing twice. Used by `/c500 auction start` and by a show putting up its next lot.
 */
import type { AuctionTerms } from '../rules/auction-book';
import { auctionPath, finalCallMsOf, type Auction } from '../rules/auction';
import { auctionEmbed } from '../rules/auction-messages';
import { snapshotOfTerms, termsOf } from './auction-terms';
import { scheduleHammer } from './auction-tasks';
import { syncGuildTrust } from './guild-trust';
import { linkedKeysOf } from './linked-identities';
import type { AuctionDeps } from './auction-deps';

export type OpenedAuction = { kind: 'live'; auction: Auction; endsAtMs: number } | { kind: 'channel-busy'; liveAuctionId: string };

/**
 * How long a lot with pre-bids waits for them before it takes live bids anyway: its opener
 * places them at once and says so (`preBidsIn`); this only bounds the wait should it be gone.
 */
export const preBidsHoldMs = 30_000;

/** `preBidsFirst`: a show's lot with pre-bids to place, which opens to them before any live bid. */
export async function openAuction(deps: AuctionDeps, recorded: Auction, opening: { preBidsFirst?: boolean } = {}): Promise<OpenedAuction> {
  let auction = recorded;
  if (!auction.messageId) {
    const draft: AuctionTerms = termsOf(auction, '');
    const { messageId } = await deps.discord.postToChannel(
      auction.channelId,
      auctionEmbed(snapshotOfTerms(draft), { builderId: auction.builderId }, auction.ladder),
    );
    await deps.store.update(auctionPath(auction.auctionId), { messageId });
    auction = { ...auction, messageId };
  }
  // The server's trust rules go first, so the auction's first bid meets them.
  await syncGuildTrust(deps, auction.guildId);
  // The builder's linked Twitch account bids as the builder: their own lot refuses it.
  const builderLinkedIds = await linkedKeysOf(deps.store, auction.builderId);
  const terms = termsOf(auction, auction.messageId as string, builderLinkedIds);
  const hold = opening.preBidsFirst ? { preBidsUntilMs: deps.clock.now().getTime() + preBidsHoldMs } : {};
  const opened = await deps.book.open({ ...terms, ...hold });
  if (opened.kind === 'channel-busy') {
    // Another auction went live here in the meantime: take ours back down, nothing half-done.
    await deps.discord.editChannelMessage(
      auction.channelId,
      auction.messageId as string,
      auctionEmbed(snapshotOfTerms(termsOf(auction, '')), { builderId: auction.builderId, result: { kind: 'cancelled' } }),
    );
    await deps.store.update(auctionPath(auction.auctionId), { status: 'cancelled', cancelledAt: deps.clock.now().toISOString() });
    return { kind: 'channel-busy', liveAuctionId: opened.auctionId };
  }
  const live = await deps.book.read(auction.auctionId);
  const endsAtMs = live?.endsAtMs ?? Date.parse(auction.endsAt);
  await scheduleHammer(
    deps.tasks,
    { auctionId: auction.auctionId, version: live?.version ?? 0 },
    { endsAtMs, finalCallMs: finalCallMsOf(auction), settleMs: auction.settleMs },
  );
  return { kind: 'live', auction, endsAtMs };
}
