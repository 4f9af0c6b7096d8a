/**
 * @module arrange-lots
 * `/c500 show lots [page]` lists the run sheet privately, with buttons for the host; each
 * press moves a lot up or down among those still up next, or removes it. A lot that went
 * up is the auction's now and stays put. The answer is the list as it is after the press.
 */
import type { DiscordMessage } from '../../ports';
import { commandCall, type Interaction, refusals, placeOf } from '../../discord';
import { canHostShow, showPath, type LotAction, type Show, type ShowLot } from '../rules/show';
import { lotsMessage, lotsPerPage, showRefusals } from '../rules/show-messages';
import { showIn } from './show-channel';
import { loadShowSettings } from './show-settings';
import { afterChange } from './lot-hammered';
import type { ShowPaymentDeps } from './show-deps';

export async function listLots(deps: ShowPaymentDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { guildId, channelId } = place;
  const show = await showIn(deps.store, channelId);
  if (!show || show.guildId !== guildId) return showRefusals.noShowHere;
  const settings = await loadShowSettings(deps.store, show.guildId);
  const page = Number(commandCall(interaction).options.page ?? 1);
  return lotsMessage(show, canHostShow(interaction, settings, show), Number.isInteger(page) && page >= 1 ? page - 1 : 0);
}

/** The host's press on a lot's button; permissions and the show's guild and channel are checked by the caller. */
export async function arrangeLot(deps: ShowPaymentDeps, show: Show, action: LotAction, lotId: string): Promise<DiscordMessage> {
  if (show.status === 'ended') return showRefusals.ended;
  const arranged = await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(showPath(show.showId));
    if (!current || current.status === 'ended') return undefined;
    const lots = rearranged(current.lots, action, lotId);
    if (!lots) return undefined;
    // A new step: a gap task already waiting for the lot that was next finds itself stale, and the next one is scheduled for the lot now next.
    // The last lot up next removed in the gap: nothing is left to run, so the show is over (and wraps up).
    const over = current.status === 'running' && !lots.some((l) => l.state === 'up-next' || l.state === 'live');
    const update = { lots, step: current.step + 1, ...(over ? { status: 'ended' as const, endedAt: deps.clock.now().toISOString(), nextLotAt: null } : {}) };
    tx.update(showPath(show.showId), update);
    return { ...current, ...update };
  });
  if (!arranged) return showRefusals.lotGone;
  await afterChange(deps, arranged);
  const position = arranged.lots.filter((l) => l.state === 'up-next').findIndex((l) => l.lotId === lotId);
  return lotsMessage(arranged, true, position < 0 ? 0 : Math.floor(position / lotsPerPage));
}

/** The lots after the press, or undefined when the lot is not up next any more. */
export function rearranged(lots: ShowLot[], action: LotAction, lotId: string): ShowLot[] | undefined {
  const index = lots.findIndex((l) => l.lotId === lotId);
  if (index < 0 || lots[index]?.state !== 'up-next') return undefined;
  if (action === 'remove') return lots.filter((l) => l.lotId !== lotId);
  // Swap with the nearest lot up next in that direction; at either end nothing moves.
  const direction = action === 'up' ? -1 : 1;
  let other = index + direction;
  while (other >= 0 && other < lots.length && lots[other]?.state !== 'up-next') other += direction;
  if (other < 0 || other >= lots.length) return lots;
  const moved = [...lots];
  [moved[index], moved[other]] = [moved[other] as ShowLot, moved[index] as ShowLot];
  return moved;
}
