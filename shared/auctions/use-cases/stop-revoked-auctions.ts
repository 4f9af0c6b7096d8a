/**
 * @module stop-revoked-auctions
 * A builder revoked C500's access to their Stripe account (`account.application.deauthorized`):
 * no winner could pay them, so their live auctions stop taking bids now, bids or not. The book
 * cancels each (its bids then answer "stopped" with no Firestore read), the record says why,
 * the card shows it and the channel hears it once. A show's lot on the block stops too (its
 * bidders would be bidding on a lot nobody can pay for), and the show is told its lot is
 * over (`lots.hammered`), so it goes on to its next lot instead of waiting on a hammer that
 * never falls; lots of theirs still up next are skipped when their turn comes (put-up-next-lot).
 * Safe to run again: a stopped auction is not live, and a show moves on from a lot once.
 */
import { auctionPath, auctionsCollection, type Auction } from '../rules/auction';
import { auctionEmbed } from '../rules/auction-messages';
import { revokedBuilderMessages } from '../rules/revoked-builder-messages';
import { snapshotOfTerms, termsOf } from './auction-terms';
import { cancelHammer } from './auction-tasks';
import { tellOnce } from '../../discord';
import { runOnce } from '../../common';
import type { AuctionDeps, LotHooks } from './auction-deps';

/** With the hook of the module whose lots auctions are (shows): without it, a show's lot is left to its hammer. */
export type StopRevokedDeps = AuctionDeps & { lots?: Pick<LotHooks, 'hammered'> };

export async function stopRevokedBuilderAuctions(deps: StopRevokedDeps, builderId: string): Promise<void> {
  const live = await deps.store.query(auctionsCollection, { where: [['builderId', '==', builderId]] });
  const stoppable = live
    .map((f) => f.data)
    .filter((a) => (a.status === 'live' || a.cancelledBecause === 'account-revoked') && (!a.show || deps.lots !== undefined));
  for (const auction of stoppable.sort((a, b) => a.auctionId.localeCompare(b.auctionId))) await stop(deps, auction);
}

async function stop(deps: StopRevokedDeps, auction: Auction): Promise<void> {
  const before = await deps.book.read(auction.auctionId);
  const outcome = await deps.book.cancel(auction.auctionId, { evenWithBids: true });
  // 'not-live': it closed before the revocation reached it; its hammer opens no checkout for them.
  if (outcome === 'not-live' && auction.cancelledBecause === undefined) return;
  const stopped = await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(auctionPath(auction.auctionId));
    if (!current || (current.status !== 'live' && current.cancelledBecause !== 'account-revoked')) return undefined;
    const fields = {
      status: 'cancelled' as const,
      cancelledAt: current.cancelledAt ?? deps.clock.now().toISOString(),
      cancelledBecause: 'account-revoked' as const,
    };
    if (current.status === 'live') tx.update(auctionPath(auction.auctionId), fields);
    return { ...current, ...fields };
  });
  if (!stopped) return;
  await cancelHammer(deps.tasks, { auctionId: stopped.auctionId, version: before?.version ?? 0 });
  if (stopped.messageId) {
    // The card keeps the book's last look (price, leader) with the stop on it.
    const snapshot = { ...(before ?? snapshotOfTerms(termsOf(stopped, stopped.messageId))), status: 'cancelled' as const };
    await deps.discord.editChannelMessage(
      stopped.channelId,
      stopped.messageId,
      auctionEmbed(snapshot, { builderId: stopped.builderId, result: { kind: 'cancelled' } }),
    );
  }
  await runOnce(
    deps.store,
    `auction-stopped:${stopped.auctionId}`,
    async () => void (await deps.discord.postToChannel(stopped.channelId, revokedBuilderMessages.stoppedPost(stopped))),
    { clock: deps.clock },
  );
  await tellOnce(deps, `auction-stopped:${stopped.auctionId}`, stopped.builderId, revokedBuilderMessages.builderStopped(stopped));
  // A show's lot is over: the show goes on (its own transaction finds the lot done on a second call).
  if (stopped.show) await deps.lots?.hammered(stopped);
}
