/**
 * @module pay-show
 * `/c500 show pay`: a winner pays now for what they won in this channel's show (the latest
 * one, ended or on air), one checkout per builder, as the run sheet's Pay now does.
 */
import type { DiscordMessage } from '../../ports';
import { type Interaction, refusals, placeOf } from '../../discord';
import { showRefusals } from '../rules/show-messages';
import { latestShowIn } from './show-channel';
import { payShowWinsNow } from './show-checkout';
import type { ShowPaymentDeps } from './show-deps';

export async function payShow(deps: ShowPaymentDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId, channelId } = place;
  const show = await latestShowIn(deps.store, channelId);
  if (!show || show.guildId !== guildId) return showRefusals.noShowHere;
  return payShowWinsNow(deps, show, user.id);
}
