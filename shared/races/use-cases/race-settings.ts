/**
 * @module race-settings
 * A guild's race rules as `/race settings` left them, with the defaults for what it never set.
 */
import type { DocumentStore } from '../../ports';
import { raceSettingsOf, type RaceSettings } from '../rules/race';
import { guildRacesPath } from '../rules/race';

export async function loadRaceSettings(deps: { store: DocumentStore; currency: string }, guildId: string): Promise<RaceSettings> {
  const guild = await deps.store.get(guildRacesPath(guildId));
  return raceSettingsOf(guild?.races, deps.currency);
}
