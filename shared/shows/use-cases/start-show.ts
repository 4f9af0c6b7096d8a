/**
 * @module start-show
 * `/c500 show start`: the host goes on air. The host's cut and the gap are fixed from the
 * guild's rules at this moment, and lot 1 goes up. Not while another auction is live in the
 * channel: two auctions would share one `/bid`. Redelivered after a crash, the same command
 * finishes putting the first lot up.
 */
import type { DiscordMessage } from '../../ports';
import { finalCallOf, guildAuctionsPath, streamDelayOf } from '../../auctions';
import { type Interaction, refusals, placeOf } from '../../discord';
import { canHostShow, showPath, type Show } from '../rules/show';
import { showAnswers, showRefusals } from '../rules/show-messages';
import { showIn } from './show-channel';
import { loadShowSettings } from './show-settings';
import { putUpNextLot } from './put-up-next-lot';
import { lotOutcomeAnswer } from './show-controls';
import type { ShowPaymentDeps } from './show-deps';

export async function startShow(deps: ShowPaymentDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { guildId, channelId } = place;
  const found = await showIn(deps.store, channelId);
  if (!found || found.guildId !== guildId) return showRefusals.noShowHere;
  const settings = await loadShowSettings(deps.store, found.guildId);
  if (!canHostShow(interaction, settings, found)) return showRefusals.notHost;
  if (found.status !== 'planning' && found.startedBy !== interaction.id) return showRefusals.alreadyOnAir;
  if (found.lots.length === 0) return showRefusals.noLots;
  const busy = await deps.book.liveAuctionIn(found.channelId);
  if (busy && !found.lots.some((l) => l.auctionId === busy)) return showRefusals.auctionLive(busy);

  const started = await deps.store.runTransaction(async (tx): Promise<Show | undefined> => {
    const show = await tx.get(showPath(found.showId));
    if (!show) return undefined;
    if (show.status !== 'planning') return show.startedBy === interaction.id ? show : undefined;
    const auctionRules = (await tx.get(guildAuctionsPath(show.guildId)))?.auctions;
    const streamDelaySeconds = streamDelayOf(settings.streamDelaySeconds, auctionRules?.streamDelaySeconds);
    const fixed = {
      status: 'running' as const,
      startedAt: deps.clock.now().toISOString(),
      startedBy: interaction.id,
      hostCutBps: settings.hostCutBps,
      gapSeconds: settings.gapSeconds,
      streamDelaySeconds,
      finalCallSeconds: finalCallOf(undefined, auctionRules?.finalCallSeconds, streamDelaySeconds),
    };
    tx.update(showPath(show.showId), fixed);
    return { ...show, ...fixed };
  });
  if (!started) return showRefusals.alreadyOnAir;
  const outcome = await putUpNextLot(deps, started.showId, { by: 'start' });
  if (outcome.kind === 'up' || outcome.kind === 'lot-live') return showAnswers.started(started, deps.publicBaseUrl);
  return lotOutcomeAnswer(outcome);
}
