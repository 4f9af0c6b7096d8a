/**
 * @module race-tasks
 * The two tasks races schedule: the window's automatic close, and the lobby message's edit
 * (at most one a second, so a burst of sales costs one Discord edit a second, and the last
 * state shows); with the parser their functions read them back with.
 */
import type { Clock, TaskQueue } from '../../ports';
import { isLobbyIdShaped, raceCloseTaskName, raceMessageSlot } from '../rules/race';
import { isDueAtMs, scheduleTask } from '../../common';

export interface LobbyTask {
  lobbyId: string;
}

/** The lobby message's edit: due at the second it is named for (absent from tasks scheduled before it was carried). */
export interface RaceMessageTask extends LobbyTask {
  dueAtMs?: number;
}

export function scheduleRaceClose(tasks: TaskQueue, lobbyId: string, closesByMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'raceClose', { name: raceCloseTaskName(lobbyId), payload: { lobbyId } satisfies LobbyTask, atMs: closesByMs });
}

/** Asks for the lobby message to show the lobby as it is a moment from now. */
export function scheduleRaceMessage(deps: { tasks: TaskQueue; clock: Clock }, lobbyId: string): Promise<unknown> {
  const slot = raceMessageSlot(lobbyId, deps.clock.now().getTime());
  const payload: RaceMessageTask = { lobbyId, dueAtMs: slot.atMs };
  return scheduleTask(deps.tasks, 'raceMessage', { name: slot.name, payload, atMs: slot.atMs });
}

export function parseLobbyTask(payload: unknown): LobbyTask | undefined {
  const lobbyId = (payload as Partial<LobbyTask> | null)?.lobbyId;
  return typeof lobbyId === 'string' && isLobbyIdShaped(lobbyId) ? { lobbyId } : undefined;
}

export function parseRaceMessageTask(payload: unknown): RaceMessageTask | undefined {
  const lobby = parseLobbyTask(payload);
  const dueAtMs = (payload as Partial<RaceMessageTask> | null)?.dueAtMs;
  if (!lobby || dueAtMs === undefined) return lobby;
  return isDueAtMs(dueAtMs) ? { ...lobby, dueAtMs } : undefined;
}
