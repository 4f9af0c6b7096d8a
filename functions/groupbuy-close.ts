/**
 * Cloud Tasks target: a group buy's close at its `closesAt`, and the batches of charges after
 * a close that met its MOQ. The task's OIDC token is checked in code as well as by Cloud Run's
 * IAM; a close called before its time closes nothing.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseGroupBuyTask, runGroupBuyTask } from '../shared/groupbuys';
import { groupBuyCloseDeps } from '../shared/router/groupbuy-wiring';

export function groupbuyClose(platform: Platform) {
  return taskFunction('groupbuyClose', platform.config, async (req) => {
    const task = taskPayload(req, parseGroupBuyTask);
    if (!task) return taskDone;
    await runGroupBuyTask(groupBuyCloseDeps(platform), task);
    return taskDone;
  });
}
