/**
 * @module show-controls
 * The run sheet's buttons: Next lot, Pause, Resume and End show for the host; Pay now for
 * any winner. A button is input like any other: its show must be in this guild and this
 * channel, and only a host may run the show. Each change is one transaction on the show,
 * and every change bumps its step, so a gap task scheduled before it finds itself stale.
 */
import type { DiscordMessage } from '../../ports';
import { type Interaction, refusals, placeOf } from '../../discord';
import { canHostShow, liveLot, nextUpIndex, showPath, showButtonOf, type RunSheetAction, type Show, type ShowLot } from '../rules/show';
import { showAnswers, showRefusals } from '../rules/show-messages';
import { loadShowSettings } from './show-settings';
import { putUpNextLot, type NextLotOutcome } from './put-up-next-lot';
import { afterChange } from './lot-hammered';
import { wrapUpIfOwed } from './wrap-up-show';
import { payShowWinsNow } from './show-checkout';
import { arrangeLot } from './arrange-lots';
import type { ShowPaymentDeps } from './show-deps';

export async function pressShowButton(deps: ShowPaymentDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  const button = showButtonOf(interaction.data?.custom_id ?? '');
  if (!place) return refusals.guildOnly;
  const { user, guildId, channelId } = place;
  if (!button) return refusals.staleComponent;
  const show = await deps.store.get(showPath(button.showId));
  // Another guild's show, or one that never was: the same answer, so ids reveal nothing.
  if (!show || show.guildId !== guildId) return refusals.staleComponent;
  if (show.channelId !== channelId) return showRefusals.wrongChannel;
  if (button.action === 'pay') return payShowWinsNow(deps, show, user.id);
  const settings = await loadShowSettings(deps.store, show.guildId);
  if (!canHostShow(interaction, settings, show)) return showRefusals.notHost;
  if ('lotId' in button) return arrangeLot(deps, show, button.action, button.lotId);
  return controlShow(deps, show, button.action);
}

async function controlShow(deps: ShowPaymentDeps, show: Show, action: Exclude<RunSheetAction, 'pay'>): Promise<DiscordMessage> {
  if (show.status === 'ended') {
    // The press that ended it may have failed half-way through the wrap-up: its redelivery (or any later press) finishes it.
    await wrapUpIfOwed(deps, show);
    return action === 'end' ? showAnswers.ended(Boolean(liveLot(show))) : showRefusals.ended;
  }
  if (show.status === 'planning') return showRefusals.notOnAir;
  switch (action) {
    case 'next': {
      if (show.status === 'paused') return showRefusals.pausedFirst;
      const outcome = await putUpNextLot(deps, show.showId, { by: 'host' });
      return lotOutcomeAnswer(outcome);
    }
    case 'pause': {
      const changed = await change(deps, show.showId, (s) => (s.status === 'running' ? { status: 'paused', nextLotAt: null } : undefined));
      return changed ? showAnswers.paused(Boolean(liveLot(changed))) : showRefusals.notOnAir;
    }
    case 'resume': {
      const changed = await change(deps, show.showId, (s) => {
        if (s.status !== 'paused') return undefined;
        const waiting = !liveLot(s) && nextUpIndex(s) >= 0;
        // Nothing left to put up: resuming is the end of the show.
        if (!liveLot(s) && !waiting) return { status: 'ended', endedAt: deps.clock.now().toISOString(), nextLotAt: null };
        return { status: 'running', nextLotAt: waiting ? new Date(deps.clock.now().getTime() + s.gapSeconds * 1000).toISOString() : null };
      });
      if (!changed) return showRefusals.notPaused;
      return changed.status === 'ended' ? showAnswers.ended(false) : showAnswers.resumed(changed.gapSeconds);
    }
    case 'end': {
      const changed = await change(deps, show.showId, (s) =>
        s.status === 'ended'
          ? undefined
          : {
              status: 'ended',
              endedAt: deps.clock.now().toISOString(),
              nextLotAt: null,
              lots: s.lots.map((l): ShowLot => (l.state === 'up-next' ? { ...l, state: 'skipped', skippedBecause: 'the show ended before it' } : l)),
            },
      );
      return changed ? showAnswers.ended(Boolean(liveLot(changed))) : showRefusals.ended;
    }
  }
}

type ShowChange = Partial<Pick<Show, 'status' | 'endedAt' | 'lots'>> & { nextLotAt?: string | null };

/** One transaction: `decide` answers the change (or undefined: not now); the step moves on with it. */
async function change(deps: ShowPaymentDeps, showId: string, decide: (show: Show) => ShowChange | undefined): Promise<Show | undefined> {
  const changed = await deps.store.runTransaction(async (tx) => {
    const show = await tx.get(showPath(showId));
    const fields = show && decide(show);
    if (!show || !fields) return undefined;
    const update = { ...fields, step: show.step + 1 };
    tx.update(showPath(showId), update);
    return { ...show, ...update };
  });
  if (changed) await afterChange(deps, changed);
  return changed;
}

/** What the host reads when a lot did not go up. */
export function lotOutcomeAnswer(outcome: NextLotOutcome): DiscordMessage {
  switch (outcome.kind) {
    case 'up':
      return showAnswers.next;
    case 'lot-live':
      return showRefusals.lotStillLive;
    case 'none-left':
      return showRefusals.noneLeft;
    case 'not-on-air':
      return outcome.status === 'paused' ? showRefusals.pausedFirst : outcome.status === 'ended' ? showRefusals.ended : showRefusals.notOnAir;
    case 'channel-busy':
      return showRefusals.auctionLive(outcome.liveAuctionId);
    case 'stale':
    case 'gone':
      return refusals.staleComponent;
  }
}
