/**
 * @module refresh-race-message
 * The lobby message's edit, run by the task a change scheduled for the next whole second:
 * joins, the start, every sale and refund, the end. It shows the lobby as it is when the
 * task runs, so a burst of sales costs one edit a second and the last state always shows.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../ports';
import { lobbyMessage } from '../domain/race-messages';
import type { LobbyTask } from './race-deps';
import { loadRaceSettings } from './race-deps';
import { lobbyWithPot } from './race-balances';

export async function refreshRaceMessage(deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock; currency: string }, task: LobbyTask): Promise<boolean> {
  const lobby = await lobbyWithPot(deps.store, task.lobbyId);
  if (!lobby?.messageId) return false;
  const rate = lobby.commissionBps ?? (await loadRaceSettings(deps, lobby.guildId)).commissionBps;
  await deps.discord.editChannelMessage(lobby.channelId, lobby.messageId, lobbyMessage(lobby, rate));
  return true;
}
