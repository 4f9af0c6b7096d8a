/**
 * @module refresh-race-message
 * The lobby message's edit, run by the task a change scheduled for the next whole second:
 * joins, the start, every sale and refund, the end. It shows the lobby as it is when the
 * task runs, so a burst of sales costs one edit a second and the last state always shows.
 */
import { createHash } from 'node:crypto';
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { lobbyMessage } from '../rules/race-messages';
import { raceMessageEditPath } from '../rules/race';
import type { LobbyTask } from './race-tasks';
import { loadRaceSettings } from './race-settings';
import { lobbyWithPot } from './race-balances';

/** Discord's rule for a busy message: one edit a second. */
const editSpacingMs = 1_000;

/**
 * Edits the message when it would show something new and the last edit is a second old.
 * A repeated call changes nothing; an early one (within the second) throws `TaskNotDueYet`,
 * so the task is retried and the last state still shows.
 */
export async function refreshRaceMessage(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock; currency: string },
  task: LobbyTask,
): Promise<boolean> {
  const lobby = await lobbyWithPot(deps.store, task.lobbyId);
  if (!lobby?.messageId) return false;
  const rate = lobby.commissionBps ?? (await loadRaceSettings(deps, lobby.guildId)).commissionBps;
  const message = lobbyMessage(lobby, rate);
  const shown = createHash('sha256').update(JSON.stringify(message)).digest('base64url');
  const path = raceMessageEditPath(lobby.lobbyId);
  const claimed = await deps.store.runTransaction(async (tx) => {
    const last = await tx.get(path);
    if (last?.shown === shown) return undefined;
    const nowMs = deps.clock.now().getTime();
    if (last && nowMs < last.editedAtMs + editSpacingMs) throw new TaskNotDueYet(last.editedAtMs + editSpacingMs);
    tx.set(path, { lobbyId: lobby.lobbyId, shown, editedAtMs: nowMs });
    return last ?? null;
  });
  if (claimed === undefined) return false;
  try {
    await deps.discord.editChannelMessage(lobby.channelId, lobby.messageId, message);
  } catch (error) {
    // Not shown after all: give the claim back so the retry edits.
    await deps.store.set(path, claimed ? { ...claimed } : { lobbyId: lobby.lobbyId, shown: '', editedAtMs: 0 });
    throw error;
  }
  return true;
}
