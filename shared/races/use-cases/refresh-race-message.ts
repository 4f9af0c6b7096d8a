/**
 * @module refresh-race-message
 * The lobby message's edit, run by the task a change scheduled for the next whole second:
 * joins, the start, every sale and refund, the end. It shows the lobby as it is when the
 * task runs, so a burst of sales costs one edit a second and the last state always shows.
 * The same task folds the race's sales (fold-race-sales): at most one a second a race.
 * A run before its second is refused (`TaskNotDueYet`, and Cloud Tasks brings it back): it
 * would show the lobby too soon, and a change later that second finds the name taken.
 */
import type { Clock, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { editAtMostEverySecond } from '../../discord';
import { lobbyMessage } from '../rules/race-messages';
import { raceMessageEditPath } from '../rules/race';
import { TaskNotDueYet } from '../../errors';
import { scheduleRaceMessage, type RaceMessageTask } from './race-tasks';
import { foldRaceSales } from './fold-race-sales';
import { loadRaceSettings } from './race-settings';
import { lobbyWithPot } from './race-balances';

/**
 * Folds the race's sales a second old into the wallets and the pot (asking for this task
 * again a second on while some are left), then edits the message when it would show
 * something new and the last edit is a second old (see throttled-edit).
 */
export async function refreshRaceMessage(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock; tasks: TaskQueue; currency: string },
  task: RaceMessageTask,
): Promise<boolean> {
  if (task.dueAtMs !== undefined && deps.clock.now().getTime() < task.dueAtMs) throw new TaskNotDueYet(task.dueAtMs);
  const fold = await foldRaceSales(deps, task.lobbyId);
  if (fold.more) await scheduleRaceMessage(deps, task.lobbyId);
  const lobby = await lobbyWithPot(deps.store, task.lobbyId);
  if (!lobby?.messageId) return false;
  const rate = lobby.commissionBps ?? (await loadRaceSettings(deps, lobby.guildId)).commissionBps;
  return editAtMostEverySecond(deps, {
    path: raceMessageEditPath(lobby.lobbyId),
    owner: { lobbyId: lobby.lobbyId },
    channelId: lobby.channelId,
    messageId: lobby.messageId,
    message: lobbyMessage(lobby, rate),
  });
}
