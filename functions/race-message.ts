/**
 * Cloud Tasks target: edits a race lobby's message to show its racers and pot, at most
 * once a second (the task is named from the second it runs in).
 */
import { raceDeps, type Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseLobbyTask } from '../shared/races/use-cases/race-tasks';
import { refreshRaceMessage } from '../shared/races/use-cases/refresh-race-message';

export function raceMessage(platform: Platform) {
  return taskFunction('raceMessage', platform.config, async (req) => {
    const task = taskPayload(req, parseLobbyTask);
    if (task) await refreshRaceMessage(raceDeps(platform), task);
    return taskDone;
  });
}
