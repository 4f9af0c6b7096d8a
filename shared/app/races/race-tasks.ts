/**
 * @module race-deps
 * What the race use cases are given, the guild's race settings, and the two tasks they
 * schedule: the window's automatic close, and the lobby message's edit (at most one a
 * second, so a burst of sales costs one Discord edit a second, and the last state shows).
 */
import type { Clock, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { isLobbyIdShaped, raceCloseTaskName, raceMessageSlot, raceSettingsOf, type RaceSettings } from '../../domain/races/race';
import { guildPath } from '../../domain/guild/guild';
import { taskTarget } from '../../registry';

export interface RaceDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
  /** The deployment's currency: a guild's until an admin sets its own. */
  currency: string;
  /** For the overlay link a host puts in OBS. */
  publicBaseUrl: string;
}

/** The race commands also connect shops: their webhook secrets live in a database of their own. */
export interface RaceCommandDeps extends RaceDeps {
  shopSecrets: DocumentStore;
}

export interface LobbyTask {
  lobbyId: string;
}


const closeTarget = taskTarget('raceClose');
const messageTarget = taskTarget('raceMessage');

export function scheduleRaceClose(tasks: TaskQueue, lobbyId: string, closesByMs: number): Promise<unknown> {
  return tasks.schedule({ queue: closeTarget.queue, name: raceCloseTaskName(lobbyId), target: closeTarget.route, payload: { lobbyId } satisfies LobbyTask, runAt: new Date(closesByMs) });
}

/** Asks for the lobby message to show the lobby as it is a moment from now. */
export function scheduleRaceMessage(deps: { tasks: TaskQueue; clock: Clock }, lobbyId: string): Promise<unknown> {
  const slot = raceMessageSlot(lobbyId, deps.clock.now().getTime());
  return deps.tasks.schedule({ queue: messageTarget.queue, name: slot.name, target: messageTarget.route, payload: { lobbyId } satisfies LobbyTask, runAt: new Date(slot.atMs) });
}

export function parseLobbyTask(payload: unknown): LobbyTask | undefined {
  const lobbyId = (payload as Partial<LobbyTask> | null)?.lobbyId;
  return typeof lobbyId === 'string' && isLobbyIdShaped(lobbyId) ? { lobbyId } : undefined;
}

export async function loadRaceSettings(deps: { store: DocumentStore; currency: string }, guildId: string): Promise<RaceSettings> {
  const guild = await deps.store.get(guildPath(guildId));
  return raceSettingsOf(guild?.races, deps.currency);
}
