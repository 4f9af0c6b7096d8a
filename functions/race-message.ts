/**
 * Cloud Tasks target: edits a race lobby's message to show its racers and pot, at most
 * once a second (the task is named from the second it runs in).
 */
import { raceDeps, type Platform } from '../shared/platform';
import { rawBodyOf } from '../shared/triggers/http-trigger';
import { taskFunction } from '../shared/triggers/task-trigger';
import { parseLobbyTask } from '../shared/app/races/race-tasks';
import { refreshRaceMessage } from '../shared/app/races/refresh-race-message';
import { jsonOf } from '../shared/domain/common/json';

export function raceMessage(platform: Platform) {
  return taskFunction('raceMessage', platform.config, '/tasks/race-message', async (req) => {
    const task = parseLobbyTask(jsonOf(rawBodyOf(req)));
    if (task) await refreshRaceMessage(raceDeps(platform), task);
    return { status: 204, text: '' };
  });
}
