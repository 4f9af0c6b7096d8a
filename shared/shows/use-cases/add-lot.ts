/**
 * @module add-lot
 * `/c500 show add item: price: duration: [reserve] [sudden-death] [counter-bid]`: a builder
 * who can be paid adds one of their items to the channel's show. The lot is the builder's:
 * its money goes to their Connect account, held until proof of work as with any order. They
 * are told the host's cut before anything sells. Redelivered, the command finds its own lot.
 */
import type { DiscordMessage } from '../../ports';
import { commandCall, type Interaction, refusals, placeOf } from '../../discord';
import { shortIdFrom, personName } from '../../common';
import { accountRevoked, builderPath, canSell } from '../../onboarding';
import { showLimits, showPath, type Show, type ShowLot } from '../rules/show';
import { parseLot } from '../rules/show-forms';
import { showAnswers, showRefusals } from '../rules/show-messages';
import { showIn } from './show-channel';
import { loadShowSettings } from './show-settings';
import { runSheetChanged } from './refresh-run-sheet';
import type { ShowDeps } from './show-deps';

export async function addLot(deps: ShowDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId, channelId } = place;
  const form = parseLot(commandCall(interaction).options, deps.marketplace.currency);
  if (!form.ok) return showRefusals.invalidLot(form.problems);
  const [builder, found] = await Promise.all([deps.store.get(builderPath(user.id)), showIn(deps.store, channelId)]);
  if (!found || found.guildId !== guildId) return showRefusals.noShowHere;
  if (accountRevoked(builder)) return showRefusals.accountRevoked;
  if (!canSell(builder)) return showRefusals.notOnboarded;

  const lotId = shortIdFrom(`lot:${interaction.id}`);
  const { lot: f } = form;
  const added = await deps.store.runTransaction(async (tx): Promise<{ refusal: DiscordMessage } | { show: Show; lot: ShowLot; number: number }> => {
    const show = await tx.get(showPath(found.showId));
    if (!show || show.status === 'ended') return { refusal: showRefusals.ended };
    const own = show.lots.findIndex((l) => l.lotId === lotId);
    if (own >= 0) return { show, lot: show.lots[own] as ShowLot, number: own + 1 };
    if (show.lots.length >= showLimits.maxLots) return { refusal: showRefusals.full };
    const lot: ShowLot = {
      lotId,
      builderId: user.id,
      builderName: builder?.displayName ?? personName(user),
      item: f.item,
      startCents: f.startCents,
      durationSeconds: f.durationSeconds,
      reserveCents: f.reserveCents,
      ...(f.counterBidSeconds !== undefined ? { counterBidSeconds: f.counterBidSeconds } : {}),
      suddenDeath: f.suddenDeath,
      addedAt: deps.clock.now().toISOString(),
      state: 'up-next',
    };
    tx.update(showPath(show.showId), { lots: [...show.lots, lot] });
    return { show: { ...show, lots: [...show.lots, lot] }, lot, number: show.lots.length + 1 };
  });
  if ('refusal' in added) return added.refusal;
  await runSheetChanged(deps, added.show.showId);
  const settings = await loadShowSettings(deps.store, added.show.guildId);
  const fixed = added.show.hostCutBps !== undefined;
  return showAnswers.lotAdded(added.show, added.lot, added.number, {
    hostCutBps: added.show.hostCutBps ?? settings.hostCutBps,
    fixed,
    platformFeeBps: deps.marketplace.platformFeeBps,
  });
}
