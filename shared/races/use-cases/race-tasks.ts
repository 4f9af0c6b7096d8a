/**
 * @module race-tasks
 * The two tasks races schedule: the window's automatic close, and the lobby message's edit
 * (at most one a second, so a burst of sales costs one Discord edit a second, and the last
 * state shows); with the parser their functions read them back with.
 */
import type { Clock, TaskQueue } from '../../ports';
import { isLobbyIdShaped, raceCloseTaskName, raceMessageSlot } from '../rules/race';
import { taskTarget } from '../../registry';

export interface LobbyTask {
  lobbyId: string;
}

const closeTarget = taskTarget('raceClose');
const messageTarget = taskTarget('raceMessage');

export function scheduleRaceClose(tasks: TaskQueue, lobbyId: string, closesByMs: number): Promise<unknown> {
  return tasks.schedule({
    queue: closeTarget.queue,
    name: raceCloseTaskName(lobbyId),
    target: closeTarget.route,
    payload: { lobbyId } satisfies LobbyTask,
    runAt: new Date(closesByMs),
  });
}

/** Asks for the lobby message to show the lobby as it is a moment from now. */
export function scheduleRaceMessage(deps: { tasks: TaskQueue; clock: Clock }, lobbyId: string): Promise<unknown> {
  const slot = raceMessageSlot(lobbyId, deps.clock.now().getTime());
  return deps.tasks.schedule({
    queue: messageTarget.queue,
    name: slot.name,
    target: messageTarget.route,
    payload: { lobbyId } satisfies LobbyTask,
    runAt: new Date(slot.atMs),
  });
}

export function parseLobbyTask(payload: unknown): LobbyTask | undefined {
  const lobbyId = (payload as Partial<LobbyTask> | null)?.lobbyId;
  return typeof lobbyId === 'string' && isLobbyIdShaped(lobbyId) ? { lobbyId } : undefined;
}
