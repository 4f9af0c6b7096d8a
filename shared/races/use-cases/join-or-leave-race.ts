/**
 * @module join-or-leave-race
 * The lobby's Join and Leave buttons. The grid changes in a transaction (eight racers
 * pressing Join at once all get their place, and never a ninth); the presser gets a private
 * answer at once and the lobby message shows the grid within a second.
 */
import type { DiscordMessage } from '../../ports';
import { placeOf, type Interaction, refusals } from '../../discord';
import { raceButtonOf, raceLobbyPath, racerName, withRacers } from '../rules/race';
import { joinedAnswer, leftAnswer, raceRefusals } from '../rules/race-messages';
import { loadRaceSettings } from './race-settings';
import { scheduleRaceMessage } from './race-tasks';
import { type RaceDeps } from './race-deps';

export async function pressRaceButton(deps: RaceDeps, interaction: Interaction): Promise<DiscordMessage> {
  const button = raceButtonOf(interaction.data?.custom_id ?? '');
  if (!button) return refusals.staleComponent;
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId, channelId } = place;
  // What a racer will share, as the guild's settings say now (the start fixes it for the race).
  const { commissionBps } = await loadRaceSettings(deps, guildId);
  const change = await deps.store.runTransaction(async (tx): Promise<{ answer: DiscordMessage; changed: boolean }> => {
    const lobby = await tx.get(raceLobbyPath(button.lobbyId));
    // A lobby's buttons work in its own channel only: a button id replayed anywhere else finds no lobby.
    if (!lobby || lobby.guildId !== guildId || lobby.channelId !== channelId || lobby.status === 'ended')
      return { answer: raceRefusals.lobbyGone, changed: false };
    if (lobby.status === 'racing') return { answer: raceRefusals.alreadyStarted(lobby), changed: false };
    const place = lobby.racers.findIndex((r) => r.userId === user.id) + 1;
    if (button.action === 'leave') {
      if (place === 0) return { answer: raceRefusals.notIn(lobby), changed: false };
      tx.update(raceLobbyPath(lobby.lobbyId), withRacers(lobby.racers.filter((r) => r.userId !== user.id)));
      return { answer: leftAnswer(lobby), changed: true };
    }
    if (place > 0) return { answer: raceRefusals.alreadyIn(lobby, place), changed: false };
    if (lobby.racers.length >= lobby.maxRacers) return { answer: raceRefusals.full(lobby), changed: false };
    tx.update(raceLobbyPath(lobby.lobbyId), withRacers([...lobby.racers, { userId: user.id, name: racerName(user) }]));
    return { answer: joinedAnswer(lobby, lobby.racers.length + 1, commissionBps), changed: true };
  });
  if (change.changed) await scheduleRaceMessage(deps, button.lobbyId);
  return change.answer;
}
