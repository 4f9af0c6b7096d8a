/**
 * @module open-race
 * `/race open [title]`: a host opens a lobby in this channel and its message is posted with
 * Join and Leave. The lobby id comes from the interaction, so a redelivered command finds
 * the lobby it made and posts nothing twice.
 */
import type { DiscordMessage } from '../../ports';
import { shortIdFrom, personName, visibleText } from '../../common';
import { commandCall, invoker, type Interaction, refusals, placeOf } from '../../discord';
import { canHost, maxTitleLength, raceLobbyPath, withRacers, type RaceLobby } from '../rules/race';
import { lobbyMessage, lobbyOpened, raceRefusals } from '../rules/race-messages';
import { loadRaceSettings } from './race-settings';
import { type RaceDeps } from './race-deps';

export async function openRace(deps: RaceDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user: host, guildId } = place;
  const settings = await loadRaceSettings(deps, guildId);
  if (!canHost(interaction, settings)) return raceRefusals.notHost;
  // A title that shows nothing (zero-width characters only) is as good as none.
  const title = visibleText(String(commandCall(interaction).options.title ?? '')) ?? `${personName(host)}’s race`;
  if (title.length > maxTitleLength) return raceRefusals.title;

  const lobby = await ensureLobby(deps, interaction, { title, maxRacers: settings.maxRacers });
  if (!lobby) return raceRefusals.runAgain;
  await postLobbyMessage(deps, lobby, settings.commissionBps);
  return lobbyOpened(lobby);
}

/** The lobby this interaction opens, created once; undefined when its short id is another command's. */
export async function ensureLobby(deps: RaceDeps, interaction: Interaction, terms: { title: string; maxRacers: number }): Promise<RaceLobby | undefined> {
  const lobbyId = shortIdFrom(`race:${interaction.id}`);
  const lobby: RaceLobby = {
    lobbyId,
    guildId: interaction.guild_id as string,
    channelId: interaction.channel_id as string,
    hostId: invoker(interaction)?.id as string,
    title: terms.title,
    status: 'open',
    ...withRacers([]),
    maxRacers: terms.maxRacers,
    createdAt: deps.clock.now().toISOString(),
    interactionId: interaction.id,
    poolCents: 0,
    salesCount: 0,
    shares: {},
  };
  if (await deps.store.createIfAbsent(raceLobbyPath(lobbyId), lobby)) return lobby;
  const existing = await deps.store.get(raceLobbyPath(lobbyId));
  // Only a redelivery of the same command finds its lobby; another command's under the same short id is not this host's.
  if (existing && existing.interactionId !== undefined && existing.interactionId !== interaction.id) return undefined;
  return existing ?? lobby;
}

/** Posts the lobby message unless a first delivery already did. */
export async function postLobbyMessage(deps: RaceDeps, lobby: RaceLobby, rateBps: number): Promise<RaceLobby> {
  if (lobby.messageId) return lobby;
  const { messageId } = await deps.discord.postToChannel(lobby.channelId, lobbyMessage(lobby, rateBps));
  await deps.store.update(raceLobbyPath(lobby.lobbyId), { messageId });
  return { ...lobby, messageId };
}
