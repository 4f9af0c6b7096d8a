/**
 * Cloud Tasks target: a batch of a group buy's milestone reaching its orders, after the
 * builder proved it once live (`/c500 live mode:groupbuy:<id> milestone:<m>`); each batch arms
 * the next. The task's OIDC token is checked in code as well as by Cloud Run's IAM.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseMilestoneTask, runMilestoneBatch } from '../shared/live';
import { milestoneFanOutDeps } from '../shared/router/live-wiring';

export function groupbuyMilestone(platform: Platform) {
  return taskFunction('groupbuyMilestone', platform.config, async (req) => {
    const task = taskPayload(req, parseMilestoneTask);
    if (task) await runMilestoneBatch(milestoneFanOutDeps(platform), task);
    return taskDone;
  });
}
