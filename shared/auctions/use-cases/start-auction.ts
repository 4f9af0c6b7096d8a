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
import { accountRevoked, builderPath, canSell } from '../../onboarding';
import { revokedBuilderMessages } from '../rules/revoked-builder-messages';
import { shortIdFrom, personName } from '../../common';
import { commandCall, type Interaction, refusals, placeOf } from '../../discord';
import { openAuction } from './open-auction';
import { loadAuctionRules } from './guild-trust';
import { streamDelayOf } from '../rules/stream-delay';
import { finalCallOf, finalCallProblem } from '../rules/final-call';
import { newDrawSeed } from '../rules/sealed-draw';
import type { AuctionDeps, LotHooks } from './auction-deps';

export async function startAuction(
  deps: AuctionDeps & { marketplace: { currency: string }; lots: Pick<LotHooks, 'channelHeldBy'> },
  interaction: Interaction,
): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  const form = parseAuctionStart(commandCall(interaction).options, deps.marketplace.currency);
  if (!place) return refusals.guildOnly;
  const { user: builderUser, guildId, channelId } = place;
  if (!form.ok) return auctionRefusals.invalid(form.problems);
  const builder = await deps.store.get(builderPath(builderUser.id));
  if (accountRevoked(builder)) return revokedBuilderMessages.cannotStart;
  if (!canSell(builder)) return auctionRefusals.notOnboarded;

  const auctionId = shortIdFrom(`auction:${interaction.id}`);
  let auction = await deps.store.get(auctionPath(auctionId));
  if (!auction) {
    const busy = await deps.book.liveAuctionIn(channelId);
    if (busy) return auctionRefusals.channelBusy(busy);
    // Between two lots the channel has no live auction, but the show's next lot is coming.
    const heldBy = await deps.lots.channelHeldBy(channelId);
    if (heldBy) return auctionRefusals.showOnAir(heldBy);
    const now = deps.clock.now();
    const { form: f } = form;
    const rules = await loadAuctionRules(deps.store, guildId);
    const streamDelaySeconds = streamDelayOf(f.streamDelaySeconds, rules?.streamDelaySeconds);
    const tooShort = finalCallProblem(f.finalCallSeconds, streamDelaySeconds);
    if (tooShort) return auctionRefusals.invalid([tooShort]);
    auction = {
      auctionId,
      guildId: guildId,
      channelId: channelId,
      builderId: builderUser.id,
      builderName: builder?.displayName ?? personName(builderUser),
      item: f.item,
      currency: deps.marketplace.currency,
      startCents: f.startCents,
      reserveCents: f.reserveCents,
      counterBidSeconds: f.suddenDeath ? 0 : (f.counterBidSeconds ?? deps.auctions.counterBidSeconds),
      suddenDeath: f.suddenDeath,
      settleMs: deps.auctions.settleMs,
      streamDelaySeconds,
      finalCallSeconds: finalCallOf(f.finalCallSeconds, rules?.finalCallSeconds, streamDelaySeconds),
      drawSeed: newDrawSeed(),
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
