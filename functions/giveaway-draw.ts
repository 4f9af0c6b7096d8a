/**
 * Cloud Tasks target: a giveaway's draw at its end, and each winner's deadline to confirm.
 * The task's OIDC token is checked in code as well as by Cloud Run's IAM; a call before its
 * time draws nothing.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseGiveawayTask, runGiveawayTask } from '../shared/giveaways';
import { giveawayDrawDeps } from '../shared/router/giveaway-wiring';

export function giveawayDraw(platform: Platform) {
  return taskFunction('giveawayDraw', platform.config, async (req) => {
    const task = taskPayload(req, parseGiveawayTask);
    if (!task) return taskDone;
    await runGiveawayTask(giveawayDrawDeps(platform), task);
    return taskDone;
  });
}
