/**
 * @module configure-races
 * `/race settings` (show or change the guild's race rules) and `/race connect` (a shop's
 * webhook secret). Admins only, decided here whatever the command registration says.
 */
import type { DiscordMessage } from '../../ports';
import { commandCall, isGuildAdmin, type Interaction, refusals, placeOf } from '../../discord';
import { raceSettingsMessage, settingsRefusals, shopConnectedMessage } from '../rules/race-messages';
import { parseRaceSettings, parseShopConnection } from '../rules/race-settings-form';
import { shopConnectionsPath } from '../rules/shop-connection';
import { guildRacesPath } from '../rules/race';
import { loadRaceSettings } from './race-settings';
import { type RaceCommandDeps } from './race-deps';

export async function configureRaces(deps: RaceCommandDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { guildId } = place;
  if (!isGuildAdmin(interaction)) return settingsRefusals.notAdmin;
  const [current, guild, shops] = await Promise.all([
    loadRaceSettings(deps, guildId),
    deps.store.get(guildRacesPath(guildId)),
    deps.shopSecrets.get(shopConnectionsPath(guildId)),
  ]);
  const connected = { kofi: Boolean(shops?.kofi), shopify: Boolean(shops?.shopify) };
  const form = parseRaceSettings(commandCall(interaction).options, current, Boolean(guild?.races?.firstRaceAt));
  if (!form.ok) return settingsRefusals.invalid(form.problems);
  if (Object.keys(form.changes).length === 0) return raceSettingsMessage(current, connected, false);
  await deps.store.set(guildRacesPath(guildId), { races: form.changes }, { merge: true });
  return raceSettingsMessage({ ...current, ...form.changes }, connected, true);
}

export async function connectShop(deps: RaceCommandDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user: admin, guildId } = place;
  if (!isGuildAdmin(interaction)) return settingsRefusals.notAdmin;
  const form = parseShopConnection(commandCall(interaction).options);
  if (!form.ok) return settingsRefusals.connect(form.problem);
  if (form.shop !== 'stripe' && form.secret) {
    const connection = { secret: form.secret, connectedBy: admin.id, connectedAt: deps.clock.now().toISOString() };
    await deps.shopSecrets.set(shopConnectionsPath(guildId), { guildId, [form.shop]: connection }, { merge: true });
  }
  return shopConnectedMessage(form.shop, deps.publicBaseUrl, guildId);
}
