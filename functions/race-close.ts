/**
 * Cloud Tasks target: closes a race window its host left open, at the guild's maximum.
 */
import type { Platform } from '../shared/platform';
import { raceDeps } from '../shared/router/race-wiring';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseLobbyTask, closeRaceOnTime } from '../shared/races';

export function raceClose(platform: Platform) {
  return taskFunction('raceClose', platform.config, async (req) => {
    const task = taskPayload(req, parseLobbyTask);
    if (task) await closeRaceOnTime(raceDeps(platform), task);
    return taskDone;
  });
}
