/**
 * @module show-wallet
 * `/wallet`: a racer's earnings in this guild, privately: pending, paid out, earned, the
 * last races and how far the payout threshold is.
 */
import type { DiscordMessage, DocumentStore } from '../../ports';
import { invoker, type Interaction } from '../../discord/rules/interaction';
import { refusals } from '../../discord/rules/messages';
import { racerName } from '../rules/race';
import { walletMessage } from '../rules/race-messages';
import { readWallet } from './race-balances';
import { loadRaceSettings } from './race-settings';

export async function showWallet(deps: { store: DocumentStore; currency: string }, interaction: Interaction): Promise<DiscordMessage> {
  const user = invoker(interaction);
  if (!user || !interaction.guild_id) return refusals.guildOnly;
  const [wallet, settings] = await Promise.all([readWallet(deps.store, interaction.guild_id, user.id), loadRaceSettings(deps, interaction.guild_id)]);
  return walletMessage(racerName(user), wallet, settings);
}
