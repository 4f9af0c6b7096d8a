/**
 * @module start-auction
 * `/c500 auction start`: a builder who can be paid puts an item up. The auction is
 * written to Firestore, its embed posted in the channel, its live state loaded into the
 * book, and the hammer scheduled at the end. Each step is safe to run again, so a
 * redelivered command finishes what a crashed one started and posts nothing twice.
 */
import type { DiscordMessage } from '../../ports';
import type { AuctionTerms } from '../../domain/auctions/auction-book';
import { auctionPath, parseAuctionStart } from '../../domain/auctions/auction';
import { auctionEmbed, auctionRefusals, auctionStarted } from '../../domain/auctions/auction-messages';
import { builderPath, canSell } from '../../domain/onboarding/builder';
import { shortIdFrom } from '../../domain/common/ids';
import { commandCall, invoker, type Interaction } from '../../domain/discord/interaction';
import { refusals } from '../../domain/discord/messages';
import { snapshotOfTerms, termsOf } from './auction-terms';
import { scheduleHammer } from './auction-tasks';
import { type AuctionDeps } from './auction-deps';
import { personName } from '../../domain/common/visible-text';

export async function startAuction(deps: AuctionDeps & { marketplace: { currency: string } }, interaction: Interaction): Promise<DiscordMessage> {
  const builderUser = invoker(interaction);
  const form = parseAuctionStart(commandCall(interaction).options, deps.marketplace.currency);
  if (!builderUser || !interaction.guild_id || !interaction.channel_id) return refusals.guildOnly;
  if (!form.ok) return auctionRefusals.invalid(form.problems);
  const builder = await deps.store.get(builderPath(builderUser.id));
  if (!canSell(builder)) return auctionRefusals.notOnboarded;

  const auctionId = shortIdFrom(`auction:${interaction.id}`);
  let auction = await deps.store.get(auctionPath(auctionId));
  if (!auction) {
    const busy = await deps.book.liveAuctionIn(interaction.channel_id);
    if (busy) return auctionRefusals.channelBusy(busy);
    const now = deps.clock.now();
    const { form: f } = form;
    auction = {
      auctionId,
      guildId: interaction.guild_id,
      channelId: interaction.channel_id,
      builderId: builderUser.id,
      builderName: builder?.displayName ?? personName(builderUser),
      item: f.item,
      currency: deps.marketplace.currency,
      startCents: f.startCents,
      reserveCents: f.reserveCents,
      counterBidSeconds: f.suddenDeath ? 0 : (f.counterBidSeconds ?? deps.auctions.counterBidSeconds),
      suddenDeath: f.suddenDeath,
      settleMs: deps.auctions.settleMs,
      ladder: f.ladder,
      startedAt: now.toISOString(),
      endsAt: new Date(now.getTime() + f.durationSeconds * 1000).toISOString(),
      status: 'live',
    };
    await deps.store.createIfAbsent(auctionPath(auctionId), auction);
    auction = (await deps.store.get(auctionPath(auctionId))) ?? auction;
  }
  if (auction.status !== 'live') return auctionStarted(auction, Date.parse(auction.finalEndsAt ?? auction.endsAt));

  if (!auction.messageId) {
    const draft: AuctionTerms = termsOf(auction, '');
    const { messageId } = await deps.discord.postToChannel(
      auction.channelId,
      auctionEmbed(snapshotOfTerms(draft), { builderId: auction.builderId }, auction.ladder),
    );
    await deps.store.update(auctionPath(auctionId), { messageId });
    auction = { ...auction, messageId };
  }
  const opened = await deps.book.open(termsOf(auction, auction.messageId as string));
  if (opened.kind === 'channel-busy') {
    // Another auction went live here in the meantime: take ours back down, nothing half-done.
    await deps.discord.editChannelMessage(
      auction.channelId,
      auction.messageId as string,
      auctionEmbed(snapshotOfTerms(termsOf(auction, '')), { builderId: auction.builderId, result: { kind: 'cancelled' } }),
    );
    await deps.store.update(auctionPath(auctionId), { status: 'cancelled', cancelledAt: deps.clock.now().toISOString() });
    return auctionRefusals.channelBusy(opened.auctionId);
  }
  const live = await deps.book.read(auctionId);
  const endsAtMs = live?.endsAtMs ?? Date.parse(auction.endsAt);
  await scheduleHammer(deps.tasks, { auctionId, version: live?.version ?? 0 }, { endsAtMs, settleMs: auction.settleMs });
  return auctionStarted(auction, endsAtMs);
}
