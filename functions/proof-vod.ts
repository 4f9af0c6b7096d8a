/**
 * Cloud Tasks target: a proof whose clip failed looks for the stream's VOD (one attempt per
 * task; the use case checks the attempt is due and the order still waits for it).
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { findProofVod, parseVodSearchTask } from '../shared/live';
import { proofVodDeps } from '../shared/router/live-wiring';

export function proofVod(platform: Platform) {
  return taskFunction('proofVod', platform.config, async (req) => {
    const task = taskPayload(req, parseVodSearchTask);
    if (task) await findProofVod(proofVodDeps(platform), task);
    return taskDone;
  });
}
