/**
 * Cloud Tasks target: a show's run sheet edit, at most one a second.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseRunSheetTask, refreshRunSheet } from '../shared/shows';

export function showSheet(platform: Platform) {
  return taskFunction('showSheet', platform.config, async (req) => {
    const task = taskPayload(req, parseRunSheetTask);
    if (task)
      await refreshRunSheet(
        { store: platform.store(), book: platform.auctionBook(), discord: platform.discord(), tasks: platform.tasks(), clock: platform.clock },
        task.showId,
      );
    return taskDone;
  });
}
