/**
 * Cloud Tasks target: a show's run sheet edit, at most one a second.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseRunSheetTask, refreshRunSheet } from '../shared/shows';
import { runSheetDeps } from '../shared/router/show-board-wiring';

export function showSheet(platform: Platform) {
  return taskFunction('showSheet', platform.config, async (req) => {
    const task = taskPayload(req, parseRunSheetTask);
    if (task) await refreshRunSheet(runSheetDeps(platform), task.showId);
    return taskDone;
  });
}
