/**
 * @module wallet-view
 * `/wallet`: a racer's earnings in this guild, privately: pending, paid out, earned, the
 * last races and how far the payout threshold is.
 */
import type { DiscordMessage, DocumentStore } from '../../ports';
import { type Interaction, refusals, placeOf } from '../../discord';
import { racerName } from '../rules/race';
import { walletMessage } from '../rules/race-messages';
import { readWallet } from './race-balances';
import { loadRaceSettings } from './race-settings';

export async function walletView(deps: { store: DocumentStore; currency: string }, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId } = place;
  const [wallet, settings] = await Promise.all([readWallet(deps.store, guildId, user.id), loadRaceSettings(deps, guildId)]);
  return walletMessage(racerName(user), wallet, settings);
}
