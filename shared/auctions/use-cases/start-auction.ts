/**
 * @module start-auction
 * `/c500 auction start`: a builder who can be paid puts an item up. The auction is
 * written to Firestore, then opened (open-auction): embed, book, hammer. Each step is safe
 * to run again, so a redelivered command finishes what a crashed one started and posts
 * nothing twice. A channel whose show is on air takes no other auction.
 */
import type { DiscordMessage } from '../../ports';
import { auctionPath, parseAuctionStart } from '../rules/auction';
import { auctionRefusals, auctionStarted } from '../rules/auction-messages';
import { builderPath, canSell } from '../../onboarding/rules/builder';
import { shortIdFrom } from '../../common/rules/ids';
import { commandCall, invoker, type Interaction } from '../../discord/rules/interaction';
import { refusals } from '../../discord/rules/messages';
import { openAuction } from './open-auction';
import type { AuctionDeps, LotHooks } from './auction-deps';
import { personName } from '../../common/rules/visible-text';

export async function startAuction(
  deps: AuctionDeps & { marketplace: { currency: string }; lots: Pick<LotHooks, 'channelHeldBy'> },
  interaction: Interaction,
): Promise<DiscordMessage> {
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
    // Between two lots the channel has no live auction, but the show's next lot is coming.
    const heldBy = await deps.lots.channelHeldBy(interaction.channel_id);
    if (heldBy) return auctionRefusals.showOnAir(heldBy);
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

  const opened = await openAuction(deps, auction);
  if (opened.kind === 'channel-busy') return auctionRefusals.channelBusy(opened.liveAuctionId);
  return auctionStarted(opened.auction, opened.endsAtMs);
}
