/**
 * Cloud Tasks target: edits a race lobby's message to show its racers and pot, at most
 * once a second (the task is named from the second it runs in).
 */
import type { Platform } from '../shared/platform';
import { raceDeps } from '../shared/router/race-wiring';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseRaceMessageTask, refreshRaceMessage } from '../shared/races';

export function raceMessage(platform: Platform) {
  return taskFunction('raceMessage', platform.config, async (req) => {
    const task = taskPayload(req, parseRaceMessageTask);
    if (task) await refreshRaceMessage(raceDeps(platform), task);
    return taskDone;
  });
}
