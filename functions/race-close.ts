/**
 * Cloud Tasks target: closes a race window its host left open, at the guild's maximum.
 */
import { raceDeps, type Platform } from '../shared/platform';
import { rawBodyOf } from '../shared/triggers/http-trigger';
import { taskFunction } from '../shared/triggers/task-trigger';
import { parseLobbyTask } from '../shared/app/races/race-tasks';
import { closeRaceOnTime } from '../shared/app/races/end-race';
import { jsonOf } from '../shared/domain/common/json';

export function raceClose(platform: Platform) {
  return taskFunction('raceClose', platform.config, '/tasks/race-close', async (req) => {
    const task = parseLobbyTask(jsonOf(rawBodyOf(req)));
    // A malformed task can never succeed: acknowledge it instead of retrying.
    if (task) await closeRaceOnTime(raceDeps(platform), task);
    return { status: 204, text: '' };
  });
}
