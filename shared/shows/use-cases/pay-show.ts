/**
 * @module pay-show
 * `/c500 show pay`: a winner pays now for what they won in this channel's show (the latest
 * one, ended or on air), one checkout per builder, as the run sheet's Pay now does.
 */
import type { DiscordMessage } from '../../ports';
import { invoker, type Interaction } from '../../discord/rules/interaction';
import { refusals } from '../../discord/rules/messages';
import { showRefusals } from '../rules/show-messages';
import { latestShowIn } from './show-channel';
import { payShowWinsNow } from './show-checkout';
import type { ShowPaymentDeps } from './show-deps';

export async function payShow(deps: ShowPaymentDeps, interaction: Interaction): Promise<DiscordMessage> {
  const user = invoker(interaction);
  if (!user || !interaction.guild_id || !interaction.channel_id) return refusals.guildOnly;
  const show = await latestShowIn(deps.store, interaction.channel_id);
  if (!show || show.guildId !== interaction.guild_id) return showRefusals.noShowHere;
  return payShowWinsNow(deps, show, user.id);
}
