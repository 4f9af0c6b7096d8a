/**
 * @module show-settings
 * A guild's show rules as `/c500 show settings` left them, with the defaults for what it
 * never set; and the command itself (admins only, decided here whatever Discord shows).
 */
import type { DiscordMessage, DocumentStore } from '../../ports';
import { guildShowsPath, showSettingsOf, type ShowSettings } from '../rules/show';
import { parseShowSettings } from '../rules/show-forms';
import { showAnswers, showRefusals } from '../rules/show-messages';
import { commandCall, isGuildAdmin, type Interaction, refusals, placeOf } from '../../discord';
import type { ShowDeps } from './show-deps';

export async function loadShowSettings(store: DocumentStore, guildId: string): Promise<ShowSettings> {
  return showSettingsOf((await store.get(guildShowsPath(guildId)))?.shows);
}

export async function configureShows(deps: ShowDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { guildId } = place;
  if (!isGuildAdmin(interaction)) return showRefusals.notAdmin;
  const current = await loadShowSettings(deps.store, guildId);
  const form = parseShowSettings(commandCall(interaction).options, deps.marketplace.platformFeeBps);
  if (!form.ok) return showRefusals.invalidSettings(form.problems);
  if (Object.keys(form.changes).length === 0) return showAnswers.settings(current, false);
  await deps.store.set(guildShowsPath(guildId), { shows: form.changes }, { merge: true });
  return showAnswers.settings({ ...current, ...form.changes }, true);
}
